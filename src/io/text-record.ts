import { EmbedkitError } from '../errors.js';
import { lastParseEnd, lastParseOk, parseDecimal, parseField } from './parse-number.js';
import type { WordDecoder } from './word-decoder.js';

const SPACE = 0x20;
const TAB = 0x09;
const CARRIAGE_RETURN = 0x0d;

function isSeparator(byte: number): boolean {
  return byte === SPACE || byte === TAB;
}

/** Where a text record sits, for error messages. */
export interface RecordPlace {
  file: string;
  line: number;
  /** File offset of bytes[0]. */
  baseOffset: number;
}

/** End of the line's content: trailing spaces, tabs and '\r' dropped (fastText and the C tool end lines with a space). */
export function trimLineEnd(bytes: Uint8Array, start: number, end: number): number {
  while (end > start && (isSeparator(bytes[end - 1]) || bytes[end - 1] === CARRIAGE_RETURN)) end--;
  return end;
}

/** Number of whitespace-separated fields in bytes[start, end). */
export function countFields(bytes: Uint8Array, start: number, end: number): number {
  let fields = 0;
  let i = start;
  while (i < end) {
    while (i < end && isSeparator(bytes[i])) i++;
    if (i >= end) break;
    fields++;
    while (i < end && !isSeparator(bytes[i])) i++;
  }
  return fields;
}

/**
 * Parses `word v1 … v_dim` from bytes[start, end) (end already trimmed), writing the values to
 * out[outOffset…]. Fields are separated by runs of spaces or tabs. Throws EmbedkitError naming
 * the line and byte on a wrong number of values or a value that is not a number.
 */
export function parseTextRecord(
  bytes: Buffer,
  start: number,
  end: number,
  dim: number,
  out: Float32Array,
  outOffset: number,
  decoder: WordDecoder,
  place: RecordPlace,
): string {
  let i = start;
  while (i < end && !isSeparator(bytes[i])) i++;
  if (i === start) {
    throw new EmbedkitError('BAD_RECORD', 'line starts with whitespace: no word', {
      file: place.file,
      line: place.line,
      byteOffset: place.baseOffset + start,
    });
  }
  const word = decoder.decode(bytes, start, i, place.baseOffset + start, place.line);
  let values = 0;
  for (;;) {
    while (i < end && isSeparator(bytes[i])) i++;
    if (i >= end) break;
    const tokenStart = i;
    if (values === dim) {
      const found = dim + countFields(bytes, tokenStart, end);
      throw new EmbedkitError('BAD_RECORD', `"${word}" has ${found} values, expected ${dim}`, {
        file: place.file,
        line: place.line,
        byteOffset: place.baseOffset + tokenStart,
      });
    }
    const value = parseField(bytes, tokenStart, end);
    i = lastParseEnd;
    if (!lastParseOk) {
      throw new EmbedkitError(
        'BAD_NUMBER',
        `value ${values + 1} of "${word}" is not a number: "${bytes.toString('latin1', tokenStart, Math.min(i, tokenStart + 40))}"`,
        { file: place.file, line: place.line, byteOffset: place.baseOffset + tokenStart },
      );
    }
    out[outOffset + values] = value;
    values++;
  }
  if (values !== dim) {
    throw new EmbedkitError('BAD_RECORD', `"${word}" has ${values} values, expected ${dim}`, {
      file: place.file,
      line: place.line,
      byteOffset: place.baseOffset + start,
    });
  }
  return word;
}

/**
 * Whether bytes[start, end) read as `word v1 … v_dim` (format detection); with dim = null, any
 * positive number of values will do, so that a text file with a bad first record is still
 * recognised as text and its error reported as such.
 */
export function looksLikeTextRecord(bytes: Buffer, start: number, end: number, dim: number | null): boolean {
  let i = start;
  while (i < end && !isSeparator(bytes[i])) {
    if (bytes[i] < 0x20 && bytes[i] !== CARRIAGE_RETURN) return false;
    i++;
  }
  if (i === start) return false;
  let values = 0;
  for (;;) {
    while (i < end && isSeparator(bytes[i])) i++;
    if (i >= end) break;
    const tokenStart = i;
    while (i < end && !isSeparator(bytes[i])) i++;
    parseDecimal(bytes, tokenStart, i);
    if (!lastParseOk) return false;
    values++;
    if (dim !== null && values > dim) return false;
  }
  return dim === null ? values > 0 : values === dim;
}
