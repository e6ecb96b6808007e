/**
 * Writes a tiny BERT-shaped model that @xenova/transformers loads like a real one, with no
 * download: the test suite exercises the real transformers.js path (files, tokenizer,
 * onnxruntime, pooling) on it. The "model" is one Gather over a seeded random embedding
 * table, so its vectors mean nothing; only the plumbing is real.
 *
 *   npx tsx scripts/make-tiny-model.ts [target-dir]   → <target-dir>/tiny-bert
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import onnxProto from 'onnx-proto';
import { seededRandom } from './lib/seeded-random';

// onnx-proto is CommonJS whose namespace is only reachable through the default export in ESM.
const { onnx } = onnxProto;

export const TINY_MODEL_NAME = 'tiny-bert';
export const TINY_HIDDEN_SIZE = 32;
const MAX_LENGTH = 128;
const SEED = 0x5eed;

const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const;

const WORDS = (
  'the of and to in is was for on that with as by at from it an be this are or which his her their ' +
  'has have had not but were been also its they he she we you i one two three first new more after ' +
  'when who what where why how all some than other into over about would could should can will may ' +
  'state islamic province khorasan khurasan afghanistan pakistan taliban group groups attack attacks ' +
  'fighters leader leaders leadership central asia tajik uzbek kabul government security forces war ' +
  'jihad jihadist militant militants recruitment propaganda media online network networks region ' +
  'regional border local foreign international report reports research study analysis source sources ' +
  'year years time people members member country countries city north south east west northern ' +
  'southern eastern western power support strategy threat threats violence political religious ' +
  'movement organization operations operation control territory power since between against during ' +
  'under through while because however many most such only both each these those there then them ' +
  'use used using make made said says world global history early late major small large long high ' +
  'public policy military police army election elections economic social community communities ' +
  'language languages english arabic pashto persian dari russian translation text document article ' +
  'journal book chapter page author authors published university press institute center centre ' +
  'question answer brief briefing summary evidence claim claims date dates number numbers part ' +
  'case cases example level levels change changes growth decline rise fall strong weak key main ' +
  'good bad best well very much even still just again already never always often sometimes ' +
  'day days month months week weeks today yesterday tomorrow hello world quick brown fox jumps lazy dog'
).split(' ');

const PIECES = ['##s', '##es', '##ed', '##ing', '##ly', '##er', '##ers', '##ion', '##ions', '##al', '##ist', '##ism', '##ity'];
const LETTERS = 'abcdefghijklmnopqrstuvwxyz0123456789'.split('');
const PUNCTUATION = '.,!?;:\'"()-/&%$#@[]{}*+=<>'.split('');

/** Deduplicated vocabulary: specials first (ids 0-4), then words, pieces and single characters. */
function buildVocab(): Record<string, number> {
  const tokens = new Set<string>([
    ...SPECIAL_TOKENS,
    ...WORDS,
    ...PIECES,
    ...LETTERS,
    ...LETTERS.map((c) => `##${c}`), // every lowercase word is spellable, so [UNK] stays rare
    ...PUNCTUATION,
  ]);
  const vocab: Record<string, number> = {};
  let id = 0;
  for (const t of tokens) vocab[t] = id++;
  return vocab;
}

function tokenizerJson(vocab: Record<string, number>): object {
  const special = (token: string) => ({ id: token, ids: [vocab[token]], tokens: [token] });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map((content) => ({
      id: vocab[content],
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
      ],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: { '[CLS]': special('[CLS]'), '[SEP]': special('[SEP]') },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab,
    },
  };
}

const TOKENIZER_CONFIG = {
  tokenizer_class: 'BertTokenizer',
  do_lower_case: true,
  model_max_length: MAX_LENGTH,
  pad_token: '[PAD]',
  unk_token: '[UNK]',
  cls_token: '[CLS]',
  sep_token: '[SEP]',
  mask_token: '[MASK]',
  clean_up_tokenization_spaces: true,
};

function modelConfig(vocabSize: number): object {
  return {
    model_type: 'bert',
    architectures: ['BertModel'],
    hidden_size: TINY_HIDDEN_SIZE,
    num_hidden_layers: 1,
    num_attention_heads: 2,
    intermediate_size: TINY_HIDDEN_SIZE * 2,
    vocab_size: vocabSize,
    max_position_embeddings: MAX_LENGTH,
    type_vocab_size: 2,
    pad_token_id: 0,
  };
}


function embeddingTable(rows: number, cols: number): Uint8Array {
  const random = seededRandom(SEED);
  const bytes = new Uint8Array(rows * cols * 4);
  const view = new DataView(bytes.buffer);
  // ONNX raw_data is little-endian whatever the host.
  for (let i = 0; i < rows * cols; i++) view.setFloat32(i * 4, random() * 2 - 1, true);
  return bytes;
}

function onnxModel(vocabSize: number): Uint8Array {
  const { FLOAT, INT64 } = onnx.TensorProto.DataType;
  const batchBySequence = [{ dimParam: 'batch_size' }, { dimParam: 'sequence_length' }];
  const int64Input = (name: string) => ({
    name,
    type: { tensorType: { elemType: INT64, shape: { dim: batchBySequence } } },
  });
  const model = onnx.ModelProto.create({
    irVersion: 7,
    producerName: 'make-tiny-model',
    opsetImport: [{ domain: '', version: 13 }],
    graph: {
      name: TINY_MODEL_NAME,
      initializer: [
        {
          name: 'embeddings',
          dims: [vocabSize, TINY_HIDDEN_SIZE],
          dataType: FLOAT,
          rawData: embeddingTable(vocabSize, TINY_HIDDEN_SIZE),
        },
      ],
      node: [
        {
          opType: 'Gather',
          name: 'embed_tokens',
          input: ['embeddings', 'input_ids'],
          output: ['last_hidden_state'],
          attribute: [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 0 }],
        },
      ],
      // attention_mask and token_type_ids are unused by the graph, but transformers.js feeds
      // whatever the session declares, and a real BERT declares all three.
      input: [int64Input('input_ids'), int64Input('attention_mask'), int64Input('token_type_ids')],
      output: [
        {
          name: 'last_hidden_state',
          type: {
            tensorType: {
              elemType: FLOAT,
              shape: { dim: [...batchBySequence, { dimValue: TINY_HIDDEN_SIZE }] },
            },
          },
        },
      ],
    },
  });
  return onnx.ModelProto.encode(model).finish();
}

/** Writes only when the bytes differ, so repeated runs are cheap and leave mtimes alone. */
async function writeIfChanged(file: string, content: Uint8Array | string): Promise<void> {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  const existing = await readFile(file).catch(() => null);
  if (existing && Buffer.compare(existing, bytes) === 0) return;
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, bytes);
}

/**
 * Generates `<dir>/tiny-bert` and returns that folder. Load it with
 * `localModelPath = dir` and model id `tiny-bert`.
 */
export async function makeTinyModel(dir: string): Promise<string> {
  const modelDir = path.join(dir, TINY_MODEL_NAME);
  const vocab = buildVocab();
  const vocabSize = Object.keys(vocab).length;
  const graph = onnxModel(vocabSize);
  const json = (value: object) => `${JSON.stringify(value, null, 2)}\n`;
  await Promise.all([
    writeIfChanged(path.join(modelDir, 'config.json'), json(modelConfig(vocabSize))),
    writeIfChanged(path.join(modelDir, 'tokenizer.json'), json(tokenizerJson(vocab))),
    writeIfChanged(path.join(modelDir, 'tokenizer_config.json'), json(TOKENIZER_CONFIG)),
    // transformers.js 2.x loads onnx/model_quantized.onnx by default (quantized: true) and
    // onnx/model.onnx with quantized: false; the graph is plain float32 either way.
    writeIfChanged(path.join(modelDir, 'onnx', 'model_quantized.onnx'), graph),
    writeIfChanged(path.join(modelDir, 'onnx', 'model.onnx'), graph),
  ]);
  return modelDir;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const target = process.argv[2] ?? path.join('tests', 'fixtures', 'models');
  makeTinyModel(path.resolve(target)).then(
    (modelDir) => console.log(modelDir),
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
