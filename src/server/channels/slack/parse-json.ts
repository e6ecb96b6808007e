/** JSON.parse that answers undefined instead of throwing: Slack payloads are validated by schema next. */
export function parseJson(text: string | null | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
