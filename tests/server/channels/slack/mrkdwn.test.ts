import { describe, expect, it } from 'vitest';
import { escapeMrkdwn, fromSlackText, markdownToMrkdwn, truncate } from '../../../../src/server/channels/slack/mrkdwn';

describe('mrkdwn', () => {
  it('escapes exactly &, < and >, so text can never mention or link', () => {
    expect(escapeMrkdwn('<@U123> <!channel> & <https://x|y> “ok”')).toBe('&lt;@U123&gt; &lt;!channel&gt; &amp; &lt;https://x|y&gt; “ok”');
  });

  it('truncates with an ellipsis, never leaving half an entity or half an emoji', () => {
    expect(truncate('abcdef', 6)).toBe('abcdef');
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('ab &amp; c', 6)).toBe('ab…');
    expect(truncate('ab😀cd', 4)).toBe('ab…');
  });

  it('turns Markdown emphasis and bullets into Slack’s', () => {
    expect(markdownToMrkdwn('**ISKP** is\n- one\n  - two\n* three')).toBe('*ISKP* is\n• one\n  • two\n• three');
  });

  it('reads what a person typed: mentions dropped, links and channels reduced to labels, entities decoded', () => {
    expect(fromSlackText('<@UBOT> what about <#C1|general> and <https://a.b|this> &amp; &lt;that&gt;? <!here>')).toBe('what about #general and this & <that>?');
    expect(fromSlackText('<@UBOT|iskp>   <https://a.b>')).toBe('https://a.b');
  });
});
