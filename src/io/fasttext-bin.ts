import type { FileHandle } from 'node:fs/promises';
import { endianness } from 'node:os';
import { TextDecoder } from 'node:util';
import { EmbedkitError } from '../errors.js';
import { createMatrix, type Matrix } from '../util/matrix.js';
import { SubwordVectors } from '../vectors/subword-vectors.js';
import { writeStreamAtomic } from './atomic-stream.js';
import { ByteReader } from './byte-reader.js';
import { FASTTEXT_LOSS, FASTTEXT_MODEL, type FastTextArgs } from './fasttext-args.js';

/** fastText's file signature and the newest format version it writes (fastText 0.9: 12). */
export const FASTTEXT_MAGIC = 793712314;
export const FASTTEXT_VERSION = 12;

const ENTRY_WORD = 0;
const ENTRY_LABEL = 1;
/** A dictionary entry longer than this is taken as a corrupt file, not a word. */
const MAX_ENTRY_BYTES = 1 << 20;
const COPY_CHUNK_BYTES = 4 * 1024 * 1024;

/** Everything a fastText `.bin` holds, as read; matrices row-major float32. */
export interface FastTextModel {
  version: number;
  args: FastTextArgs;
  words: string[];
  wordCounts: Float64Array;
  labels: string[];
  labelCounts: Float64Array;
  /** Tokens of the training corpus. */
  ntokens: number;
  /** Hash bucket → compacted row of a pruned model; null when not pruned (fastText's pruneidx_size -1). */
  pruneIndex: Map<number, number> | null;
  input: Matrix;
  output: Matrix;
}

/**
 * Reads a fastText `.bin` model (format version 11 or 12), streaming: the header and dictionary
 * are parsed from a sliding window and the matrices copied straight into their Float32Arrays.
 * Quantized models (`.ftz`) are refused with EmbedkitError 'UNSUPPORTED'.
 */
export async function readFastTextBin(path: string): Promise<FastTextModel> {
  requireLittleEndian();
  const reader = await ByteReader.open(path);
  try {
    return await new BinParser(reader, path).model();
  } finally {
    await reader.close();
  }
}

/** Loads a fastText `.bin` as SubwordVectors: words with their vectors, unseen words from n-grams. */
export async function loadFastTextVectors(path: string): Promise<SubwordVectors> {
  return subwordVectorsFromModel(await readFastTextBin(path), path);
}

export function subwordVectorsFromModel(model: FastTextModel, file?: string): SubwordVectors {
  const { args, input } = model;
  const ngramRows = model.pruneIndex === null ? args.bucket : model.pruneIndex.size;
  if (input.rows !== model.words.length + ngramRows) {
    throw new EmbedkitError(
      'BAD_SHAPE',
      `the input matrix has ${input.rows} rows, the dictionary needs ${model.words.length} words + ${ngramRows} n-gram rows`,
      { file, field: 'input' },
    );
  }
  return new SubwordVectors({
    words: model.words,
    dim: input.cols,
    input: input.data,
    bucket: args.bucket,
    minn: args.minn,
    maxn: args.maxn,
    pruneIndex: model.pruneIndex,
    ngramRows,
    counts: model.wordCounts,
    output: model.output.data,
    args,
  });
}

/** The model fastText would save for these vectors (unsupervised: no labels). */
export function fastTextModelOf(vectors: SubwordVectors, ntokens?: number): FastTextModel {
  const { dim } = vectors;
  const counts = vectors.counts ?? new Float64Array(vectors.size).fill(1);
  const output = vectors.output ?? new Float32Array(vectors.size * dim);
  return {
    version: FASTTEXT_VERSION,
    args: vectors.args,
    words: vectors.words.slice(),
    wordCounts: counts,
    labels: [],
    labelCounts: new Float64Array(0),
    ntokens: ntokens ?? counts.reduce((sum, count) => sum + count, 0),
    pruneIndex: vectors.scheme.pruneIndex ?? null,
    input: createMatrix(vectors.input.length / dim, dim, vectors.input),
    output: createMatrix(output.length / dim, dim, output),
  };
}

/** Writes `vectors` as a fastText `.bin` (version 12) that fastText itself loads. */
export async function saveFastTextBin(path: string, vectors: SubwordVectors, ntokens?: number): Promise<void> {
  await writeFastTextBin(path, fastTextModelOf(vectors, ntokens));
}

/** Writes a model in fastText's `.bin` format, atomically (a reader never sees half a file). */
export async function writeFastTextBin(path: string, model: FastTextModel): Promise<void> {
  requireLittleEndian();
  checkWritable(model, path);
  await writeStreamAtomic(path, async (handle) => {
    await handle.write(headerBytes(model));
    await writeMatrix(handle, model.input);
    await handle.write(Uint8Array.of(0)); // the output matrix is not quantized
    await writeMatrix(handle, model.output);
  });
}

function headerBytes(model: FastTextModel): Buffer {
  const parts: Buffer[] = [];
  const fixed = Buffer.alloc(8 + 12 * 4 + 8 + 4 + 4 + 4 + 8 + 8);
  let at = 0;
  at = fixed.writeInt32LE(FASTTEXT_MAGIC, at);
  at = fixed.writeInt32LE(FASTTEXT_VERSION, at);
  const a = model.args;
  for (const value of [a.dim, a.ws, a.epoch, a.minCount, a.neg, a.wordNgrams, a.loss, a.model, a.bucket, a.minn, a.maxn, a.lrUpdateRate]) {
    at = fixed.writeInt32LE(value, at);
  }
  at = fixed.writeDoubleLE(a.t, at);
  const entries = model.words.length + model.labels.length;
  at = fixed.writeInt32LE(entries, at);
  at = fixed.writeInt32LE(model.words.length, at);
  at = fixed.writeInt32LE(model.labels.length, at);
  at = fixed.writeBigInt64LE(BigInt(Math.round(model.ntokens)), at);
  at = fixed.writeBigInt64LE(BigInt(model.pruneIndex === null ? -1 : model.pruneIndex.size), at);
  parts.push(fixed);
  const entry = (word: string, count: number, type: number): void => {
    const tail = Buffer.alloc(1 + 8 + 1);
    tail.writeBigInt64LE(BigInt(Math.round(count)), 1);
    tail[9] = type;
    parts.push(Buffer.from(word, 'utf8'), tail);
  };
  model.words.forEach((word, i) => entry(word, model.wordCounts[i], ENTRY_WORD));
  model.labels.forEach((label, i) => entry(label, model.labelCounts[i], ENTRY_LABEL));
  if (model.pruneIndex !== null) {
    const pairs = Buffer.alloc(8 * model.pruneIndex.size);
    let p = 0;
    for (const [from, to] of model.pruneIndex) {
      p = pairs.writeInt32LE(from, p);
      p = pairs.writeInt32LE(to, p);
    }
    parts.push(pairs);
  }
  parts.push(Uint8Array.of(0) as Buffer); // the input matrix is not quantized
  return Buffer.concat(parts);
}

async function writeMatrix(handle: FileHandle, matrix: Matrix): Promise<void> {
  const shape = Buffer.alloc(16);
  shape.writeBigInt64LE(BigInt(matrix.rows), 0);
  shape.writeBigInt64LE(BigInt(matrix.cols), 8);
  await handle.write(shape);
  const bytes = new Uint8Array(matrix.data.buffer, matrix.data.byteOffset, matrix.rows * matrix.cols * 4);
  for (let at = 0; at < bytes.length; at += COPY_CHUNK_BYTES) {
    await handle.write(bytes.subarray(at, Math.min(bytes.length, at + COPY_CHUNK_BYTES)));
  }
}

function checkWritable(model: FastTextModel, path: string): void {
  for (const word of [...model.words, ...model.labels]) {
    if (word.length === 0 || word.includes('\0') || /\s/.test(word)) {
      throw new EmbedkitError('BAD_WORD', `fastText cannot store the word ${JSON.stringify(word)} (empty, NUL or whitespace)`, {
        file: path,
        field: 'words',
      });
    }
  }
  for (const [name, matrix] of [['input', model.input], ['output', model.output]] as const) {
    if (matrix.cols !== model.args.dim || matrix.data.length !== matrix.rows * matrix.cols) {
      throw new EmbedkitError('BAD_SHAPE', `the ${name} matrix is ${matrix.rows} × ${matrix.cols}, args.dim is ${model.args.dim}`, {
        file: path,
        field: name,
      });
    }
  }
}

function requireLittleEndian(): void {
  if (endianness() !== 'LE') {
    throw new EmbedkitError('UNSUPPORTED', 'fastText .bin files are little-endian; this machine is big-endian');
  }
}

/** Reads the fields of a `.bin` in order; every failure names the file, the byte offset and the field. */
class BinParser {
  constructor(
    private readonly reader: ByteReader,
    private readonly file: string,
  ) {}

  async model(): Promise<FastTextModel> {
    const magic = await this.int32('magic');
    if (magic !== FASTTEXT_MAGIC) {
      throw this.error('NOT_FASTTEXT', `not a fastText .bin model (magic number ${magic}, expected ${FASTTEXT_MAGIC})`, 'magic', -4);
    }
    const version = await this.int32('version');
    if (version > FASTTEXT_VERSION || version < 11) {
      throw this.error('UNSUPPORTED', `fastText format version ${version} is not supported (11 and 12 are)`, 'version', -4);
    }
    const args = await this.args();
    // fastText's own rule: supervised models of version 11 were trained without character n-grams.
    if (version === 11 && args.model === FASTTEXT_MODEL.supervised) args.maxn = 0;

    const size = await this.int32('dictionary size');
    const nwords = await this.int32('nwords');
    const nlabels = await this.int32('nlabels');
    if (size < 0 || nwords < 0 || nlabels < 0 || nwords + nlabels !== size) {
      throw this.error('CORRUPT_FILE', `dictionary sizes do not add up: ${nwords} words + ${nlabels} labels ≠ ${size} entries`, 'nwords', -12);
    }
    const ntokens = Number(await this.int64('ntokens'));
    const pruneSize = Number(await this.int64('pruneidx_size'));
    const words: string[] = [];
    const labels: string[] = [];
    const wordCounts = new Float64Array(nwords);
    const labelCounts = new Float64Array(nlabels);
    const decoder = new TextDecoder('utf-8', { fatal: true });
    for (let i = 0; i < size; i++) {
      const at = this.offset();
      const word = await this.cString(decoder, `dictionary entry ${i}`);
      const count = Number(await this.int64(`count of "${word}"`));
      const type = await this.uint8(`type of "${word}"`);
      if (type === ENTRY_WORD && i < nwords) {
        words.push(word);
        wordCounts[i] = count;
      } else if (type === ENTRY_LABEL && i >= nwords) {
        labels.push(word);
        labelCounts[i - nwords] = count;
      } else {
        throw new EmbedkitError('CORRUPT_FILE', `dictionary entry ${i} ("${word}") has type ${type}; words (0) must come before labels (1)`, {
          file: this.file,
          byteOffset: at,
          field: 'entry type',
        });
      }
    }
    let pruneIndex: Map<number, number> | null = null;
    if (pruneSize >= 0) {
      pruneIndex = new Map();
      for (let i = 0; i < pruneSize; i++) pruneIndex.set(await this.int32('pruneidx'), await this.int32('pruneidx'));
    }
    if ((await this.uint8('quant_input')) !== 0) {
      throw this.error('UNSUPPORTED', 'quantized models (.ftz) are not supported: use the unquantized .bin (or the .vec)', 'quant_input', -1);
    }
    if (pruneIndex !== null) {
      // fastText refuses this too: only quantized models may be pruned.
      throw this.error('CORRUPT_FILE', 'the model is pruned but not quantized, which fastText itself rejects', 'pruneidx_size');
    }
    const input = await this.matrix('input');
    if (input.cols !== args.dim) {
      throw this.error('CORRUPT_FILE', `the input matrix has ${input.cols} columns but dim is ${args.dim}`, 'input');
    }
    if ((await this.uint8('qout')) !== 0) {
      throw this.error('UNSUPPORTED', 'quantized models (.ftz) are not supported: the output matrix is quantized', 'qout', -1);
    }
    const output = await this.matrix('output');
    return { version, args, words, wordCounts, labels, labelCounts, ntokens, pruneIndex, input, output };
  }

  private async args(): Promise<FastTextArgs> {
    const dim = await this.int32('dim');
    const ws = await this.int32('ws');
    const epoch = await this.int32('epoch');
    const minCount = await this.int32('minCount');
    const neg = await this.int32('neg');
    const wordNgrams = await this.int32('wordNgrams');
    const loss = await this.int32('loss');
    const model = await this.int32('model');
    const bucket = await this.int32('bucket');
    const minn = await this.int32('minn');
    const maxn = await this.int32('maxn');
    const lrUpdateRate = await this.int32('lrUpdateRate');
    const t = await this.float64('t');
    const args: FastTextArgs = { dim, ws, epoch, minCount, neg, wordNgrams, loss, model, bucket, minn, maxn, lrUpdateRate, t };
    if (dim < 1) throw this.error('CORRUPT_FILE', `dim must be positive, got ${dim}`, 'dim');
    if (bucket < 0 || minn < 0 || maxn < 0) throw this.error('CORRUPT_FILE', `bad n-gram settings bucket ${bucket}, minn ${minn}, maxn ${maxn}`, 'bucket');
    if (!Object.values(FASTTEXT_MODEL).includes(model as 1)) throw this.error('CORRUPT_FILE', `unknown model type ${model}`, 'model');
    if (!Object.values(FASTTEXT_LOSS).includes(loss as 1)) throw this.error('CORRUPT_FILE', `unknown loss type ${loss}`, 'loss');
    return args;
  }

  private async matrix(field: string): Promise<Matrix> {
    const rows = Number(await this.int64(`${field} rows`));
    const cols = Number(await this.int64(`${field} columns`));
    const values = rows * cols;
    if (rows < 0 || cols < 0 || !Number.isSafeInteger(values)) {
      throw this.error('CORRUPT_FILE', `impossible ${field} matrix shape ${rows} × ${cols}`, field, -16);
    }
    const data = allocate(values, field, this.file);
    const target = new Uint8Array(data.buffer);
    let copied = 0;
    while (copied < target.length) {
      const available = await this.reader.ensure(Math.min(COPY_CHUNK_BYTES, target.length - copied));
      if (available === 0) {
        throw this.error('TRUNCATED', `the file ends inside the ${field} matrix (${rows} × ${cols})`, field);
      }
      const take = Math.min(available, target.length - copied);
      const { bytes, position } = this.reader;
      target.set(bytes.subarray(position, position + take), copied);
      this.reader.position += take;
      copied += take;
    }
    return createMatrix(rows, cols, data);
  }

  private async need(count: number, field: string): Promise<void> {
    if ((await this.reader.ensure(count)) < count) throw this.error('TRUNCATED', `the file ends before ${field}`, field);
  }

  private async int32(field: string): Promise<number> {
    await this.need(4, field);
    const value = this.reader.bytes.readInt32LE(this.reader.position);
    this.reader.position += 4;
    return value;
  }

  private async int64(field: string): Promise<bigint> {
    await this.need(8, field);
    const value = this.reader.bytes.readBigInt64LE(this.reader.position);
    this.reader.position += 8;
    return value;
  }

  private async float64(field: string): Promise<number> {
    await this.need(8, field);
    const value = this.reader.bytes.readDoubleLE(this.reader.position);
    this.reader.position += 8;
    return value;
  }

  private async uint8(field: string): Promise<number> {
    await this.need(1, field);
    return this.reader.bytes[this.reader.position++];
  }

  private async cString(decoder: TextDecoder, field: string): Promise<string> {
    const end = await this.reader.indexOfByte(0, MAX_ENTRY_BYTES);
    if (end === -1) throw this.error('TRUNCATED', `the file ends inside ${field}`, field);
    if (end === -2) throw this.error('CORRUPT_FILE', `${field} has no terminating NUL within ${MAX_ENTRY_BYTES} bytes`, field);
    const bytes = this.reader.bytes.subarray(this.reader.position, end);
    let word: string;
    try {
      word = decoder.decode(bytes);
    } catch {
      throw this.error('BAD_ENCODING', `${field} is not valid UTF-8`, field);
    }
    this.reader.position = end + 1;
    return word;
  }

  private offset(): number {
    return this.reader.offsetOf(this.reader.position);
  }

  /** `back`: how many bytes before the current position the field began. */
  private error(code: string, message: string, field: string, back = 0): EmbedkitError {
    return new EmbedkitError(code, message, { file: this.file, byteOffset: this.offset() + back, field });
  }
}

function allocate(values: number, field: string, file: string): Float32Array {
  try {
    return new Float32Array(values);
  } catch {
    throw new EmbedkitError('TOO_LARGE', `cannot allocate the ${field} matrix of ${values} floats`, { file, field });
  }
}
