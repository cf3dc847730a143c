import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InvalidArgumentError, type Command } from 'commander';
import { EmbedkitError } from '../../errors.js';
import { evaluateAnalogies, type AnalogyResult } from '../../eval/analogies.js';
import { evaluateWordPairs, type WordPairsResult } from '../../eval/similarity.js';
import { formatFloat32 } from '../../io/format-float.js';
import { loadVectors } from '../../io/vectors-io.js';
import type { KeyedVectors } from '../../vectors/keyed-vectors.js';
import { printJson, wantsProgress, type CommonOptions } from '../output.js';
import { integerOption } from '../parse-options.js';

interface EvalOptions extends CommonOptions {
  analogies: string[];
  similarity: string[];
  restrict: number;
  similarityRestrict: number;
  cosmul?: boolean;
  caseSensitive?: boolean;
  dummy4unknown?: boolean;
  limit?: number;
}

interface GetOptions extends CommonOptions {
  limit?: number;
}

/**
 * `embedkit vectors eval <vectors>`: the standard intrinsic evaluations, as gensim computes them.
 * JSON: {"analogies": [{"file", "method", "accuracy", "correct", "seen", "total", "skipped",
 *        "sections": [{"name", "accuracy", "correct", "seen", "total"}]}],
 *        "similarity": [{"file", "spearman", "pearson", "pairs", "oov", "total"}]}
 * (accuracy as a fraction; oov as a percentage, as gensim; a correlation with fewer than two usable
 * pairs is null).
 */
export function registerVectorsEval(vectors: Command): void {
  vectors
    .command('eval')
    .description(
      'word analogies (accuracy) and word-pair similarity (Spearman, Pearson), as gensim evaluates them; ' +
        'without --analogies/--similarity, the standard English sets under $EMBEDKIT_DATA',
    )
    .argument('<vectors>', 'vector file (word2vec binary/text, fastText .vec, GloVe)')
    .option('--analogies <file>', 'an analogy test set (": section" lines, then "a b c d"); repeatable', collect, [])
    .option('--similarity <file>', 'a word-pair test set ("word1 word2 score"); repeatable', collect, [])
    .option('--restrict <n>', 'analogies: only the N most frequent words are asked and answered (the C tool\'s 30000; gensim uses 300000; 0 = all)', integerOption, 30000)
    .option('--similarity-restrict <n>', 'word pairs: only the N most frequent words are known (gensim\'s 300000; 0 = all)', integerOption, 300000)
    .option('--cosmul', 'answer analogies by 3CosMul (Levy & Goldberg) instead of 3CosAdd')
    .option('--case-sensitive', 'match words as written (default: upper-case both, as gensim)')
    .option('--dummy4unknown', 'count questions and pairs with unknown words (as wrong / similarity 0) instead of skipping them')
    .option('--limit <n>', 'read only the first N words of the vector file', positiveInteger)
    .option('--json', 'print one JSON object')
    .action(async (file: string, options: EvalOptions) => {
      const sets = testSets(options);
      const kv = (await loadVectors(file, { limit: options.limit })).vectors;
      const progress = wantsProgress(options);
      const analogies: AnalogyResult[] = [];
      for (const set of sets.analogies) {
        if (progress) process.stderr.write(`analogies: ${set}\n`);
        analogies.push(
          await evaluateAnalogies(kv, set, {
            restrictVocab: options.restrict,
            method: options.cosmul ? '3CosMul' : '3CosAdd',
            caseInsensitive: !options.caseSensitive,
            dummy4unknown: options.dummy4unknown,
          }),
        );
      }
      const similarity: WordPairsResult[] = [];
      for (const set of sets.similarity) {
        similarity.push(
          await evaluateWordPairs(kv, set, {
            restrictVocab: options.similarityRestrict,
            caseInsensitive: !options.caseSensitive,
            dummy4unknown: options.dummy4unknown,
          }),
        );
      }
      if (options.json) {
        printJson({ analogies: analogies.map(analogyJson), similarity: similarity.map(similarityJson) });
        return;
      }
      process.stdout.write(formatEvaluation(analogies, similarity, options));
    });
}

/**
 * `embedkit vectors get <file> <word…>`: each word's vector as fastText's print-word-vectors
 * prints it ("word v1 … vd ", values as C++ streams write them at precision 5). An unknown word
 * prints zeros, as fastText does for a word without subwords, and a note on stderr.
 * JSON: [{"word", "vector": [...], "oov": bool}] (values as the shortest decimals of the float32s).
 */
export function registerVectorsGet(vectors: Command): void {
  vectors
    .command('get')
    .description("print words' vectors (as fastText print-word-vectors; zeros for an unknown word)")
    .argument('<file>', 'vector file')
    .argument('<word...>', 'words to print')
    .option('--limit <n>', 'read only the first N words of the vector file', positiveInteger)
    .option('--json', 'print one JSON array')
    .action(async (file: string, words: string[], options: GetOptions) => {
      const kv = (await loadVectors(file, { limit: options.limit })).vectors;
      const found = words.map((word) => lookUp(kv, word));
      if (options.json) {
        printJson(found.map(({ word, vector, oov }) => ({ word, vector: Array.from(vector, (v) => Number(formatFloat32(v))), oov })));
        return;
      }
      const unknown = found.filter((entry) => entry.zero).map((entry) => `"${entry.word}"`);
      if (unknown.length > 0) {
        process.stderr.write(`embedkit: not in the vocabulary of ${file}, printed as zero vectors: ${unknown.join(', ')}\n`);
      }
      process.stdout.write(found.map(({ word, vector }) => `${word} ${Array.from(vector, (v) => formatPrecision5(v) + ' ').join('')}\n`).join(''));
    });
}

/** `oov`: the word has no row; `zero`: nor a vector from subwords (a subword store builds one), so zeros stand in. */
function lookUp(kv: KeyedVectors, word: string): { word: string; vector: Float32Array; oov: boolean; zero: boolean } {
  const vector = kv.get(word);
  return { word, vector: vector ?? new Float32Array(kv.dim), oov: !kv.has(word), zero: vector === null };
}

/**
 * A float as C++'s ostream writes it after setprecision(5) (printf "%.5g"): 5 significant digits,
 * trailing zeros dropped, exponent form below 1e-4 or from 1e5 on, with at least two exponent digits.
 */
export function formatPrecision5(value: number): string {
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  const [mantissa, exponentText] = value.toExponential(4).split('e');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 5) {
    const digits = Math.abs(exponent) < 10 ? `0${Math.abs(exponent)}` : String(Math.abs(exponent));
    return `${dropTrailingZeros(mantissa)}e${exponent < 0 ? '-' : '+'}${digits}`;
  }
  return dropTrailingZeros(value.toFixed(4 - exponent));
}

function dropTrailingZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

interface TestSets {
  analogies: string[];
  similarity: string[];
}

/** The sets named, else the standard English ones from the data folder. */
function testSets(options: EvalOptions): TestSets {
  if (options.analogies.length > 0 || options.similarity.length > 0) return { analogies: options.analogies, similarity: options.similarity };
  const root = dataRoot();
  const questions = join(root, 'analogy-en', 'questions-words.txt');
  const pairsFolder = join(root, 'wordsim-en');
  const sets: TestSets = {
    analogies: existsSync(questions) ? [questions] : [],
    similarity: existsSync(pairsFolder)
      ? readdirSync(pairsFolder)
          .filter((name) => name.endsWith('.txt'))
          .sort()
          .map((name) => join(pairsFolder, name))
      : [],
  };
  if (sets.analogies.length === 0 && sets.similarity.length === 0) {
    throw new EmbedkitError(
      'DATA_MISSING',
      `no --analogies or --similarity given, and the standard sets (analogy-en/questions-words.txt, wordsim-en/*.txt) are not under ${root} ` +
        '(set EMBEDKIT_DATA to the folder holding them)',
    );
  }
  return sets;
}

/** $EMBEDKIT_DATA, else ../shared/data beside the project root (this file is dist/src/cli/commands/…). */
function dataRoot(): string {
  if (process.env.EMBEDKIT_DATA) return resolve(process.env.EMBEDKIT_DATA);
  const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
  return resolve(projectRoot, '..', 'shared', 'data');
}

function analogyJson(result: AnalogyResult) {
  const { file, method, accuracy, correct, seen, total, skipped, sections } = result;
  return { file, method, accuracy, correct, seen, total, skipped, sections };
}

function similarityJson(result: WordPairsResult) {
  const { file, spearman, pearson, pairs, oov, total } = result;
  return { file, spearman: finiteOrNull(spearman), pearson: finiteOrNull(pearson), pairs, oov, total };
}

function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

function formatEvaluation(analogies: readonly AnalogyResult[], similarity: readonly WordPairsResult[], options: EvalOptions): string {
  const lines: string[] = [];
  const restrict = (n: number) => (n === 0 ? 'all words' : `top ${n} words`);
  for (const result of analogies) {
    lines.push(`analogies  ${basename(result.file)}  (${result.method}, ${restrict(options.restrict)}${options.caseSensitive ? ', case-sensitive' : ''})`);
    const width = Math.max(7, ...result.sections.map((section) => section.name.length));
    for (const section of result.sections) lines.push(`  ${section.name.padEnd(width)}  ${countsText(section)}`);
    lines.push(`  ${'overall'.padEnd(width)}  ${countsText(result)}`);
    if (result.skipped > 0) {
      lines.push(`  ${result.skipped} of ${result.total} questions have a word outside the vocabulary: ${options.dummy4unknown ? 'counted wrong' : 'skipped'}`);
    }
    lines.push('');
  }
  if (similarity.length > 0) {
    lines.push(`word pairs  (${restrict(options.similarityRestrict)}${options.caseSensitive ? ', case-sensitive' : ''})`);
    const width = Math.max(4, ...similarity.map((result) => basename(result.file).length));
    lines.push(`  ${'file'.padEnd(width)}  spearman  pearson   pairs   oov`);
    for (const result of similarity) {
      lines.push(
        `  ${basename(result.file).padEnd(width)}  ${correlationText(result.spearman)}  ${correlationText(result.pearson)}  ` +
          `${`${result.pairs}/${result.total}`.padStart(9)}  ${result.oov.toFixed(1).padStart(5)}%`,
      );
    }
    lines.push('');
  }
  return lines.join('\n');
}

function countsText(counts: { accuracy: number; correct: number; seen: number; total: number }): string {
  return `${(100 * counts.accuracy).toFixed(2).padStart(6)}%  ${String(counts.correct).padStart(6)}/${String(counts.seen).padEnd(6)} (of ${counts.total})`;
}

function correlationText(value: number): string {
  return (Number.isFinite(value) ? value.toFixed(4) : 'n/a').padStart(8);
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function positiveInteger(value: string): number {
  const parsed = integerOption(value);
  if (parsed < 1) throw new InvalidArgumentError('expected a positive integer');
  return parsed;
}
