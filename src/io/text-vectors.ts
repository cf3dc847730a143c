import { EmbedkitError } from '../errors.js';
import type { ByteReader } from './byte-reader.js';
import { countFields, parseTextRecord, trimLineEnd, type RecordPlace } from './text-record.js';
import { VectorCollector } from './vector-collector.js';
import type { WordDecoder } from './word-decoder.js';

const NEWLINE = 0x0a;
/** A text line longer than this is not a vector record (4096 dims × ~30 bytes fits easily). */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

export interface TextReadOptions {
  file: string;
  decoder: WordDecoder;
  /** Known from the word2vec header; null for GloVe, where the first line decides. */
  dim: number | null;
  /** The header's word count; null for GloVe (read to the end). */
  headerCount: number | null;
  limit: number;
  /** 1-based number of the line at the reader's position. */
  firstLine: number;
}

/**
 * Reads `word v1 … vd` lines (word2vec text, fastText .vec, GloVe). One native newline search per
 * line, then numbers are parsed from the bytes into the final array. Blank lines are an error where
 * the header promises records, and skipped in GloVe files.
 */
export async function readTextRecords(reader: ByteReader, options: TextReadOptions): Promise<VectorCollector> {
  const { file, decoder, headerCount, limit } = options;
  let dim = options.dim;
  const wanted = headerCount === null ? limit : Math.min(headerCount, limit);
  let collector: VectorCollector | null = dim === null ? null : new VectorCollector(file, dim, wanted);
  const place: RecordPlace = { file, line: options.firstLine, baseOffset: 0 };
  let records = 0;
  while (records < wanted) {
    let newline = reader.view.indexOf(NEWLINE, reader.position);
    if (newline < 0) {
      newline = await reader.indexOfByte(NEWLINE, MAX_LINE_BYTES);
      if (newline === -2) {
        throw new EmbedkitError('BAD_RECORD', `line longer than ${MAX_LINE_BYTES} bytes`, {
          file,
          line: place.line,
          byteOffset: reader.offsetOf(reader.position),
        });
      }
      if (newline < 0 && reader.position >= reader.end) break;
    }
    const bytes = reader.bytes;
    const lineStart = reader.position;
    const lineEnd = newline < 0 ? reader.end : newline;
    const contentEnd = trimLineEnd(bytes, lineStart, lineEnd);
    place.baseOffset = reader.offsetOf(0);
    if (contentEnd > lineStart) {
      if (collector === null) {
        dim = countFields(bytes, lineStart, contentEnd) - 1;
        if (dim < 1) {
          throw new EmbedkitError('BAD_RECORD', 'first line has a word but no values', { file, line: place.line, byteOffset: place.baseOffset + lineStart });
        }
        collector = new VectorCollector(file, dim, estimateRows(reader, lineEnd - lineStart + 1, limit));
      }
      const offset = collector.nextRowOffset();
      const word = parseTextRecord(bytes, lineStart, contentEnd, collector.dim, collector.values, offset, decoder, place);
      collector.commit(word);
      records++;
    } else if (headerCount !== null) {
      throw new EmbedkitError('BAD_RECORD', `blank line where record ${records + 1} of ${headerCount} was expected`, {
        file,
        line: place.line,
        byteOffset: place.baseOffset + lineStart,
      });
    }
    reader.position = newline < 0 ? reader.end : newline + 1;
    place.line++;
  }
  if (headerCount !== null) {
    if (records < wanted) {
      throw new EmbedkitError('COUNT_MISMATCH', `the header says ${headerCount} words but the file ends after ${records}`, {
        file,
        line: place.line,
        byteOffset: reader.offsetOf(reader.position),
      });
    }
    if (wanted === headerCount) await expectOnlyWhitespace(reader, file, `more lines than the header's ${headerCount} words`, place.line);
  }
  return collector ?? new VectorCollector(file, 1, 0);
}

/** Rows to allocate for a GloVe file, from its size and the first line's length. */
function estimateRows(reader: ByteReader, firstLineBytes: number, limit: number): number {
  if (reader.compressed) return Math.min(limit, 1024);
  const estimate = Math.ceil((reader.fileBytes / firstLineBytes) * 1.05) + 16;
  return Math.min(limit, estimate);
}

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);

/** After the last promised record only whitespace may follow; anything else means a wrong header count. */
export async function expectOnlyWhitespace(reader: ByteReader, file: string, message: string, line?: number): Promise<void> {
  for (;;) {
    while (reader.position < reader.end && WHITESPACE.has(reader.bytes[reader.position])) {
      if (reader.bytes[reader.position] === NEWLINE && line !== undefined) line++;
      reader.position++;
    }
    if (reader.position < reader.end) {
      throw new EmbedkitError('COUNT_MISMATCH', message, { file, line, byteOffset: reader.offsetOf(reader.position) });
    }
    if (!(await reader.more())) return;
  }
}
