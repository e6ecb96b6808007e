import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../../src/config';

describe('slack/manifest.yml', () => {
  const manifest = readFileSync(join(import.meta.dirname, '../../../../slack/manifest.yml'), 'utf8');
  const list = (key: string) => [...manifest.slice(manifest.indexOf(`${key}:`)).matchAll(/^\s+- ([\w:.]+)/gm)].map((m) => m[1]);

  it('asks for exactly the bot scopes the bot uses', () => {
    expect(list('bot').slice(0, 6).sort()).toEqual(['app_mentions:read', 'channels:history', 'chat:write', 'commands', 'groups:history', 'im:history']);
  });

  it('subscribes to mentions and direct messages, and points every URL at the routes the server serves', () => {
    expect(list('bot_events').slice(0, 2)).toEqual(['app_mention', 'message.im']);
    const urls = [...manifest.matchAll(/(?:url|request_url): (\S+)/g)].map((m) => m[1]);
    expect(urls.sort()).toEqual(['https://your-host.example.com/slack/commands', 'https://your-host.example.com/slack/events', 'https://your-host.example.com/slack/interactions']);
    expect(manifest).toMatch(/is_enabled: true/);
  });

  it('registers the slash command the server expects by default', () => {
    expect(manifest).toContain(`- command: ${parseConfig({}).SLACK_COMMAND}\n`);
  });

  it('hints every subcommand the command handler reads', () => {
    expect(manifest).toContain('usage_hint: "<question> | brief [topic] | sources | help"');
  });
});
