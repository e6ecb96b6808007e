/**
 * Built-in embedder: feature hashing of words, word pairs and in-word character n-grams.
 * No weights, no downloads, deterministic, Web-standard only (runs on Cloudflare Workers),
 * so there is always an embedder even when no model can be loaded.
 */
import type { Embedder } from './embedder';
import { normalizeWords, stem, tokenize } from '../text/tokenize';

export interface LexicalEmbedderOptions {
  dimension?: number;
}

/** Bump when features, weights or hashing change: the index rebuilds when `model` changes. */
const VERSION = 'v1';

// Share of the vector's energy given to each feature family. Words carry the meaning;
// character n-grams rescue transliteration variants ("Khurasan"/"Khorasan") and derived
// names ("Tajik"/"Tajikistan"); bigrams reward matching phrases ("islamic state").
const UNIGRAM_WEIGHT = Math.sqrt(0.5);
const BIGRAM_WEIGHT = Math.sqrt(0.15);
const CHARGRAM_WEIGHT = Math.sqrt(0.35);

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
// Marks word edges in character n-grams so prefixes and suffixes are features of their own.
const EDGE = 0x2;
const PAIR_SEPARATOR = 0x1;
const DIGITS_ONLY = /^\p{N}+$/u;

function fnvCode(h: number, code: number): number {
  return Math.imul(h ^ code, FNV_PRIME);
}

function fnvString(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
}

// FNV-1a alone spreads its low bits poorly; a murmur3 finaliser gives an even bucket and
// an independent sign bit.
function avalanche(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

// Family seeds keep "abc" the word and "abc" the trigram from being the same feature.
const UNIGRAM_SEED = fnvCode(FNV_OFFSET, 0x75);
const BIGRAM_SEED = fnvCode(FNV_OFFSET, 0x62);
const CHARGRAM_SEED = fnvCode(FNV_OFFSET, 0x63);
const EMPTY_FEATURE = fnvString(UNIGRAM_SEED, '\u0000empty');
const BUCKET_SALT_1 = 0x3c6ef372;
const BUCKET_SALT_2 = 0x7f4a7c15;

/**
 * Counts 32-bit feature keys in a reused open-addressing table: faster than a Map on the few
 * hundred features of a passage, and allocates nothing per text once it has grown to size.
 */
interface FeatureCounter {
  add(key: number): void;
  clear(): void;
  readonly size: number;
  /** Calls back once per distinct key, in insertion order. */
  each(visit: (key: number, count: number) => void): void;
}

function createFeatureCounter(initialCapacity = 1024): FeatureCounter {
  let mask = initialCapacity - 1;
  let keys = new Int32Array(initialCapacity);
  let counts = new Uint32Array(initialCapacity); // 0 marks an empty slot
  let order = new Int32Array(initialCapacity >>> 1); // used slots, for iteration and clearing
  let size = 0;

  function insert(key: number, by: number): void {
    let slot = avalanche(key) & mask;
    while (counts[slot] !== 0 && keys[slot] !== key) slot = (slot + 1) & mask;
    if (counts[slot] === 0) {
      keys[slot] = key;
      order[size++] = slot;
    }
    counts[slot]! += by;
  }

  function grow(): void {
    const oldKeys = keys;
    const oldCounts = counts;
    const oldOrder = order.subarray(0, size);
    mask = keys.length * 2 - 1;
    keys = new Int32Array(mask + 1);
    counts = new Uint32Array(mask + 1);
    order = new Int32Array((mask + 1) >>> 1);
    size = 0;
    for (const slot of oldOrder) insert(oldKeys[slot]!, oldCounts[slot]!);
  }

  return {
    add(key) {
      // Keep the load factor at or under one half so probes stay short.
      if (size >= order.length) grow();
      insert(key | 0, 1);
    },
    clear() {
      for (let i = 0; i < size; i++) counts[order[i]!] = 0;
      size = 0;
    },
    get size() {
      return size;
    },
    each(visit) {
      for (let i = 0; i < size; i++) visit(keys[order[i]!]!, counts[order[i]!]!);
    },
  };
}

function addCharGrams(counts: FeatureCounter, token: string): void {
  const len = token.length;
  const padded = len + 2;
  for (let n = 3; n <= 4; n++) {
    for (let start = 0; start + n <= padded; start++) {
      let h = fnvCode(CHARGRAM_SEED, n);
      for (let j = start; j < start + n; j++) {
        h = fnvCode(h, j === 0 || j === padded - 1 ? EDGE : token.charCodeAt(j - 1));
      }
      counts.add(h);
    }
  }
}

/**
 * Adds one family with sublinear tf (1 + ln tf), scaled so the family contributes `weight`
 * of norm regardless of text length; otherwise long texts would be all character n-grams.
 */
function addFamily(acc: Float64Array, counts: FeatureCounter, weight: number, bucket: (h: number) => number): void {
  if (counts.size === 0) return;
  let sumSquares = 0;
  counts.each((_, c) => {
    const tf = 1 + Math.log(c);
    sumSquares += tf * tf;
  });
  // Each feature is spread over two signed buckets at half the energy each: with few
  // dimensions a single collision between two texts' main words would otherwise swing their
  // cosine by ±0.5; split in two, collisions are as frequent but far milder.
  const scale = (weight / Math.sqrt(sumSquares)) * Math.SQRT1_2;
  counts.each((key, c) => {
    const value = (1 + Math.log(c)) * scale;
    // Salted so buckets are independent of the counter's probe sequence and of each other.
    const h1 = avalanche(key ^ BUCKET_SALT_1);
    const h2 = avalanche(key ^ BUCKET_SALT_2);
    // Signed hashing: colliding features cancel on average instead of piling up.
    acc[bucket(h1)]! += h1 & 0x80000000 ? -value : value;
    acc[bucket(h2)]! += h2 & 0x80000000 ? -value : value;
  });
}

export function createLexicalEmbedder({ dimension = 256 }: LexicalEmbedderOptions = {}): Embedder {
  if (!Number.isInteger(dimension) || dimension < 2) {
    throw new Error(`lexical embedder: dimension must be an integer >= 2, got ${dimension}`);
  }
  // Reused across texts: embedding is allocation-light apart from the output vectors.
  const acc = new Float64Array(dimension);
  // A hash is an unsigned 32-bit number, so `h % dimension` is a floating-point remainder in V8
  // (about a tenth of embedding a question). For a power-of-two dimension, the default, a mask
  // gives the same bucket in integer arithmetic.
  const mask = dimension - 1;
  const bucket = (dimension & mask) === 0 ? (h: number) => h & mask : (h: number) => h % dimension;
  const unigrams = createFeatureCounter(64);
  const bigrams = createFeatureCounter(64);
  const chargrams = createFeatureCounter(1024);

  function embedOne(text: string): Float32Array {
    acc.fill(0);
    unigrams.clear();
    bigrams.clear();
    chargrams.clear();

    let tokens = tokenize(text);
    // All-stopword texts ("who is it?") still deserve a vector that is not all zeros.
    if (tokens.length === 0) tokens = normalizeWords(text).map(stem);

    let previous = 0;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      const h = fnvString(UNIGRAM_SEED, token);
      unigrams.add(h);
      if (i > 0) bigrams.add(fnvString(fnvCode(fnvCode(BIGRAM_SEED, previous), PAIR_SEPARATOR), token));
      previous = h;
      // Numbers are matched whole: "2021" sharing n-grams with "2024" is noise, not spelling.
      if (!DIGITS_ONLY.test(token)) addCharGrams(chargrams, token);
    }
    // Cosine maths downstream assumes unit vectors; a fixed feature keeps empty text finite.
    if (unigrams.size === 0) unigrams.add(EMPTY_FEATURE);

    addFamily(acc, unigrams, UNIGRAM_WEIGHT, bucket);
    addFamily(acc, bigrams, BIGRAM_WEIGHT, bucket);
    addFamily(acc, chargrams, CHARGRAM_WEIGHT, bucket);

    let norm = 0;
    for (let i = 0; i < dimension; i++) norm += acc[i]! * acc[i]!;
    const out = new Float32Array(dimension);
    if (norm === 0) {
      // Every feature cancelled out in the signed buckets: vanishingly rare, but keep unit length.
      out[0] = 1;
      return out;
    }
    const inv = 1 / Math.sqrt(norm);
    for (let i = 0; i < dimension; i++) out[i] = acc[i]! * inv;
    return out;
  }

  return {
    name: 'lexical',
    model: `lexical-${VERSION}-${dimension}`,
    dimension,
    async embed(texts: string[]): Promise<Float32Array[]> {
      return texts.map(embedOne);
    },
  };
}
