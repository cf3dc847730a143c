import type { FileHandle } from 'node:fs/promises';
import { endianness } from 'node:os';
import { EmbedkitError } from '../errors.js';
import type { KeyedVectors } from '../vectors/keyed-vectors.js';
import { MAX_FLOAT32_TEXT_BYTES, writeFloat32Text } from './format-float.js';

/** Output is gathered into batches of about this size between writes. */
const BATCH_BYTES = 4 * 1024 * 1024;
const FLOAT_BYTES = 4;

/**
 * A word that the formats cannot carry: the readers end a word at the first space (and text
 * readers at a tab), and skip newlines before binary words.
 */
export function checkWritableWords(kv: KeyedVectors, file: string): void {
  kv.words.forEach((word, index) => {
    if (word.length === 0 || /[ \t\n\r]/.test(word)) {
      throw new EmbedkitError('BAD_WORD', `word ${JSON.stringify(word)} is empty or contains whitespace: vector files cannot store it`, {
        file,
        field: `words[${index}]`,
      });
    }
  });
}

/**
 * `word v1 … vd` lines, shortest float32 round-trip decimals, with the `count dim` header for
 * word2vec text. Bytes go straight into a batch buffer: no string per value or per line.
 */
export async function writeTextVectors(kv: KeyedVectors, handle: FileHandle, withHeader: boolean): Promise<void> {
  const { dim, vectors, words } = kv;
  const rowBytesBound = dim * (MAX_FLOAT32_TEXT_BYTES + 1) + 1;
  const batch = Buffer.allocUnsafe(Math.max(BATCH_BYTES, 2 * rowBytesBound));
  let used = withHeader ? batch.write(`${kv.size} ${dim}\n`, 0, 'latin1') : 0;
  for (let row = 0; row < words.length; row++) {
    const wordBytes = Buffer.byteLength(words[row], 'utf8');
    if (used + wordBytes + rowBytesBound > batch.length) {
      await handle.write(batch, 0, used);
      used = 0;
    }
    if (wordBytes + rowBytesBound > batch.length) {
      await handle.write(words[row]);
    } else {
      used += batch.write(words[row], used, 'utf8');
    }
    for (let j = row * dim; j < (row + 1) * dim; j++) {
      batch[used++] = 0x20;
      used = writeFloat32Text(batch, used, vectors[j]);
    }
    batch[used++] = 0x0a;
  }
  if (used > 0) await handle.write(batch, 0, used);
}

/**
 * word2vec binary: header line, then `word<space>` + dim little-endian float32 per word, with the
 * C tool's '\n' after each vector unless `newlineAfterVector` is false (gensim's layout).
 */
export async function writeWord2vecBinary(kv: KeyedVectors, handle: FileHandle, newlineAfterVector: boolean): Promise<void> {
  const { dim, words } = kv;
  const vectorBytes = dim * FLOAT_BYTES;
  let source = Buffer.from(kv.vectors.buffer, kv.vectors.byteOffset, kv.vectors.byteLength);
  if (endianness() === 'BE') source = Buffer.from(source).swap32();
  const batch = Buffer.allocUnsafe(Math.max(BATCH_BYTES, vectorBytes + 64 * 1024));
  let used = batch.write(`${kv.size} ${dim}\n`, 0, 'latin1');
  for (let row = 0; row < words.length; row++) {
    const wordBytes = Buffer.byteLength(words[row], 'utf8');
    const recordBytes = wordBytes + 1 + vectorBytes + 1;
    if (used + recordBytes > batch.length) {
      await handle.write(batch, 0, used);
      used = 0;
    }
    if (recordBytes > batch.length) {
      await handle.write(Buffer.from(words[row] + ' ', 'utf8'));
      await handle.write(source, row * vectorBytes, vectorBytes);
      if (newlineAfterVector) await handle.write('\n');
      continue;
    }
    used += batch.write(words[row], used, 'utf8');
    batch[used++] = 0x20;
    used += source.copy(batch, used, row * vectorBytes, (row + 1) * vectorBytes);
    if (newlineAfterVector) batch[used++] = 0x0a;
  }
  if (used > 0) await handle.write(batch, 0, used);
}
