/**
 * Which texts of a data set occur inside a longer text of the same set, token for token. Phrase-annotated
 * corpora (SST: every sub-phrase of a sentence is an example of its own) are full of them, and a bigram
 * counted once per nested phrase looks common when it comes from a single sentence.
 *
 * Every contiguous span of each text up to `maxContainerLength` tokens is looked up among the texts by a
 * hash of its token ids (two 26-bit polynomial hashes in one number), then confirmed token by token. Only
 * span lengths that some text has are looked up; past `maxLookups` the search stops (long-document data
 * sets, where nesting is not how the data were made).
 */
export interface NestedTextsOptions {
  /** Texts longer than this are not searched for spans (they can still be found inside others). Default 80. */
  maxContainerLength?: number;
  /** Upper bound on span lookups. Default 30 million. */
  maxLookups?: number;
}

const HASH_BITS = 26;
const HASH_MASK = (1 << HASH_BITS) - 1;
const BASE_A = 1_000_003;
const BASE_B = 9_176_867;

/** 1 for each text that is a proper contiguous part of another text of the list, else 0. */
export function nestedTexts(tokenLists: readonly (readonly string[])[], options: NestedTextsOptions = {}): Uint8Array {
  const maxContainerLength = options.maxContainerLength ?? 80;
  let lookupsLeft = options.maxLookups ?? 30_000_000;
  const nested = new Uint8Array(tokenLists.length);
  const ids = tokenIds(tokenLists);
  const byHash = new Map<number, number[]>();
  const lengths = new Uint8Array(maxContainerLength);
  ids.forEach((text, i) => {
    if (text.length === 0 || text.length >= maxContainerLength) return;
    lengths[text.length] = 1;
    const key = spanHash(text, 0, text.length);
    const same = byHash.get(key);
    if (same) same.push(i);
    else byHash.set(key, [i]);
  });
  for (let i = 0; i < ids.length && lookupsLeft > 0; i++) {
    const text = ids[i];
    if (text.length > maxContainerLength) continue;
    for (let start = 0; start < text.length; start++) {
      let a = 0;
      let b = 0;
      for (let end = start + 1; end <= text.length && end - start < text.length; end++) {
        a = (Math.imul(a, BASE_A) + text[end - 1]) & HASH_MASK;
        b = (Math.imul(b, BASE_B) + text[end - 1]) & HASH_MASK;
        if (!lengths[end - start]) continue;
        lookupsLeft--;
        const candidates = byHash.get(a * (HASH_MASK + 1) + b);
        if (candidates === undefined) continue;
        for (const j of candidates) if (!nested[j] && sameTokens(ids[j], text, start)) nested[j] = 1;
      }
    }
  }
  return nested;
}

function tokenIds(tokenLists: readonly (readonly string[])[]): Int32Array[] {
  const idOf = new Map<string, number>();
  return tokenLists.map((tokens) => {
    const ids = new Int32Array(tokens.length);
    for (let t = 0; t < tokens.length; t++) {
      let id = idOf.get(tokens[t]);
      if (id === undefined) {
        id = idOf.size + 1;
        idOf.set(tokens[t], id);
      }
      ids[t] = id;
    }
    return ids;
  });
}

function spanHash(ids: Int32Array, start: number, end: number): number {
  let a = 0;
  let b = 0;
  for (let t = start; t < end; t++) {
    a = (Math.imul(a, BASE_A) + ids[t]) & HASH_MASK;
    b = (Math.imul(b, BASE_B) + ids[t]) & HASH_MASK;
  }
  return a * (HASH_MASK + 1) + b;
}

function sameTokens(part: Int32Array, text: Int32Array, start: number): boolean {
  for (let t = 0; t < part.length; t++) if (part[t] !== text[start + t]) return false;
  return true;
}
