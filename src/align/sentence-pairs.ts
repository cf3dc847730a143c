import { EmbedkitError } from '../errors.js';
import { readLinesNumbered } from '../text/read-lines.js';

/** One translation pair of a parallel corpus; `line` is 1-based in its file. */
export interface SentencePair {
  english: string;
  chinese: string;
  line: number;
}

/** 0-based tab-separated columns of each side (default: English 0, Chinese 1, Tatoeba's layout). */
export interface PairColumns {
  english: number;
  chinese: number;
}

export const TATOEBA_COLUMNS: PairColumns = { english: 0, chinese: 1 };

/** Reads `english<TAB>chinese[<TAB>…]` lines (plain or .gz); blank lines are skipped. */
export async function readSentencePairs(file: string, columns: PairColumns = TATOEBA_COLUMNS): Promise<SentencePair[]> {
  checkColumns(columns);
  const needed = Math.max(columns.english, columns.chinese) + 1;
  const pairs: SentencePair[] = [];
  for await (const { line, lineNumber } of readLinesNumbered(file)) {
    if (line.trim() === '') continue;
    const fields = line.split('\t');
    if (fields.length < needed) {
      throw new EmbedkitError('BAD_PAIR', `expected at least ${needed} tab-separated fields, found ${fields.length}`, { file, line: lineNumber });
    }
    pairs.push({ english: fields[columns.english], chinese: fields[columns.chinese], line: lineNumber });
  }
  return pairs;
}

/** Parses `--columns 0,1` (English column, Chinese column). */
export function parseColumns(text: string): PairColumns {
  const parts = text.split(',').map((part) => Number(part.trim()));
  if (parts.length !== 2 || parts.some((n) => !Number.isInteger(n) || n < 0)) {
    throw new EmbedkitError('BAD_OPTION', `--columns must be two 0-based column numbers "english,chinese", got ${JSON.stringify(text)}`, {
      field: 'columns',
    });
  }
  const columns = { english: parts[0], chinese: parts[1] };
  checkColumns(columns);
  return columns;
}

function checkColumns(columns: PairColumns): void {
  const ok = [columns.english, columns.chinese].every((n) => Number.isInteger(n) && n >= 0) && columns.english !== columns.chinese;
  if (!ok) throw new EmbedkitError('BAD_OPTION', 'the English and Chinese columns must be two different non-negative integers', { field: 'columns' });
}
