import { EmbedkitError } from '../errors.js';
import type { KeyedVectors } from '../vectors/keyed-vectors.js';
import { writeStreamAtomic } from './atomic-stream.js';
import { ByteReader } from './byte-reader.js';
import { trimLineEnd } from './text-record.js';
import { MAX_LINE_BYTES } from './text-vectors.js';
import type { WordDecoder } from './word-decoder.js';

const NEWLINE = 0x0a;
const BATCH_CHARS = 1024 * 1024;

/**
 * Reads a word2vec vocabulary file (`word count` per line, as the C tool's -save-vocab and gensim's
 * `fvocab` write it) into word → count. A word listed twice keeps its first count.
 */
export async function readVocabCounts(path: string, decoder: WordDecoder): Promise<Map<string, number>> {
  let reader: ByteReader;
  try {
    reader = await ByteReader.open(path);
  } catch (error) {
    throw new EmbedkitError('CANNOT_OPEN', `cannot open the vocabulary file (${(error as NodeJS.ErrnoException).code ?? error})`, { file: path });
  }
  const counts = new Map<string, number>();
  try {
    for (let line = 1; ; line++) {
      let newline = reader.view.indexOf(NEWLINE, reader.position);
      if (newline < 0) newline = await reader.indexOfByte(NEWLINE, MAX_LINE_BYTES);
      if (newline === -2) throw new EmbedkitError('BAD_RECORD', 'line too long', { file: path, line });
      if (newline < 0 && reader.position >= reader.end) break;
      const { bytes } = reader;
      const start = reader.position;
      const end = trimLineEnd(bytes, start, newline < 0 ? reader.end : newline);
      if (end > start) {
        let space = end - 1;
        while (space > start && bytes[space] !== 0x20 && bytes[space] !== 0x09) space--;
        const countText = bytes.toString('latin1', space + 1, end);
        if (space === start || !/^\d+$/.test(countText)) {
          throw new EmbedkitError('BAD_RECORD', `expected "word count", found "${bytes.toString('utf8', start, Math.min(end, start + 60))}"`, {
            file: path,
            line,
            byteOffset: reader.offsetOf(start),
          });
        }
        const word = decoder.decode(bytes, start, trimLineEnd(bytes, start, space), reader.offsetOf(start), line);
        if (!counts.has(word)) counts.set(word, Number(countText));
      }
      reader.position = newline < 0 ? reader.end : newline + 1;
    }
  } finally {
    await reader.close();
  }
  return counts;
}

/** Counts aligned to `words`; NaN for a word the vocabulary file lacks (gensim stores None). */
export function alignCounts(words: readonly string[], counts: ReadonlyMap<string, number>): Float64Array {
  const aligned = new Float64Array(words.length);
  for (let i = 0; i < words.length; i++) aligned[i] = counts.get(words[i]) ?? NaN;
  return aligned;
}

/** Writes `word count` lines for a store that has counts. */
export async function writeVocabCounts(kv: KeyedVectors, path: string): Promise<void> {
  const counts = kv.counts;
  if (counts === undefined) {
    throw new EmbedkitError('NO_COUNTS', 'these vectors carry no word counts to write', { file: path });
  }
  await writeStreamAtomic(path, async (handle) => {
    let batch = '';
    for (let i = 0; i < kv.size; i++) {
      batch += `${kv.words[i]} ${Number.isNaN(counts[i]) ? 0 : counts[i]}\n`;
      if (batch.length >= BATCH_CHARS) {
        await handle.write(batch);
        batch = '';
      }
    }
    if (batch.length > 0) await handle.write(batch);
  });
}
