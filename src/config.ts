import { z } from 'zod';

/** A comma-separated list, trimmed, empties dropped. */
const list = z
  .string()
  .optional()
  .transform((v) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean));

const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .optional()
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

/** A flag that is on unless set to a false value: for protections an operator turns off on purpose. */
const flagOn = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .optional()
  .transform((v) => !(v === '0' || v === 'false' || v === 'no'));

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() ? v.trim() : undefined));

const url = (fallback?: string) =>
  z
    .string()
    .optional()
    .transform((v) => (v && v.trim() ? v.trim() : fallback))
    .pipe(fallback ? z.url() : z.url().optional());

const int = (fallback: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

/** Every setting the server reads, from the environment, once. Names are a public contract. */
export const configSchema = z.object({
  PORT: int(3000, 0, 65535),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().default('.data'),
  CORPUS_DIR: z.string().default('corpus'),
  MODEL_DIR: optionalString,
  EMBEDDER: z.enum(['auto', 'lexical', 'transformers', 'openai']).default('auto'),
  EMBEDDING_MODEL: optionalString,
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: url(),
  LLM_MODEL: z.string().default('gpt-4o-mini'),
  LLM_TIMEOUT_MS: int(20_000, 100, 600_000),
  // How long a client may take to send a request's headers, and then its body (Node): past it, 408.
  CLIENT_TIMEOUT_MS: int(10_000, 100, 120_000),
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_BOT_TOKEN: optionalString,
  SLACK_API_URL: url('https://slack.com/api'),
  // Where Slack's response_urls live: the server posts to no other host on a slash command's behalf.
  SLACK_HOOKS_URL: url('https://hooks.slack.com'),
  SLACK_COMMAND: z.string().regex(/^\/[\w-]+$/, 'must look like /iskp').default('/iskp'),
  WIDGET_ALLOWED_ORIGINS: list,
  // The server's own address: its host is answered for, and its origin counts as the server's own pages.
  PUBLIC_URL: url(),
  // Further host names the server answers for (`*`: any); loopback names always are.
  ALLOWED_HOSTS: list,
  API_KEYS: list,
  // `false` opens /mcp without a key while API_KEYS still guards /api/* (a connector that cannot send one).
  MCP_REQUIRE_KEY: flagOn,
  RATE_LIMIT_PER_MINUTE: int(30, 0, 1_000_000),
  // Several instances share the Slack dedupe, the rate limit and the feedback here (Node only).
  REDIS_URL: optionalString.pipe(z.string().regex(/^rediss?:\/\/./, 'must start with redis:// or rediss://').optional()),
  TRUST_PROXY: flag,
  LOG_QUESTIONS: flag,
  // How many threads answer beside the event loop (0: on it); `auto` is one when there is a core to spare.
  ANSWER_THREADS: z.union([z.literal('auto'), z.coerce.number().int().min(0).max(64)]).default('auto'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
});

export type Config = z.output<typeof configSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses raw variables (process.env, Worker env, a test's object) into a typed Config, naming each bad variable. */
export function parseConfig(raw: Record<string, unknown>): Config {
  const picked: Record<string, unknown> = {};
  for (const key of Object.keys(configSchema.shape)) {
    const value = raw[key];
    if (typeof value === 'string' || typeof value === 'number') picked[key] = value;
  }
  const result = configSchema.safeParse(picked);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message} (got ${JSON.stringify(picked[String(i.path[0])])})`);
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}

/** True when answers should come from a model rather than the extractive method. */
export const llmConfigured = (config: Config) => Boolean(config.OPENAI_API_KEY || config.OPENAI_BASE_URL);
