import { endianness } from 'node:os';
import { EmbedkitError } from '../errors.js';
import type { ByteReader } from './byte-reader.js';
import { expectOnlyWhitespace } from './text-vectors.js';
import { VectorCollector } from './vector-collector.js';
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
}

/**
 * Reads word2vec binary records: `word<space>` then dim little-endian float32. The C tool writes a
 * '\n' after each vector and gensim does not; like gensim, newlines before a word are skipped, so
 * both read the same. Vector bytes are copied straight from the read buffer into the final array
 * (a byte copy, so the source's alignment does not matter).
 */
export async function readBinaryRecords(reader: ByteReader, options: BinaryReadOptions): Promise<VectorCollector> {
  const { file, decoder, dim, headerCount } = options;
  const wanted = Math.min(headerCount, options.limit);
  const vectorBytes = dim * FLOAT_BYTES;
  const collector = new VectorCollector(file, dim, wanted);
  for (let record = 0; record < wanted; record++) {
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
    const offset = collector.nextRowOffset();
    const vectorStart = wordStart + wordBytes + 1;
    reader.bytes.copy(collector.valueBytes, offset * FLOAT_BYTES, vectorStart, vectorStart + vectorBytes);
    collector.commit(word);
    reader.position = vectorStart + vectorBytes;
  }
  if (wanted === headerCount) await expectOnlyWhitespace(reader, file, `more data than the header's ${headerCount} words`);
  if (endianness() === 'BE') collector.valueBytes.subarray(0, collector.rows * vectorBytes).swap32();
  return collector;
}

/** Skips the C tool's '\n' before a word; false when the file ends first. */
async function skipNewlines(reader: ByteReader): Promise<boolean> {
  for (;;) {
    while (reader.position < reader.end && reader.bytes[reader.position] === NEWLINE) reader.position++;
    if (reader.position < reader.end) return true;
    if (!(await reader.more())) return false;
  }
}
