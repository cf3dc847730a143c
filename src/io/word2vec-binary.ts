import { endianness } from 'node:os';
import { EmbedkitError } from '../errors.js';
import type { ByteReader } from './byte-reader.js';
import { expectOnlyWhitespace } from './text-vectors.js';
import { VectorCollector } from './vector-collector.js';
import { WordBatch } from './word-batch.js';
import type { WordDecoder } from './word-decoder.js';

const SPACE = 0x20;
const NEWLINE = 0x0a;
/** A "word" longer than this means the file is not what its header claims. */
const MAX_WORD_BYTES = 1024 * 1024;
const FLOAT_BYTES = 4;

export interface BinaryReadOptions {
  file: string;
  decoder: WordDecoder;
  dim: number;
  headerCount: number;
  limit: number;
  /**
   * Read the whole file into one buffer and move each vector to its final place in that same
   * memory: the file's bytes are touched once after the read, and no second array of the file's
   * size is made. Off for gzip data, a `limit` below the word count, or small read windows (tests).
   */
  inPlace?: boolean;
}

/**
 * Reads word2vec binary records: `word<space>` then dim little-endian float32. The C tool writes a
 * '\n' after each vector and gensim does not; like gensim, newlines before a word are skipped, so
 * both read the same.
 *
 * The records wholly inside the read window are taken in one tight pass: each vector is copied as
 * bytes straight into the final array (a byte copy, so the source's alignment does not matter) and
 * each word's bytes are appended to the word list, to be checked together and never made into a
 * string here (WordBatch). With `inPlace` the window is the whole file, read chunk by chunk while
 * the records already read are parsed, and the final array is that same memory, so each vector
 * just moves towards the front; a record cut by a chunk's end waits for the next chunk. Otherwise
 * a record cut by the window's end, and every malformed record, goes through the careful
 * one-record path, which reads more and reports.
 */
export async function readBinaryRecords(reader: ByteReader, options: BinaryReadOptions): Promise<VectorCollector> {
  const { file, decoder, headerCount } = options;
  const wanted = Math.min(headerCount, options.limit);
  const vectorBytes = options.dim * FLOAT_BYTES;
  const inPlace = options.inPlace === true && wanted === headerCount && reader.startWholeRead() && reader.bytes.byteOffset % FLOAT_BYTES === 0;
  // Rows are written behind the reading position: a record's vector never starts before its row
  // (the header and each word with its space precede it), so no unread byte is overwritten.
  const storage = inPlace ? new Float32Array(reader.bytes.buffer, reader.bytes.byteOffset, Math.floor(reader.bytes.length / FLOAT_BYTES)) : undefined;
  // A word and its space take at least the room of the key and its separator: sized from the whole
  // file, the words' buffer never grows.
  const keyBytes = inPlace ? Math.max(0, reader.fileBytes - reader.offsetOf(reader.position) - wanted * vectorBytes) : 0;
  const collector = new VectorCollector(file, options.dim, wanted, storage, keyBytes);
  const batch = new WordBatch(collector.words);
  let record = 0;
  while (record < wanted) {
    let rowByte = collector.reserve(wanted - record) + collector.valueBytes.byteOffset;
    const target = new Uint8Array(collector.valueBytes.buffer);
    const window = reader.bytes;
    const base = window.byteOffset;
    const source = new Uint8Array(window.buffer, base, reader.end);
    // In place, a vector moves within one memory: copyWithin, no view made per record.
    const sameMemory = target.buffer === source.buffer;
    const end = reader.end;
    let position = reader.position;
    while (record < wanted) {
      let wordStart = position;
      while (wordStart < end && source[wordStart] === NEWLINE) wordStart++;
      let space = wordStart;
      while (space < end && source[space] !== SPACE) space++;
      const vectorStart = space + 1;
      if (space === wordStart || vectorStart + vectorBytes > end) break;
      batch.add(source, wordStart, space);
      if (sameMemory) target.copyWithin(rowByte, base + vectorStart, base + vectorStart + vectorBytes);
      else target.set(source.subarray(vectorStart, vectorStart + vectorBytes), rowByte);
      rowByte += vectorBytes;
      position = vectorStart + vectorBytes;
      record++;
    }
    reader.position = position;
    batch.settle(decoder, reader.offsetOf(0));
    collector.commitPending(batch.hashes);
    // Read whole, the next chunk is read while this one is parsed; a record cut by its end waits for it.
    if (record < wanted && !(await reader.arrived())) {
      await readOneRecord(reader, collector, options, record);
      record++;
    }
  }
  if (wanted === headerCount) await expectOnlyWhitespace(reader, file, `more data than the header's ${headerCount} words`);
  if (endianness() === 'BE') collector.valueBytes.subarray(0, collector.rows * vectorBytes).swap32();
  return collector;
}

/** One record, reading more as needed; every malformed record is reported from here. */
async function readOneRecord(reader: ByteReader, collector: VectorCollector, options: BinaryReadOptions, record: number): Promise<void> {
  const { file, decoder, headerCount } = options;
  const vectorBytes = options.dim * FLOAT_BYTES;
  if (!(await skipNewlines(reader))) {
    throw new EmbedkitError('COUNT_MISMATCH', `the header says ${headerCount} words but the file ends after ${record}`, {
      file,
      byteOffset: reader.offsetOf(reader.position),
    });
  }
  let space = reader.view.indexOf(SPACE, reader.position);
  if (space < 0) space = await reader.indexOfByte(SPACE, MAX_WORD_BYTES);
  if (space === -2) {
    throw new EmbedkitError('BAD_RECORD', `no space ending word ${record + 1} within ${MAX_WORD_BYTES} bytes: not a word2vec binary file?`, {
      file,
      byteOffset: reader.offsetOf(reader.position),
    });
  }
  if (space === -1) {
    throw new EmbedkitError('TRUNCATED', `the file ends inside word ${record + 1} of ${headerCount}`, {
      file,
      byteOffset: reader.offsetOf(reader.end),
    });
  }
  const wordBytes = space - reader.position;
  if (wordBytes === 0) {
    throw new EmbedkitError('BAD_RECORD', `empty word in record ${record + 1}`, { file, byteOffset: reader.offsetOf(reader.position) });
  }
  const recordBytes = wordBytes + 1 + vectorBytes;
  if (reader.end - reader.position < recordBytes && (await reader.ensure(recordBytes)) < recordBytes) {
    const vectorStart = reader.offsetOf(reader.position + wordBytes + 1);
    throw new EmbedkitError(
      'TRUNCATED',
      `truncated vector of "${decoder.decode(reader.bytes, reader.position, reader.position + wordBytes, reader.offsetOf(reader.position))}" ` +
        `(word ${record + 1} of ${headerCount}): needs ${vectorBytes} bytes from byte ${vectorStart}, the file ends at byte ${reader.offsetOf(reader.end)}`,
      { file, byteOffset: vectorStart },
    );
  }
  const wordStart = reader.position;
  const word = decoder.decode(reader.bytes, wordStart, wordStart + wordBytes, reader.offsetOf(wordStart));
  const rowByte = collector.reserve(1);
  const vectorStart = wordStart + wordBytes + 1;
  reader.bytes.copy(collector.valueBytes, rowByte, vectorStart, vectorStart + vectorBytes);
  collector.commit(word);
  reader.position = vectorStart + vectorBytes;
}

/** Skips the C tool's '\n' before a word; false when the file ends first. */
async function skipNewlines(reader: ByteReader): Promise<boolean> {
  for (;;) {
    while (reader.position < reader.end && reader.bytes[reader.position] === NEWLINE) reader.position++;
    if (reader.position < reader.end) return true;
    if (!(await reader.more())) return false;
  }
}
