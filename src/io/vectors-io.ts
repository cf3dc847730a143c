import { open, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { EmbedkitError } from '../errors.js';
import { KeyedVectors } from '../vectors/keyed-vectors.js';
import { SubwordVectors } from '../vectors/subword-vectors.js';
import { FASTTEXT_MAGIC, loadFastTextVectors, saveFastTextBin } from './fasttext-bin.js';
import { writeStreamAtomic } from './atomic-stream.js';
import { countGloveLines, openVectorFile } from './detect-format.js';
import { VECTOR_FORMATS, type VectorFormat } from './vector-format.js';
import { readTextRecords } from './text-vectors.js';
import { readBinaryRecords } from './word2vec-binary.js';
import { WordDecoder, type UnicodeErrors } from './word-decoder.js';
import { checkWritableWords, writeTextVectors, writeWord2vecBinary } from './vector-writers.js';
import { alignCounts, readVocabCounts, writeVocabCounts } from './vocab-counts.js';

export { isVectorFormat, VECTOR_FORMATS, type VectorFormat } from './vector-format.js';

export interface LoadVectorsOptions {
  /** 'auto' (default) tells binary from text by the bytes after the header, and GloVe by its missing header. */
  format?: 'auto' | VectorFormat;
  /** Read only the first N words (the files are usually frequency-ordered), as gensim's `limit`. */
  limit?: number;
  /** Encoding of the words (default 'utf-8'); any label TextDecoder knows. */
  encoding?: string;
  /** gensim's `unicode_errors`: 'strict' (default) fails on invalid bytes, 'replace' puts U+FFFD. */
  unicodeErrors?: UnicodeErrors;
  /** Called as chunks are read, with bytes read so far and the file size (not for gzip files). */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** Bytes per read (default 8 MiB); the window grows by itself for longer records. */
  chunkBytes?: number;
  /** A `word count` file (gensim's `fvocab`, the C tool's -save-vocab): fills `counts` (NaN where missing). */
  vocabFile?: string;
}

export interface LoadedVectors {
  vectors: KeyedVectors;
  format: VectorFormat;
  /** Words that appeared again later in the file; only their first vector is kept (as gensim). */
  duplicates: number;
}

export interface SaveVectorsOptions {
  /** Default: from the extension (.bin → word2vec-bin, .txt/.vec → word2vec-text). */
  format?: VectorFormat;
  /** word2vec-bin only: write the C tool's '\n' after each vector (default true; gensim omits it). */
  newlineAfterVector?: boolean;
  /** Also write the counts as a `word count` file (gensim's `fvocab`); the vectors must have counts. */
  vocabFile?: string;
}

export interface VectorFileInfo {
  format: VectorFormat;
  words: number;
  dim: number;
  fileBytes: number;
  /** The file is gzip-compressed (read transparently). */
  compressed: boolean;
}

/**
 * Loads word2vec binary, word2vec text (also fastText .vec) or GloVe vectors, gzip-compressed or
 * not, streaming: the file is read in big chunks, never held whole. Malformed input throws
 * EmbedkitError naming the file and the line or byte.
 */
export async function loadVectors(path: string, options: LoadVectorsOptions = {}): Promise<LoadedVectors> {
  if (options.format === 'fasttext-bin' || ((options.format ?? 'auto') === 'auto' && (await isFastTextModel(path)))) {
    if (options.limit !== undefined) {
      throw new EmbedkitError('BAD_OPTION', 'limit does not apply to a fastText model (.bin)', { file: path, field: 'limit' });
    }
    return { vectors: await loadFastTextVectors(path), format: 'fasttext-bin', duplicates: 0 };
  }
  const limit = limitOf(options.limit, path);
  const decoder = new WordDecoder(path, options.encoding, options.unicodeErrors);
  const { reader, format, header } = await openVectorFile(path, options.format ?? 'auto', options.chunkBytes);
  try {
    reader.onProgress = options.onProgress;
    const collector =
      format === 'word2vec-bin'
        ? await readBinaryRecords(reader, {
            file: path,
            decoder,
            dim: header!.dim,
            headerCount: header!.count,
            limit,
            inPlace: options.chunkBytes === undefined,
          })
        : await readTextRecords(reader, {
            file: path,
            decoder,
            dim: header?.dim ?? null,
            headerCount: header?.count ?? null,
            limit,
            firstLine: header === null ? 1 : 2,
          });
    const counts = options.vocabFile === undefined ? undefined : alignCounts(collector.words.all(), await readVocabCounts(options.vocabFile, decoder));
    const vectors = new KeyedVectors(collector.words, collector.finish(), collector.dim, counts, collector.rowIndex);
    return { vectors, format, duplicates: collector.duplicates };
  } finally {
    await reader.close();
  }
}

/**
 * Saves atomically (a temporary sibling renamed into place), streaming the output in batches.
 * Text formats write the shortest decimals that read back as the same float32.
 */
export async function saveVectors(kv: KeyedVectors, path: string, options: SaveVectorsOptions = {}): Promise<VectorFormat> {
  const format = options.format ?? formatFromExtension(path, kv);
  if (format === 'fasttext-bin') {
    if (!(kv instanceof SubwordVectors)) {
      throw new EmbedkitError('BAD_FORMAT', 'only subword vectors (trained with --algo fasttext) can be saved as a fastText .bin', { file: path });
    }
    await saveFastTextBin(path, kv);
    return format;
  }
  checkWritableWords(kv, path);
  if (options.vocabFile !== undefined && kv.counts === undefined) {
    throw new EmbedkitError('NO_COUNTS', 'these vectors carry no word counts for a vocabulary file', { file: options.vocabFile });
  }
  await writeStreamAtomic(path, async (handle) => {
    if (format === 'word2vec-bin') await writeWord2vecBinary(kv, handle, options.newlineAfterVector ?? true);
    else await writeTextVectors(kv, handle, format === 'word2vec-text');
  });
  if (options.vocabFile !== undefined) await writeVocabCounts(kv, options.vocabFile);
  return format;
}

/** Format, size and shape of a vector file, from its header (GloVe: by counting lines). */
export async function describeVectorFile(path: string, options: { format?: 'auto' | VectorFormat } = {}): Promise<VectorFileInfo> {
  if (options.format === 'fasttext-bin' || ((options.format ?? 'auto') === 'auto' && (await isFastTextModel(path)))) {
    const model = await loadFastTextVectors(path);
    const { size: fileBytes } = await stat(path);
    return { format: 'fasttext-bin', fileBytes, compressed: false, words: model.size, dim: model.dim };
  }
  const { reader, format, header } = await openVectorFile(path, options.format ?? 'auto');
  try {
    const base = { format, fileBytes: reader.fileBytes, compressed: reader.compressed };
    if (header !== null) return { ...base, words: header.count, dim: header.dim };
    return { ...base, ...(await countGloveLines(reader)) };
  } finally {
    await reader.close();
  }
}

/** The first four bytes of a fastText model. */
async function isFastTextModel(path: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch {
    return false; // the regular reader reports the missing file
  }
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    return bytesRead === 4 && head.readUInt32LE(0) === FASTTEXT_MAGIC;
  } finally {
    await handle.close();
  }
}

/** The format a path's extension implies, for saving: `.bin` is fastText's model for subword vectors, else word2vec's. */
export function formatFromExtension(path: string, kv?: KeyedVectors): VectorFormat {
  const extension = extname(path).toLowerCase();
  if (extension === '.bin') return kv instanceof SubwordVectors ? 'fasttext-bin' : 'word2vec-bin';
  if (extension === '.txt' || extension === '.vec') return 'word2vec-text';
  throw new EmbedkitError('UNKNOWN_FORMAT', `cannot tell the vector format from the extension "${extension}": name a format (${VECTOR_FORMATS.join(', ')})`, {
    file: path,
  });
}


function limitOf(limit: number | undefined, file: string): number {
  if (limit === undefined) return Infinity;
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw new EmbedkitError('BAD_OPTION', `limit must be a positive integer, not ${limit}`, { file, field: 'limit' });
  }
  return limit;
}
