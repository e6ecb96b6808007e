import { describe, expect, it } from 'vitest';
import { blockViolations, slackViolations } from '../../../helpers/slack-stand-in';

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const button = (label: string, action_id = 'a') => ({ type: 'button', action_id, text: { type: 'plain_text', text: label }, value: 'v' });
const feedback = { type: 'feedback_buttons', action_id: 'f', positive_button: { text: { type: 'plain_text', text: 'Yes' }, value: '1' }, negative_button: { text: { type: 'plain_text', text: 'No' }, value: '0' } };

/** The stand-ins' validator must refuse what Slack refuses, or every test that relies on it proves nothing. */
describe('the Slack stand-ins’ Block Kit validator', () => {
  it('accepts the blocks the app sends', () => {
    expect(blockViolations([{ type: 'header', text: { type: 'plain_text', text: 'T' } }, section('x'), { type: 'context', elements: [{ type: 'mrkdwn', text: 'c' }] }, { type: 'actions', block_id: 'b', elements: [button('Go')] }, { type: 'context_actions', elements: [feedback] }, { type: 'divider' }])).toEqual([]);
  });

  it.each([
    ['51 blocks', Array.from({ length: 51 }, () => section('x')), /more than 50/],
    ['a section text of 3,001 characters', [section('x'.repeat(3001))], /blocks\[0\]\.text\.text/],
    ['an empty section text', [section('')], /blocks\[0\]\.text\.text/],
    ['a button label of 76 characters', [{ type: 'actions', elements: [button('x'.repeat(76))] }], /elements\.0\.text\.text/],
    ['a button value of 2,001 characters', [{ type: 'actions', elements: [{ ...button('Go'), value: 'v'.repeat(2001) }] }], /value/],
    ['a misspelt field', [{ type: 'section', txt: { type: 'mrkdwn', text: 'x' } }], /blocks\[0\]/],
    ['a block type Slack does not know', [{ type: 'sectoin', text: { type: 'mrkdwn', text: 'x' } }], /blocks\[0\]\.type/],
    ['feedback buttons with one half', [{ type: 'context_actions', elements: [{ ...feedback, negative_button: undefined }] }], /negative_button/],
    ['eleven context elements', [{ type: 'context', elements: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'c' })) }], /elements/],
    ['one action id twice in a block', [{ type: 'actions', elements: [button('A'), button('B')] }], /action_id used twice/],
    ['one block id twice in a message', [{ ...section('a'), block_id: 'x' }, { ...section('b'), block_id: 'x' }], /block_id: x used twice/],
  ])('refuses %s', (_, blocks, problem) => {
    expect(blockViolations(blocks).join('\n')).toMatch(problem);
  });

  it('refuses Markdown text past 12,000 characters, five prompts, and a Home tab of 101 blocks', () => {
    expect(slackViolations('chat.appendStream', { markdown_text: 'x'.repeat(12_001) })).toEqual(['markdown_text: 12001 characters, more than 12000']);
    const prompt = { title: 'T', message: 'M' };
    expect(slackViolations('assistant.threads.setSuggestedPrompts', { channel_id: 'D1', prompts: Array(5).fill(prompt) }).join()).toMatch(/prompts/);
    expect(slackViolations('views.publish', { user_id: 'U1', view: { type: 'home', blocks: Array.from({ length: 101 }, () => section('x')) } }).join()).toMatch(/more than 100/);
  });

  it('refuses, in the agent view, suggested prompts set on a thread: Slack would drop them without a word', () => {
    const args = { channel_id: 'D1', thread_ts: '1.2', prompts: [{ title: 'T', message: 'M' }] };
    expect(slackViolations('assistant.threads.setSuggestedPrompts', args, { agentView: true })).toEqual([expect.stringMatching(/^agent view: /)]);
    expect(slackViolations('assistant.threads.setSuggestedPrompts', args, { agentView: false })).toEqual([]);
  });
});
