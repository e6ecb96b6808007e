/**
 * What `/api/ask` and `/api/chat` accept, in characters (UTF-16 code units, as `String.length`
 * counts them): the question, each history turn, and how many turns the history holds. The API's
 * schema enforces them; Slack and the widget cut what they send to fit; the body cap is sized by them.
 */
export const REQUEST_LIMITS = { questionChars: 2000, turnChars: 4000, historyTurns: 20 } as const;
