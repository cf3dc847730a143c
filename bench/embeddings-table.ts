// The comparison table of the four vector trainers, English and Chinese: Word2Vec skip-gram and CBOW,
// GloVe, and subword (fastText-style) skip-gram, each trained alone in a child process.
//
//   node dist/bench/embeddings-table.js [--lang en|zh|both] [--epochs 5] [--threads 2] [--json] [--only sg,cbow,glove,fasttext]
//       [--glove-iterations 15]
//
// Settings: 100-d, min count 5, `--epochs` epochs (Word2Vec and subword skip-gram), `--threads` threads.
//   sg / cbow: window 5, negative 5, sample 1e-3 (the setting of the C-tool reference), the C tool's
//     learning rates (skip-gram 0.025, CBOW 0.05).
//   glove: window 10 (symmetric, 1/d weighting), xMax 100, alpha 0.75, learning rate 0.05, 15 iterations
//     (its own count, not --epochs: GloVe's iterations are a different unit of work), output W + W̃.
//   fasttext: subword skip-gram, window 5, negative 5, sample 1e-4, lr 0.05, n-grams 3..6 (English) or
//     1..2 (Chinese, where a character already carries meaning), 2,000,000 buckets.
// Corpora: English `english-corpus/en7m.txt.gz` (already lower-cased and tokenised); Chinese
// `chinese-corpus/zh-raw.txt.gz` plus every `chinese-modern/*.txt.gz`, segmented by jieba.
//
// Measures, per algorithm and language:
//   train s  — wall time inside the child of reading/encoding (or co-occurrence counting) plus training;
//   peak MB  — the child's RSS high-water mark (process.resourceUsage().maxRSS, worker threads included),
//              read right after training, before any evaluation;
//   Spearman — gensim's evaluate_word_pairs: pairs with a word outside the vocabulary are skipped,
//              OOV % is the share of such pairs;
//   analogies — 3CosAdd over the 30,000 most frequent words, questions with unknown words skipped
//              (accuracy over the questions answered, "answered/total" shown beside it).
// The subword model gets a second row, "n-gram aware": every word of a pair, seen or not, gets its
// vector (its own row when known, else the mean of its character n-gram rows, as fastText's
// print-word-vectors); a word with no known n-gram at all counts as similarity 0 (gensim's
// dummy4unknown), so every pair of the file is in the correlation; its OOV % is then the share of pairs
// with a word that still has no vector. Analogies stay on the known 30,000 words (candidates must be words).
//
// "best overall": the mean rank of each algorithm over every quality column of the languages run (the
// plain rows; the n-gram-aware row is shown, not ranked). Data: $EMBEDKIT_DATA (default ../shared/data
// from the project root). The machine may be shared: times are wall-clock and noisy.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { trainFastText } from '../src/algorithms/fasttext/train.js';
import { trainGlove } from '../src/algorithms/glove/index.js';
import { trainWord2Vec } from '../src/algorithms/word2vec/train.js';
import { EmbedkitError } from '../src/errors.js';
import { evaluateAnalogies, evaluateWordPairs, readTestSetLines, spearman } from '../src/eval/index.js';
import type { TokenizeOptions } from '../src/text/tokenize.js';
import type { KeyedVectors } from '../src/vectors/keyed-vectors.js';
import type { SubwordVectors } from '../src/vectors/subword-vectors.js';
import { dataFile } from './data-path.js';
import { cosine } from '../src/vectors/vector-math.js';

const ALGORITHMS = ['sg', 'cbow', 'glove', 'fasttext'] as const;
type Algorithm = (typeof ALGORITHMS)[number];
type Language = 'en' | 'zh';

const ALGORITHM_NAMES: Record<Algorithm, string> = {
  sg: 'Word2Vec skip-gram',
  cbow: 'Word2Vec CBOW',
  glove: 'GloVe',
  fasttext: 'subword skip-gram',
};

/** C tools on en7m, same settings (measured for the issue). */
const REFERENCES_EN = [
  { name: 'C word2vec skip-gram (sample 1e-3)', ws353: 0.447, men: 0.461, analogies: 0.178 },
  { name: 'C GloVe', ws353: 0.228, men: 0.307, analogies: 0.069 },
  { name: 'fastText skip-gram 3..6', ws353: 0.415, men: 0.55, analogies: 0.555 },
];

interface BenchArgs {
  languages: Language[];
  epochs: number;
  threads: number;
  gloveIterations: number;
  json: boolean;
  only: Algorithm[];
}

interface PairScore {
  name: string;
  spearman: number;
  /** Percentage of pairs left out (or, n-gram aware, with a word that has no vector at all). */
  oov: number;
  pairs: number;
}

interface AnalogyScore {
  name: string;
  accuracy: number;
  answered: number;
  total: number;
}

/** What a child reports on its last stdout line. */
interface ChildReport {
  algorithm: Algorithm;
  language: Language;
  vocabulary: number;
  corpusWords: number | null;
  trainSeconds: number;
  peakMB: number;
  similarity: PairScore[];
  analogies: AnalogyScore[];
  /** Subword model only: every pair scored, unseen words from their n-grams. */
  ngramAware: PairScore[] | null;
}

interface LanguageData {
  corpus: string[];
  tokenizer: TokenizeOptions;
  ngrams: { minn: number; maxn: number };
  similarity: Array<{ name: string; file: string }>;
  analogies: Array<{ name: string; file: string }>;
}

function languageData(language: Language): LanguageData {
  if (language === 'en') {
    return {
      corpus: [dataFile('english-corpus', 'en7m.txt.gz')],
      tokenizer: {},
      ngrams: { minn: 3, maxn: 6 },
      similarity: [
        { name: 'WS-353', file: dataFile('wordsim-en', 'EN-WS-353-ALL.txt') },
        { name: 'MEN', file: dataFile('wordsim-en', 'EN-MEN-TR-3k.txt') },
      ],
      analogies: [{ name: 'Google analogies', file: dataFile('analogy-en', 'questions-words.txt') }],
    };
  }
  const modern = dataFile('chinese-modern');
  const modernFiles = readdirSync(modern).filter((name) => name.endsWith('.txt.gz')).sort().map((name) => join(modern, name));
  if (modernFiles.length === 0) throw new EmbedkitError('DATA_MISSING', `no .txt.gz file in ${modern}`, { file: modern });
  return {
    corpus: [dataFile('chinese-corpus', 'zh-raw.txt.gz'), ...modernFiles],
    tokenizer: { lang: 'zh' },
    ngrams: { minn: 1, maxn: 2 },
    similarity: [
      { name: 'wordsim-240', file: dataFile('wordsim-zh', 'wordsim-240.txt') },
      { name: 'wordsim-297', file: dataFile('wordsim-zh', 'wordsim-297.txt') },
    ],
    analogies: [{ name: 'CA8-morphological', file: dataFile('analogy-zh', 'CA8-morphological.txt') }],
  };
}

// ---------------------------------------------------------------------------------------------
// Child mode: one training in its own process, so its peak memory is its own.

interface Trained {
  vectors: KeyedVectors;
  vocabulary: number;
  corpusWords: number | null;
  seconds: number;
}

async function train(algorithm: Algorithm, data: LanguageData, args: BenchArgs): Promise<Trained> {
  const corpus = { files: data.corpus };
  const common = { dim: 100, minCount: 5, threads: args.threads, seed: 1, tokenizer: data.tokenizer };
  if (algorithm === 'sg' || algorithm === 'cbow') {
    const result = await trainWord2Vec(corpus, {
      ...common,
      preset: 'c',
      sg: algorithm === 'sg' ? 1 : 0,
      window: 5,
      negative: 5,
      sample: 1e-3,
      epochs: args.epochs,
    });
    return { vectors: result.vectors, vocabulary: result.vocabulary.size, corpusWords: result.corpusWords, seconds: result.seconds.encode + result.seconds.train };
  }
  if (algorithm === 'glove') {
    const result = await trainGlove(corpus, {
      ...common,
      window: 10,
      xMax: 100,
      alpha: 0.75,
      learningRate: 0.05,
      epochs: args.gloveIterations,
      memoryGB: 2,
    });
    return { vectors: result.vectors, vocabulary: result.vocabulary.size, corpusWords: null, seconds: result.seconds.count + result.seconds.train };
  }
  const result = await trainFastText(corpus, {
    ...common,
    window: 5,
    negative: 5,
    sample: 1e-4,
    alpha: 0.05,
    bucket: 2_000_000,
    ...data.ngrams,
    epochs: args.epochs,
  });
  return { vectors: result.vectors, vocabulary: result.vocabulary.size, corpusWords: result.corpusWords, seconds: result.seconds.encode + result.seconds.train };
}

async function runChild(algorithm: Algorithm, language: Language, args: BenchArgs): Promise<void> {
  const data = languageData(language);
  const trained = await train(algorithm, data, args);
  const peakMB = process.resourceUsage().maxRSS / 1024;
  const similarity: PairScore[] = [];
  for (const set of data.similarity) {
    const result = await evaluateWordPairs(trained.vectors, set.file);
    similarity.push({ name: set.name, spearman: result.spearman, oov: result.oov, pairs: result.pairs });
  }
  const analogies: AnalogyScore[] = [];
  for (const set of data.analogies) {
    const result = await evaluateAnalogies(trained.vectors, set.file, { restrictVocab: 30_000 });
    analogies.push({ name: set.name, accuracy: result.accuracy, answered: result.seen, total: result.total });
  }
  let ngramAware: PairScore[] | null = null;
  if (algorithm === 'fasttext') {
    ngramAware = [];
    for (const set of data.similarity) ngramAware.push(await ngramAwarePairs(trained.vectors as SubwordVectors, set.name, set.file));
  }
  const report: ChildReport = {
    algorithm,
    language,
    vocabulary: trained.vocabulary,
    corpusWords: trained.corpusWords,
    trainSeconds: trained.seconds,
    peakMB,
    similarity,
    analogies,
    ngramAware,
  };
  process.stdout.write(JSON.stringify(report) + '\n');
}

/** Spearman over every pair: unseen words from their n-grams, a word without any n-gram row as similarity 0. */
async function ngramAwarePairs(vectors: SubwordVectors, name: string, file: string): Promise<PairScore> {
  const gold: number[] = [];
  const model: number[] = [];
  let withoutVector = 0;
  for (const line of await readTestSetLines(file)) {
    const fields = line.text.includes('\t') ? line.text.split('\t') : line.text.trim().split(/\s+/);
    if (fields.length < 3) continue;
    const score = Number(fields[2]);
    if (!Number.isFinite(score)) continue;
    // The training text was lower-cased, as the case-insensitive standard evaluation assumes.
    const a = vectors.get(fields[0].trim().toLowerCase());
    const b = vectors.get(fields[1].trim().toLowerCase());
    gold.push(score);
    if (a === null || b === null) {
      withoutVector++;
      model.push(0);
    } else {
      model.push(cosine(a, b));
    }
  }
  return { name, spearman: spearman(gold, model), oov: gold.length === 0 ? 0 : (withoutVector / gold.length) * 100, pairs: gold.length };
}

// ---------------------------------------------------------------------------------------------
// Parent mode.

function runChildProcess(algorithm: Algorithm, language: Language, args: BenchArgs): Promise<ChildReport & { childSeconds: number }> {
  const script = fileURLToPath(import.meta.url);
  const argv = [script, '--child', algorithm, language, '--epochs', String(args.epochs), '--threads', String(args.threads), '--glove-iterations', String(args.gloveIterations)];
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.on('error', reject);
    child.on('close', (code) => {
      const childSeconds = (performance.now() - started) / 1000;
      const last = stdout.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !last.startsWith('{')) {
        reject(new EmbedkitError('CHILD_FAILED', `${algorithm} ${language} exited with ${code}: ${stderr.trim().slice(-1500)}`));
        return;
      }
      resolvePromise({ ...(JSON.parse(last) as ChildReport), childSeconds });
    });
  });
}

const fixed = (value: number, digits: number): string => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');

function markdownTable(language: Language, reports: ChildReport[]): string {
  if (reports.length === 0) return '';
  const first = reports[0];
  const header = ['algorithm', 'train s', 'peak MB', 'vocabulary'];
  for (const set of first.similarity) header.push(`${set.name} ρ`, `${set.name} OOV %`);
  for (const set of first.analogies) header.push(`${set.name} %`);
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => ' --- ').join('|')}|`];
  const row = (name: string, report: ChildReport, pairs: PairScore[], withAnalogies: boolean): string => {
    const cells = [name, fixed(report.trainSeconds, 1), fixed(report.peakMB, 0), String(report.vocabulary)];
    for (const set of pairs) cells.push(fixed(set.spearman, 3), fixed(set.oov, 1));
    for (const set of report.analogies) cells.push(withAnalogies ? `${fixed(100 * set.accuracy, 1)} (${set.answered}/${set.total})` : '(same)');
    return `| ${cells.join(' | ')} |`;
  };
  for (const report of reports) {
    lines.push(row(ALGORITHM_NAMES[report.algorithm], report, report.similarity, true));
    if (report.ngramAware) lines.push(row(`${ALGORITHM_NAMES[report.algorithm]}, n-gram aware`, report, report.ngramAware, false));
  }
  if (language === 'en') {
    for (const reference of REFERENCES_EN) {
      lines.push(`| ${reference.name} (reference) | | | | ${reference.ws353.toFixed(3)} | | ${reference.men.toFixed(3)} | | ${(100 * reference.analogies).toFixed(1)} |`);
    }
  }
  return lines.join('\n');
}

/** Mean rank (1 = best) of each algorithm over every quality column of every language run. */
function bestOverall(reports: ChildReport[]): Array<{ algorithm: Algorithm; meanRank: number; columns: number }> {
  const ranks = new Map<Algorithm, number[]>();
  const columns = new Map<string, Array<{ algorithm: Algorithm; value: number }>>();
  for (const report of reports) {
    const scores = [
      ...report.similarity.map((set) => [`${report.language} ${set.name}`, set.spearman] as const),
      ...report.analogies.map((set) => [`${report.language} ${set.name}`, set.accuracy] as const),
    ];
    for (const [column, value] of scores) {
      if (!columns.has(column)) columns.set(column, []);
      columns.get(column)!.push({ algorithm: report.algorithm, value: Number.isFinite(value) ? value : -Infinity });
    }
  }
  for (const entries of columns.values()) {
    entries.sort((a, b) => b.value - a.value);
    entries.forEach((entry, index) => {
      if (!ranks.has(entry.algorithm)) ranks.set(entry.algorithm, []);
      ranks.get(entry.algorithm)!.push(index + 1);
    });
  }
  return [...ranks.entries()]
    .map(([algorithm, list]) => ({ algorithm, meanRank: list.reduce((sum, r) => sum + r, 0) / list.length, columns: list.length }))
    .sort((a, b) => a.meanRank - b.meanRank);
}

function positiveInteger(flag: string, text: string | undefined): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new EmbedkitError('BAD_OPTION', `${flag} needs a positive integer, not ${text}`, { field: flag });
  return value;
}

function parseArgs(argv: string[]): BenchArgs & { child: [Algorithm, Language] | null } {
  const args: BenchArgs & { child: [Algorithm, Language] | null } = {
    languages: ['en', 'zh'],
    epochs: 5,
    threads: 2,
    gloveIterations: 15,
    json: false,
    only: [...ALGORITHMS],
    child: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--json') args.json = true;
    else if (flag === '--epochs') args.epochs = positiveInteger(flag, argv[++i]);
    else if (flag === '--threads') args.threads = positiveInteger(flag, argv[++i]);
    else if (flag === '--glove-iterations') args.gloveIterations = positiveInteger(flag, argv[++i]);
    else if (flag === '--lang') {
      const value = argv[++i];
      if (value === 'both') args.languages = ['en', 'zh'];
      else if (value === 'en' || value === 'zh') args.languages = [value];
      else throw new EmbedkitError('BAD_OPTION', `--lang takes en, zh or both, not ${value}`, { field: flag });
    } else if (flag === '--only') {
      const names = (argv[++i] ?? '').split(',').filter((name) => name !== '');
      for (const name of names) {
        if (!(ALGORITHMS as readonly string[]).includes(name)) throw new EmbedkitError('BAD_OPTION', `--only takes ${ALGORITHMS.join(',')}, not ${name}`, { field: flag });
      }
      args.only = ALGORITHMS.filter((name) => names.includes(name));
    } else if (flag === '--child') {
      const algorithm = argv[++i] as Algorithm;
      const language = argv[++i] as Language;
      if (!ALGORITHMS.includes(algorithm) || (language !== 'en' && language !== 'zh')) {
        throw new EmbedkitError('BAD_OPTION', `--child takes an algorithm and en|zh, not ${algorithm} ${language}`, { field: flag });
      }
      args.child = [algorithm, language];
    } else throw new EmbedkitError('BAD_OPTION', `unknown option ${flag}`, { field: flag });
  }
  return args;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.child) return runChild(args.child[0], args.child[1], args);
  // Check the data up front: a missing file should stop the run before an hour of training.
  for (const language of args.languages) languageData(language);
  const say = (line: string): void => {
    // With --json the one JSON object owns stdout; the progress lines go to stderr.
    (args.json ? process.stderr : process.stdout).write(line + '\n');
  };
  say(`embeddings table: ${args.languages.join(', ')}; ${args.only.join(', ')}; ${args.epochs} epochs (GloVe ${args.gloveIterations} iterations), ${args.threads} threads, 100-d`);
  const reports: Array<ChildReport & { childSeconds: number }> = [];
  const failures: Array<{ algorithm: Algorithm; language: Language; error: string }> = [];
  for (const language of args.languages) {
    for (const algorithm of args.only) {
      try {
        const report = await runChildProcess(algorithm, language, args);
        reports.push(report);
        say(JSON.stringify(report));
      } catch (error) {
        failures.push({ algorithm, language, error: (error as Error).message });
        say(`${algorithm} ${language} failed: ${(error as Error).message}`);
      }
    }
    say('');
    say(`## ${language === 'en' ? 'English (en7m)' : 'Chinese (zh-raw + chinese-modern, jieba)'}`);
    say(markdownTable(language, reports.filter((report) => report.language === language)));
  }
  const ranking = bestOverall(reports);
  if (ranking.length > 0) {
    say('');
    say(`best overall (mean rank over ${ranking[0].columns} quality columns): ${ranking.map((entry) => `${ALGORITHM_NAMES[entry.algorithm]} ${entry.meanRank.toFixed(2)}`).join(', ')}`);
  }
  if (args.json) {
    process.stdout.write(
      JSON.stringify({
        settings: { languages: args.languages, epochs: args.epochs, gloveIterations: args.gloveIterations, threads: args.threads, dim: 100 },
        results: reports,
        failures,
        bestOverall: ranking,
        referencesEnglish: REFERENCES_EN,
      }) + '\n',
    );
  }
  if (failures.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`bench/embeddings-table: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
