import { EmbedkitError } from '../errors.js';
import { readLinesNumbered } from '../text/read-lines.js';
import type { RowPairs } from './procrustes.js';

/** One dictionary entry: a source word and one of its translations. */
export interface WordPair {
  source: string;
  target: string;
}

/** Reads `source<TAB>target` (or space-separated, as MUSE's dictionaries) lines; blank lines skipped. */
export async function readDictionary(file: string): Promise<WordPair[]> {
  const pairs: WordPair[] = [];
  for await (const { line, lineNumber } of readLinesNumbered(file)) {
    const trimmed = line.trim();
    if (trimmed === '') continue;
    const fields = trimmed.includes('\t') ? trimmed.split('\t') : trimmed.split(/\s+/);
    if (fields.length < 2 || fields[0] === '' || fields[1] === '') {
      throw new EmbedkitError('BAD_DICTIONARY', 'expected "source<TAB>target"', { file, line: lineNumber });
    }
    pairs.push({ source: fields[0], target: fields[1] });
  }
  return pairs;
}

/** Rows of the pairs whose two words both have a row (within each side's `maxRank` first rows). */
export function pairsToRows(
  pairs: readonly WordPair[],
  sourceIndex: (word: string) => number,
  targetIndex: (word: string) => number,
  maxRank = Infinity,
): RowPairs & { covered: number } {
  const source: number[] = [];
  const target: number[] = [];
  for (const pair of pairs) {
    const s = sourceIndex(pair.source);
    const t = targetIndex(pair.target);
    if (s < 0 || t < 0 || s >= maxRank || t >= maxRank) continue;
    source.push(s);
    target.push(t);
  }
  return { source: Int32Array.from(source), target: Int32Array.from(target), covered: source.length };
}
