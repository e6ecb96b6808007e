/**
 * Chooses the embedder. `auto` prefers a real model but never lets a missing model, a slow
 * download or a broken native binary keep the bot from serving: it falls back to lexical.
 * Explicit kinds mean the operator asked for that embedder, so failing to load it is fatal.
 */
import type { Embedder } from './embedder';
import { createLexicalEmbedder } from './lexical';

export type EmbedderKind = 'auto' | 'lexical' | 'transformers' | 'openai';

export interface SelectEmbedderOptions {
  kind: EmbedderKind;
  loadTransformers: () => Promise<Embedder>;
  createOpenAI: () => Embedder | Promise<Embedder>;
  /** Defaults to the built-in lexical embedder. */
  createLexical?: () => Embedder;
  /** How long `auto` waits for transformers before serving lexical instead. */
  timeoutMs?: number;
  log: (msg: string, fields?: object) => void;
}

export async function selectEmbedder({
  kind,
  loadTransformers,
  createOpenAI,
  createLexical = () => createLexicalEmbedder(),
  timeoutMs = 5000,
  log,
}: SelectEmbedderOptions): Promise<Embedder> {
  switch (kind) {
    case 'lexical':
      return serving(createLexical(), 'requested', log);
    // Explicit kinds get no timeout: a first download can legitimately take minutes.
    case 'transformers':
      return serving(await loadExplicitly(kind, loadTransformers), 'requested', log);
    case 'openai':
      return serving(await loadExplicitly(kind, createOpenAI), 'requested', log);
    case 'auto':
      return selectAuto(loadTransformers, createLexical, timeoutMs, log);
    default:
      throw new Error(`unknown embedder kind "${String(kind)}" (expected auto, lexical, transformers or openai)`);
  }
}

async function loadExplicitly(kind: EmbedderKind, load: () => Embedder | Promise<Embedder>): Promise<Embedder> {
  try {
    return await load();
  } catch (err) {
    throw new Error(`EMBEDDER=${kind} was requested but the ${kind} embedder could not be loaded: ${messageOf(err)}`, {
      cause: err,
    });
  }
}

type Outcome = { ok: true; embedder: Embedder } | { ok: false; reason: 'error'; error: string } | { ok: false; reason: 'timeout' };

async function selectAuto(
  loadTransformers: () => Promise<Embedder>,
  createLexical: () => Embedder,
  timeoutMs: number,
  log: SelectEmbedderOptions['log'],
): Promise<Embedder> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Promise.resolve().then: a loader that throws synchronously is a failure, not a crash.
  const loading = Promise.resolve()
    .then(loadTransformers)
    .then(
      (embedder): Outcome => ({ ok: true, embedder }),
      (err: unknown): Outcome => ({ ok: false, reason: 'error', error: messageOf(err) }),
    );
  const timeout = new Promise<Outcome>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, reason: 'timeout' }), timeoutMs);
  });
  const outcome = await Promise.race([loading, timeout]);
  // Cleared so a fast load does not hold the process open for the rest of timeoutMs.
  clearTimeout(timer);

  if (outcome.ok) return serving(outcome.embedder, 'auto: transformers loaded', log);
  const lexical = createLexical();
  if (outcome.reason === 'timeout') {
    // The load cannot be cancelled; it finishes (or fails) in the background unobserved.
    log('embedder: transformers too slow, serving lexical', {
      embedder: lexical.name,
      model: lexical.model,
      reason: 'timeout',
      timeoutMs,
    });
  } else {
    log('embedder: transformers failed, serving lexical', {
      embedder: lexical.name,
      model: lexical.model,
      reason: 'error',
      error: outcome.error,
    });
  }
  return lexical;
}

function serving(embedder: Embedder, why: string, log: SelectEmbedderOptions['log']): Embedder {
  log(`embedder: ${embedder.name}`, { embedder: embedder.name, model: embedder.model, dimension: embedder.dimension, why });
  return embedder;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
