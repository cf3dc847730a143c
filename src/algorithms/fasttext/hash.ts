/**
 * fastText's string hash: 32-bit FNV-1a over the UTF-8 bytes, with one quirk kept on purpose.
 * fastText XORs `uint32_t(str[i])` where `str[i]` is a (signed) `char`, so a byte >= 0x80 is
 * sign-extended to 0xFFFFFFxx before the XOR. Plain FNV-1a would give other ids for every non-ASCII
 * n-gram, and the rows of a model trained by fastText would no longer match.
 */
const FNV_OFFSET_BASIS = 2166136261;
const FNV_PRIME = 16777619;

export const FASTTEXT_HASH_START = FNV_OFFSET_BASIS;

/** One step of the hash: `hash` (uint32) extended by `byte` (0..255). Returns a uint32. */
export function fastTextHashStep(hash: number, byte: number): number {
  const extended = byte >= 0x80 ? byte | 0xffffff00 : byte;
  return Math.imul(hash ^ extended, FNV_PRIME) >>> 0;
}

/** fastText's hash of a string (its UTF-8 bytes) or of raw bytes; a uint32. */
export function fastTextHash(text: string | Uint8Array): number {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  let hash = FNV_OFFSET_BASIS;
  for (let i = 0; i < bytes.length; i++) hash = fastTextHashStep(hash, bytes[i]);
  return hash;
}
