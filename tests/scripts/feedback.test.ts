import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { feedbackCsv } from '../../src/server/feedback/csv';
import { SAMPLE_VOTES } from '../helpers/feedback-votes';

const ROOT = join(import.meta.dirname, '../..');

const records = SAMPLE_VOTES;

let dataDir: string;
beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'iskp-feedback-'));
  // As the Node server writes it, plus a line cut short by a crash, which the reader skips.
  writeFileSync(join(dataDir, 'feedback.jsonl'), `${records.map((r) => JSON.stringify(r)).join('\n')}\n{"time":"2026-12-09T`);
});

/** `npm run feedback -- …args` over `dir` (the temp DATA_DIR by default), without Redis unless `env` sets it. */
function feedback(args: string[], { dir = dataDir, env = {} }: { dir?: string; env?: Record<string, string> } = {}) {
  const { REDIS_URL: _redis, ...inherited } = process.env;
  return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/feedback.ts', ...args], { cwd: ROOT, env: { ...inherited, DATA_DIR: dir, ...env }, encoding: 'utf8', timeout: 30_000 });
}

describe('npm run feedback', () => {
  it('prints the report as text, naming sources by their titles in the corpus', () => {
    const { status, stdout, stderr } = feedback([]);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toMatch(/^2 votes: 1 helpful, 1 not helpful \(50\.0% helpful\)\./);
    expect(stdout).toContain('Votes per day (UTC)');
    expect(stdout).toContain('  1. Who leads ISKP?');
    expect(stdout).toMatch(/ {7}1 {2}hamming-2023 {2}The General Directorate of Provinces/);
  });

  it('prints the review as JSON with --json', () => {
    const { status, stdout } = feedback(['--json']);
    expect(status).toBe(0);
    const review = JSON.parse(stdout);
    expect(review).toMatchObject({ total: 2, helpful: 1, notHelpful: 1, helpfulRate: 0.5, firstVoteAt: records[0]!.time, lastVoteAt: records[1]!.time });
    expect(review.byMode).toEqual([
      { mode: 'extractive', votes: 1, helpful: 0, notHelpful: 1, helpfulRate: 0 },
      { mode: 'llm', votes: 1, helpful: 1, notHelpful: 0, helpfulRate: 1 },
    ]);
    expect(review.mostNotHelpful[0].sources[0]).toMatchObject({ id: 'hamming-2023', title: expect.stringContaining('General Directorate'), votes: 1 });
  });

  it('prints every vote as CSV with --csv', () => {
    const { status, stdout } = feedback(['--csv']);
    expect(status).toBe(0);
    expect(stdout).toBe(feedbackCsv(records));
  });

  it('says so when there are no votes', () => {
    const { status, stdout } = feedback([], { dir: mkdtempSync(join(tmpdir(), 'iskp-feedback-empty-')) });
    expect(status).toBe(0);
    expect(stdout).toBe('No votes yet.\n');
  });

  it('still reports the local votes when Redis cannot be reached, and says so on stderr', () => {
    const { status, stdout, stderr } = feedback(['--json'], { env: { REDIS_URL: 'redis://127.0.0.1:1' } });
    expect(status).toBe(0);
    expect(stderr).toContain('Redis (REDIS_URL) could not be reached');
    expect(JSON.parse(stdout).total).toBe(2);
  });

  it('explains itself with --help, and refuses what it does not know with exit code 2', () => {
    const help = feedback(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: npm run feedback [-- --json | --csv]');
    for (const args of [['--xlsx'], ['--json', '--csv']]) {
      const { status, stdout, stderr } = feedback(args);
      expect(status).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toContain('Usage:');
    }
  });
});
