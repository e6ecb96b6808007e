/** A form field name as Slack writes them (`response_url`, `channel_id`, `payload`). */
const FIELD_NAME = /^[a-z][a-z_]*$/;

/**
 * A Slack form body (slash commands, interactions), or undefined when the body is not one. The
 * signature covers the body, not the route, so a signed JSON events body whose text holds
 * `&command=…&response_url=…` would otherwise read as a command: here it has field names no Slack
 * form has (`{"type":…`), and is refused.
 */
export function parseSlackForm(body: string): URLSearchParams | undefined {
  const form = new URLSearchParams(body);
  for (const name of form.keys()) if (!FIELD_NAME.test(name)) return undefined;
  return form;
}

/**
 * True for a URL Slack itself hands out to answer on (a `response_url`): https on Slack's hooks
 * host, `SLACK_HOOKS_URL`. The server posts to no other URL on a Slack request's behalf.
 */
export function isSlackHook(url: string | null | undefined, hooksUrl: string): boolean {
  if (!url) return false;
  try {
    const target = new URL(url);
    const hooks = new URL(hooksUrl);
    return target.origin === hooks.origin && target.pathname.startsWith(hooks.pathname.replace(/\/?$/, '/')) && !target.username && !target.password;
  } catch {
    return false;
  }
}
