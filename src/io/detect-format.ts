import { EmbedkitError } from '../errors.js';
import { ByteReader } from './byte-reader.js';
import { looksLikeTextRecord, trimLineEnd } from './text-record.js';
import { MAX_LINE_BYTES } from './text-vectors.js';
import { isVectorFormat, VECTOR_FORMATS, type VectorFormat } from './vector-format.js';

/** First int32 of a fastText native model file. */
const FASTTEXT_MAGIC = 793712314;

export interface Header {
  count: number;
  dim: number;
}

export interface OpenedVectorFile {
  reader: ByteReader;
  format: VectorFormat;
  header: Header | null;
}

/**
 * Opens a vector file and settles its format from the first bytes: no `count dim` header means
 * GloVe; after a header, a printable `word v1 v2 …` line means text, anything else binary. The
 * reader is left at the first record.
 */
export async function openVectorFile(path: string, requested: 'auto' | VectorFormat, chunkBytes?: number): Promise<OpenedVectorFile> {
  if (requested !== 'auto' && !isVectorFormat(requested)) {
    throw new EmbedkitError('UNKNOWN_FORMAT', `unknown vector format "${String(requested)}" (known: auto, ${VECTOR_FORMATS.join(', ')})`, {
      file: path,
    });
  }
  let reader: ByteReader;
  try {
    reader = await ByteReader.open(path, chunkBytes);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES') {
      throw new EmbedkitError('CANNOT_OPEN', `cannot open (${code})`, { file: path });
    }
    throw error;
  }
  try {
    const opened = await detectFormat(reader, path, requested);
    return { reader, ...opened };
  } catch (error) {
    await reader.close();
    throw error;
  }
}

/** Reads the first line (and for word2vec files the start of the second) to settle the format. */
async function detectFormat(reader: ByteReader, path: string, requested: 'auto' | VectorFormat): Promise<Omit<OpenedVectorFile, 'reader'>> {
  const firstNewline = await reader.indexOfByte(0x0a, MAX_LINE_BYTES);
  if (reader.end === 0) throw new EmbedkitError('EMPTY_FILE', 'the file is empty', { file: path });
  if (reader.end >= 4 && reader.bytes.readUInt32LE(0) === FASTTEXT_MAGIC) {
    throw new EmbedkitError('UNKNOWN_FORMAT', 'this is a fastText model (.bin), not a word vector file: use the .vec written beside it', { file: path });
  }
  if (firstNewline === -2) throw new EmbedkitError('UNKNOWN_FORMAT', 'no line break in the first 16 MiB: not a vector file', { file: path, line: 1 });
  const firstLineEnd = firstNewline < 0 ? reader.end : firstNewline;
  // Some Windows tools start UTF-8 text with a byte-order mark; it is not part of the first word.
  if (reader.end >= 3 && reader.bytes[0] === 0xef && reader.bytes[1] === 0xbb && reader.bytes[2] === 0xbf) reader.position = 3;
  if (requested === 'glove') return { format: 'glove', header: null };
  const header = parseHeader(reader.bytes, reader.position, firstLineEnd, path, requested !== 'auto');
  if (header === null) {
    const dim = countValues(reader.bytes, reader.position, firstLineEnd);
    const lineStart = reader.position;
    if (dim < 1 || !looksLikeTextRecord(reader.bytes, lineStart, trimLineEnd(reader.bytes, lineStart, firstLineEnd), dim)) {
      throw new EmbedkitError('UNKNOWN_FORMAT', 'neither a `count dim` header nor a `word v1 v2 …` line: not a vector file', {
        file: path,
        line: 1,
      });
    }
    return { format: 'glove', header: null };
  }
  reader.position = firstNewline < 0 ? reader.end : firstNewline + 1;
  if (requested !== 'auto') return { format: requested, header };
  return { format: (await secondLineIsText(reader, header.dim)) ? 'word2vec-text' : 'word2vec-bin', header };
}

/** Fields after the first on the first line: the dimension a GloVe file would have. */
function countValues(bytes: Buffer, lineStart: number, lineEnd: number): number {
  let fields = 0;
  let inField = false;
  for (let i = lineStart; i < lineEnd; i++) {
    const separator = bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0d;
    if (!separator && !inField) fields++;
    inField = !separator;
  }
  return fields - 1;
}

/**
 * `count dim`: exactly two non-negative integers. Returns null when the line is something else
 * (a GloVe record), unless a header is required.
 */
function parseHeader(bytes: Buffer, start: number, end: number, file: string, required: boolean): Header | null {
  const text = bytes.toString('latin1', start, trimLineEnd(bytes, start, end)).trim();
  const match = /^(\d+)[ \t]+(\d+)$/.exec(text);
  if (match === null) {
    if (!required) return null;
    throw new EmbedkitError('BAD_HEADER', `expected a "count dim" header, found "${text.slice(0, 60)}"`, { file, line: 1, byteOffset: 0 });
  }
  const count = Number(match[1]);
  const dim = Number(match[2]);
  if (!Number.isSafeInteger(count)) throw new EmbedkitError('BAD_HEADER', `word count ${match[1]} is too large`, { file, line: 1, field: 'count' });
  if (!Number.isSafeInteger(dim) || dim < 1) {
    throw new EmbedkitError('BAD_HEADER', `dimension must be a positive integer, found ${match[2]}`, { file, line: 1, field: 'dim' });
  }
  return { count, dim };
}

/**
 * A word2vec text file continues with a `word v1 v2 …` line; binary float bytes essentially never
 * read as printable words and numbers. The number of values is not checked here, so a short first
 * record is reported by the text reader rather than misread as binary.
 */
async function secondLineIsText(reader: ByteReader, dim: number): Promise<boolean> {
  const newline = await reader.indexOfByte(0x0a, dim * 64 + 4096);
  if (newline === -2) return false;
  const lineEnd = newline < 0 ? reader.end : newline;
  if (lineEnd === reader.position) return true;
  return looksLikeTextRecord(reader.bytes, reader.position, trimLineEnd(reader.bytes, reader.position, lineEnd), null);
}

/** Words and dimension of a GloVe file, by counting its non-blank lines. */
export async function countGloveLines(reader: ByteReader): Promise<{ words: number; dim: number }> {
  const firstNewline = await reader.indexOfByte(0x0a, MAX_LINE_BYTES);
  const dim = countValues(reader.bytes, reader.position, firstNewline < 0 ? reader.end : firstNewline);
  let words = 0;
  let lineHasContent = false;
  do {
    const { bytes, end } = reader;
    for (let i = reader.position; i < end; i++) {
      const byte = bytes[i];
      if (byte === 0x0a) {
        if (lineHasContent) words++;
        lineHasContent = false;
      } else if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0d) {
        lineHasContent = true;
      }
    }
    reader.position = end;
  } while (await reader.more());
  if (lineHasContent) words++;
  return { words, dim };
}

