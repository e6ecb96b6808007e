import type { Answerer } from '../../../core/answer/types';
import { LIMITS } from './blocks';
import { truncate } from './mrkdwn';

/** A suggested prompt as Slack takes it: the label shown, and the message sent when it is picked. */
export interface Prompt {
  title: string;
  message: string;
}

/** Always offered first: the answerer briefs on the whole paper when asked this way. */
const BRIEFING_PROMPT: Prompt = { title: 'Brief me on the paper', message: 'Brief me on the paper' };
// Small talk, which every answerer declines without asking a model; a declined question's
// `followUps` are a spread of the questions the answerer checked it can answer when it loaded.
const DECLINED = 'Hello';

/**
 * The prompts to start with: a briefing, then three questions the answerer has checked it can
 * answer, spread over what the sources cover. Read through the Answerer interface, so it works the
 * same in process, on answer threads, on Workers and with a language model; asked once per
 * answerer (a reloaded index brings a new one), and asked again after a failure.
 */
export function createPromptSource(): (answerer: Answerer) => Promise<Prompt[]> {
  const known = new WeakMap<Answerer, Promise<Prompt[]>>();
  return (answerer) => {
    let prompts = known.get(answerer);
    if (!prompts) {
      prompts = answerer.ask({ question: DECLINED }).then(({ followUps }) => [BRIEFING_PROMPT, ...followUps.slice(0, 3).map(asPrompt)]);
      known.set(answerer, prompts);
      prompts.catch(() => known.delete(answerer));
    }
    return prompts;
  };
}

/** A question as a prompt; the label fits a button (the Home tab shows the same prompts). */
const asPrompt = (question: string): Prompt => ({ title: truncate(question, LIMITS.buttonText), message: question });
