/**
 * A word's key: the bytes by which the word index hashes and compares it. For a well-formed string
 * the key is its UTF-8 encoding, so a loader can take a word's key straight from a file's bytes
 * without making a string. A lone surrogate (possible in a JS string, never in decoded UTF-8) is
 * written as its own three bytes (as WTF-8 does), so that two different strings never share a key.
 */

const FNV_OFFSET = 0x811c9dc5 | 0;
export const FNV_PRIME = 0x01000193;
export const HASH_START = FNV_OFFSET;

/** The most key bytes a string of `length` UTF-16 code units can take. */
export const MAX_KEY_BYTES_PER_UNIT = 3;

/**
 * A key's hash: FNV-1a over its bytes, then murmur3's finaliser so that the low bits (the slot)
 * depend on every byte. A reader hashes bytes as it scans them: HASH_START, then
 * `Math.imul(hash ^ byte, FNV_PRIME)` per byte, then hashFinish.
 */
export function hashFinish(hash: number): number {
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  return hash ^ (hash >>> 16);
}

/** hashFinish of the FNV-1a of `bytes[start, end)`. */
export function hashKey(bytes: Uint8Array, start: number, end: number): number {
  let hash = HASH_START;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i], FNV_PRIME);
  return hashFinish(hash);
}

/** Hash of `word`'s key (for an ASCII word, of its characters). */
export function hashWord(word: string): number {
  const key = new Uint8Array(word.length * MAX_KEY_BYTES_PER_UNIT);
  return hashKey(key, 0, encodeWordKey(word, key, 0));
}

/**
 * Writes `word`'s key into `target` from `at` (room for MAX_KEY_BYTES_PER_UNIT bytes per code unit
 * needed) and returns where it ends.
 */
export function encodeWordKey(word: string, target: Uint8Array, at: number): number {
  const length = word.length;
  for (let i = 0; i < length; i++) {
    let code = word.charCodeAt(i);
    if (code < 0x80) {
      target[at++] = code;
      continue;
    }
    if (code < 0x800) {
      target[at++] = 0xc0 | (code >>> 6);
      target[at++] = 0x80 | (code & 0x3f);
      continue;
    }
    if (code >= 0xd800 && code < 0xdc00 && i + 1 < length) {
      const low = word.charCodeAt(i + 1);
      if (low >= 0xdc00 && low < 0xe000) {
        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
        i++;
        target[at++] = 0xf0 | (code >>> 18);
        target[at++] = 0x80 | ((code >>> 12) & 0x3f);
        target[at++] = 0x80 | ((code >>> 6) & 0x3f);
        target[at++] = 0x80 | (code & 0x3f);
        continue;
      }
    }
    // Any other unit, a lone surrogate included, as three bytes.
    target[at++] = 0xe0 | (code >>> 12);
    target[at++] = 0x80 | ((code >>> 6) & 0x3f);
    target[at++] = 0x80 | (code & 0x3f);
  }
  return at;
}
