import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, configSchema, parseConfig } from '../src/config';

const ROOT = join(import.meta.dirname, '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

describe('configuration', () => {
  it('documents every setting in the README’s table and in .env.example', () => {
    const readme = read('README.md');
    const example = read('.env.example');
    const undocumented = Object.keys(configSchema.shape).filter((name) => !readme.includes(`| \`${name}\` |`) || !new RegExp(`^#? ?${name}=`, 'm').test(example));
    expect(undocumented).toEqual([]);
  });

  it('takes a Redis URL, and refuses anything else for REDIS_URL by name', () => {
    expect(parseConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }).REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(parseConfig({ REDIS_URL: 'rediss://:secret@cache.example:6380/1' }).REDIS_URL).toBe('rediss://:secret@cache.example:6380/1');
    expect(parseConfig({ REDIS_URL: '' }).REDIS_URL).toBeUndefined();
    expect(() => parseConfig({ REDIS_URL: 'http://127.0.0.1:6379' })).toThrow(ConfigError);
    expect(() => parseConfig({ REDIS_URL: 'http://127.0.0.1:6379' })).toThrow(/REDIS_URL/);
  });
});
