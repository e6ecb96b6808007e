import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../../src/config';

describe('slack/manifest.yml', () => {
  const manifest = readFileSync(join(import.meta.dirname, '../../../../slack/manifest.yml'), 'utf8');
  const list = (key: string) => [...manifest.slice(manifest.indexOf(`${key}:`)).matchAll(/^\s+- ([\w:.]+)/gm)].map((m) => m[1]);

  it('asks for exactly the bot scopes the bot uses, each said what for', () => {
    expect(list('bot').slice(0, 7).sort()).toEqual(['app_mentions:read', 'assistant:write', 'channels:history', 'chat:write', 'commands', 'groups:history', 'im:history']);
    for (const scope of list('bot').slice(0, 7)) expect(manifest).toMatch(new RegExp(`- ${scope} # \\S`));
  });

  it('subscribes to mentions, direct messages and the App Home opening, and points every URL at the routes the server serves', () => {
    expect(list('bot_events').slice(0, 3)).toEqual(['app_mention', 'message.im', 'app_home_opened']);
    // Not app_context_changed: the bot uses what someone views only to greet them (docs/slack.md).
    expect(manifest).not.toMatch(/- app_context_changed/);
    const urls = [...manifest.matchAll(/(?:url|request_url): (\S+)/g)].map((m) => m[1]);
    expect(urls.sort()).toEqual(['https://your-host.example.com/slack/commands', 'https://your-host.example.com/slack/events', 'https://your-host.example.com/slack/interactions']);
    expect(manifest).toMatch(/is_enabled: true/);
  });

  it('turns on the Home tab and Slack’s agent view, describing the agent within Slack’s 300 characters', () => {
    expect(manifest).toMatch(/home_tab_enabled: true/);
    expect(manifest).toMatch(/messages_tab_enabled: true/);
    const description = /agent_view:\n\s+agent_description: (.+)/.exec(manifest)?.[1];
    expect(description?.length).toBeGreaterThan(0);
    expect(description!.length).toBeLessThanOrEqual(300);
  });

  it('registers the slash command the server expects by default', () => {
    expect(manifest).toContain(`- command: ${parseConfig({}).SLACK_COMMAND}\n`);
  });

  it('hints every subcommand the command handler reads', () => {
    expect(manifest).toContain('usage_hint: "<question> | brief [topic] | sources | help"');
  });
});
