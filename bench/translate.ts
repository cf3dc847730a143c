// Word translation and sentence matching, Chinese ↔ English, MUSE-style:
//   (1) two monolingual word2vec spaces aligned by Procrustes on a seed dictionary,
//   (2) the same + refinement on mutual CSLS nearest neighbours,
//   (3) one pseudo-bilingual space (Vulić & Moens 2015) from Tatoeba pairs + the monolingual text,
//   (4) that space's zh:/en: halves aligned further by Procrustes on the seed dictionary;
// word translation P@1 / P@5 both ways, each with cosine and with CSLS, and sentence matching
// (top-1 among 1,000 held-out Tatoeba pairs) with mean and SIF sentence vectors. Time and memory
// of every step.
//
//   node dist/bench/translate.js [--json] [--quick] [--keep <dir>]
//
// --keep <dir> also saves what was trained there: zh.bin and en.bin (monolingual), zh-en.map (the
// Procrustes mapping) and bilingual.bin (tagged), for trying `embedkit translate` on them.
//
// Data: $EMBEDKIT_DATA/zhen, english-corpus, chinese-corpus, chinese-modern (default ../shared/data
// from the project root). --quick trains on a slice of the corpora for a smoke run (numbers low).
//
// Splits (seeded, fixed): cedict-1to1.train.tsv 90/10 by Chinese headword (train = seed dictionary,
// validation = test words); Tatoeba: 1,000 pairs held out, and every other pair sharing their
// English or Chinese sentence dropped from training. Evaluation vocabulary: the 20,000 most
// frequent words of each language; a validation pair counts when both words are in it (coverage
// reported), P@k = share of source words with a gold translation among the k best (MUSE).
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { trainWord2Vec } from '../src/algorithms/word2vec/train.js';
import { trainBilingual } from '../src/align/bilingual.js';
import { neighbourhoodMeans } from '../src/align/csls.js';
import { readDictionary, pairsToRows, type WordPair } from '../src/align/dictionary.js';
import { languageSpace, type LanguageSpace } from '../src/align/language-space.js';
import { LanguageTokenizer, type Language } from '../src/align/language-text.js';
import { procrustes } from '../src/align/procrustes.js';
import { saveMapping } from '../src/align/mapping-file.js';
import { saveVectors } from '../src/io/vectors-io.js';
import { refineMapping } from '../src/align/refine.js';
import { readSentencePairs, type SentencePair } from '../src/align/sentence-pairs.js';
import { matchSentences, sentenceVectors, type SentenceWeighting } from '../src/align/sentence-vectors.js';
import { normalizeSpace } from '../src/align/space.js';
import { rankRows } from '../src/align/translate-words.js';
import { readLines } from '../src/text/read-lines.js';
import { Random } from '../src/util/random.js';
import type { KeyedVectors } from '../src/vectors/keyed-vectors.js';
import { dataFile } from './data-path.js';
import { EmbedkitError } from '../src/errors.js';

const argv = process.argv.slice(2);
const args = new Set(argv);
const json = args.has('--json');
const quick = args.has('--quick');
const keepDir = args.has('--keep') ? argv[argv.indexOf('--keep') + 1] : undefined;

const SETTINGS = {
  threads: 2,
  dim: 100,
  evalVocabulary: 20_000,
  refineIterations: quick ? 1 : 2,
  refineMaxRank: quick ? 5_000 : 10_000,
  heldOutPairs: 1_000,
  /** Lines read from each corpus (Infinity: all). */
  englishLines: quick ? 20_000 : Infinity,
  chineseLines: quick ? 8_000 : Infinity,
  mono: { sg: 0 as const, window: 5, negative: 5, sample: 1e-4, minCount: 5, epochs: quick ? 1 : 5, maxVocabSize: 60_000 },
  bilingual: { sg: 0 as const, window: 10, negative: 5, sample: 1e-4, minCount: 5, epochs: quick ? 1 : 5, maxVocabSize: 120_000, repeat: quick ? 5 : 50 },
};

interface StepRecord {
  step: string;
  seconds: number;
  rssMB: number;
  maxRssMB: number;
}
const steps: StepRecord[] = [];

function log(message: string): void {
  if (!json) process.stdout.write(message + '\n');
}

async function step<T>(name: string, work: () => Promise<T> | T): Promise<T> {
  const started = performance.now();
  const result = await work();
  const record = {
    step: name,
    seconds: round((performance.now() - started) / 1000, 1),
    rssMB: Math.round(process.memoryUsage().rss / 2 ** 20),
    maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  steps.push(record);
  log(`  [${record.seconds} s, rss ${record.rssMB} MB, peak ${record.maxRssMB} MB] ${name}`);
  return result;
}

function round(value: number, digits = 3): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

// ---------------------------------------------------------------- data

/** Chinese headwords shuffled with a seeded Random; the first 10 % are validation. */
function splitDictionary(pairs: WordPair[]): { train: WordPair[]; validation: WordPair[] } {
  const headwords = [...new Set(pairs.map((p) => p.source))].sort();
  new Random(2026).shuffle(headwords);
  const validationWords = new Set(headwords.slice(0, Math.round(headwords.length * 0.1)));
  return {
    train: pairs.filter((p) => !validationWords.has(p.source)),
    validation: pairs.filter((p) => validationWords.has(p.source)),
  };
}

function splitPairs(pairs: SentencePair[]): { train: SentencePair[]; test: SentencePair[] } {
  const order = pairs.map((_, i) => i);
  new Random(2027).shuffle(order);
  const test: SentencePair[] = [];
  const english = new Set<string>();
  const chinese = new Set<string>();
  for (const i of order) {
    if (test.length === SETTINGS.heldOutPairs) break;
    // One sentence per test pair on each side, so the right answer is unique.
    if (english.has(pairs[i].english) || chinese.has(pairs[i].chinese)) continue;
    test.push(pairs[i]);
    english.add(pairs[i].english);
    chinese.add(pairs[i].chinese);
  }
  const train = pairs.filter((p) => !english.has(p.english) && !chinese.has(p.chinese));
  return { train, test };
}

/** Tokenizes text files once into a space-separated file, so each training reads plain tokens. */
async function tokenizeToFile(files: string[], language: Language, out: string, maxLines: number): Promise<{ lines: number; tokens: number }> {
  const tokenizer = new LanguageTokenizer(language);
  const stream = createWriteStream(out);
  let lines = 0;
  let tokens = 0;
  for await (const line of readLines(files)) {
    if (lines >= maxLines) break;
    const words = tokenizer.tokenize(line);
    if (words.length === 0) continue;
    lines++;
    tokens += words.length;
    if (!stream.write(words.join(' ') + '\n')) await once(stream, 'drain');
  }
  stream.end();
  await once(stream, 'finish');
  return { lines, tokens };
}

async function* tokenLines(file: string): AsyncIterable<string[]> {
  for await (const line of readLines(file)) if (line !== '') yield line.split(' ');
}

// ---------------------------------------------------------------- evaluation

type Dictionary = Map<string, Set<string>>;

function toDictionary(pairs: readonly WordPair[], reverse: boolean): Dictionary {
  const dictionary: Dictionary = new Map();
  for (const pair of pairs) {
    const [source, target] = reverse ? [pair.target, pair.source] : [pair.source, pair.target];
    let gold = dictionary.get(source);
    if (gold === undefined) dictionary.set(source, (gold = new Set()));
    gold.add(target);
  }
  return dictionary;
}

interface WordScores {
  queries: number;
  coverage: number;
  cosine: { p1: number; p5: number };
  csls: { p1: number; p5: number };
}

/** P@1 and P@5, cosine and CSLS; r_S(y) from one pass over the whole evaluation vocabularies. */
function evaluateWords(from: LanguageSpace, to: LanguageSpace, dictionary: Dictionary, targetMeans: Float32Array): WordScores {
  const rows: number[] = [];
  const golds: Set<number>[] = [];
  for (const [word, translations] of dictionary) {
    const row = from.index(word);
    if (row < 0) continue;
    const gold = new Set<number>();
    for (const translation of translations) {
      const target = to.index(translation);
      if (target >= 0) gold.add(target);
    }
    if (gold.size === 0) continue;
    rows.push(row);
    golds.push(gold);
  }
  const score = (csls: boolean) => {
    const ranked = rankRows(from, to, Int32Array.from(rows), { topn: 5, csls, targetMeans });
    let p1 = 0;
    let p5 = 0;
    for (let q = 0; q < rows.length; q++) {
      if (golds[q].has(ranked.indices[q * 5])) p1++;
      for (let j = 0; j < 5; j++) {
        if (golds[q].has(ranked.indices[q * 5 + j])) {
          p5++;
          break;
        }
      }
    }
    return { p1: round(p1 / Math.max(1, rows.length)), p5: round(p5 / Math.max(1, rows.length)) };
  };
  return { queries: rows.length, coverage: round(rows.length / dictionary.size), cosine: score(false), csls: score(true) };
}

interface SentenceScores {
  mean: { zhToEn: number; enToZh: number };
  sif: { zhToEn: number; enToZh: number };
}

function evaluateSentences(zh: LanguageSpace, en: LanguageSpace, zhSentences: string[][], enSentences: string[][]): SentenceScores {
  const accuracy = (weighting: SentenceWeighting) => {
    const zhVectors = sentenceVectors(zh, zhSentences, { weighting });
    const enVectors = sentenceVectors(en, enSentences, { weighting });
    const hits = (best: Int32Array) => best.reduce((n, b, i) => n + (b === i ? 1 : 0), 0) / best.length;
    return {
      zhToEn: round(hits(matchSentences(zhVectors, enVectors).best)),
      enToZh: round(hits(matchSentences(enVectors, zhVectors).best)),
    };
  };
  return { mean: accuracy('mean'), sif: accuracy('sif') };
}

interface MethodResult {
  method: string;
  zhToEn: WordScores;
  enToZh: WordScores;
  sentences: SentenceScores;
}

function evaluate(method: string, zh: LanguageSpace, en: LanguageSpace, validation: WordPair[], test: { zh: string[][]; en: string[][] }): MethodResult {
  // One pass over zh × en gives every r_T and r_S both directions need.
  const means = neighbourhoodMeans(zh, en);
  const zhToEn = evaluateWords(zh, en, toDictionary(validation, false), means.target);
  const enToZh = evaluateWords(en, zh, toDictionary(validation, true), means.source);
  const sentences = evaluateSentences(zh, en, test.zh, test.en);
  log(
    `${method} (${zhToEn.queries} zh words, coverage ${zhToEn.coverage}; ${enToZh.queries} en words, coverage ${enToZh.coverage}): words zh→en P@1 ${zhToEn.cosine.p1} (CSLS ${zhToEn.csls.p1}), P@5 ${zhToEn.cosine.p5} (CSLS ${zhToEn.csls.p5}); ` +
      `en→zh P@1 ${enToZh.cosine.p1} (CSLS ${enToZh.csls.p1}), P@5 ${enToZh.cosine.p5} (CSLS ${enToZh.csls.p5}); ` +
      `sentences zh→en mean ${sentences.mean.zhToEn} / SIF ${sentences.sif.zhToEn}, en→zh mean ${sentences.mean.enToZh} / SIF ${sentences.sif.enToZh}`,
  );
  return { method, zhToEn, enToZh, sentences };
}

// ---------------------------------------------------------------- run

async function main(): Promise<void> {
  const dictionaryFile = dataFile('zhen', 'cedict-1to1.train.tsv');
  const tatoebaFile = dataFile('zhen', 'tatoeba-cmn.train.tsv.gz');
  const englishFiles = [dataFile('english-corpus', 'en7m.txt.gz')];
  const modernDir = dataFile('chinese-modern');
  const chineseFiles = [
    dataFile('chinese-corpus', 'zh-raw.txt.gz'),
    ...(await readdir(modernDir)).filter((name) => name.endsWith('.txt.gz')).sort().map((name) => join(modernDir, name)),
  ];
  const work = await mkdtemp(join(tmpdir(), 'embedkit-bench-translate-'));
  try {
    log(`translate benchmark${quick ? ' (--quick)' : ''}: ${SETTINGS.threads} threads, dim ${SETTINGS.dim}`);
    const { train: seedPairs, validation } = splitDictionary(await readDictionary(dictionaryFile));
    const { train: trainPairs, test: testPairs } = splitPairs(await readSentencePairs(tatoebaFile));
    log(`dictionary: ${seedPairs.length} training pairs, ${validation.length} validation pairs; Tatoeba: ${trainPairs.length} training pairs, ${testPairs.length} held out`);
    const zhTokenizer = new LanguageTokenizer('zh');
    const enTokenizer = new LanguageTokenizer('en');
    const test = { zh: testPairs.map((p) => zhTokenizer.tokenize(p.chinese)), en: testPairs.map((p) => enTokenizer.tokenize(p.english)) };

    const enTokens = join(work, 'en.tok');
    const zhTokens = join(work, 'zh.tok');
    const enCorpus = await step('tokenize English corpus', () => tokenizeToFile(englishFiles, 'en', enTokens, SETTINGS.englishLines));
    const zhCorpus = await step('tokenize Chinese corpora (OpenCC + jieba)', () => tokenizeToFile(chineseFiles, 'zh', zhTokens, SETTINGS.chineseLines));
    log(`corpora: English ${enCorpus.tokens} tokens in ${enCorpus.lines} lines, Chinese ${zhCorpus.tokens} tokens in ${zhCorpus.lines} lines`);

    const common = { dim: SETTINGS.dim, threads: SETTINGS.threads, seed: 1 };
    const enModel = await step('train English word2vec', () => trainWord2Vec({ sentences: tokenLines(enTokens) }, { ...common, ...SETTINGS.mono }));
    const zhModel = await step('train Chinese word2vec', () => trainWord2Vec({ sentences: tokenLines(zhTokens) }, { ...common, ...SETTINGS.mono }));
    const results: MethodResult[] = [];

    const limit = SETTINGS.evalVocabulary;
    const zhStore = zhModel.vectors;
    const enStore = enModel.vectors;
    const zhNormal = normalizeSpace(zhStore.vectors, zhStore.size, zhStore.dim);
    const enNormal = normalizeSpace(enStore.vectors, enStore.size, enStore.dim);
    const seedRows = pairsToRows(seedPairs, (w) => zhStore.index(w), (w) => enStore.index(w));
    log(`seed dictionary: ${seedRows.covered} of ${seedPairs.length} pairs have both words in the vocabularies`);
    const w = await step('Procrustes (SVD of the cross-covariance)', () => procrustes(zhNormal, enNormal, seedRows));
    const en = languageSpace(enStore, { language: 'en', limit });
    results.push(await step('evaluate (1) Procrustes', () => evaluate('(1) Procrustes', languageSpace(zhStore, { language: 'zh', limit, mapping: w }), en, validation, test)));
    const refined = await step(`refinement (${SETTINGS.refineIterations} iterations, max rank ${SETTINGS.refineMaxRank})`, () =>
      refineMapping(zhNormal, enNormal, w, { iterations: SETTINGS.refineIterations, maxRank: SETTINGS.refineMaxRank }),
    );
    log(`refinement dictionaries: ${refined.iterations.map((i) => i.pairs).join(', ')} mutual pairs`);
    results.push(
      await step('evaluate (2) Procrustes + refinement', () =>
        evaluate('(2) Procrustes + refinement', languageSpace(zhStore, { language: 'zh', limit, mapping: refined.mapping }), en, validation, test),
      ),
    );

    const bilingual: KeyedVectors = (
      await step('train pseudo-bilingual word2vec (pairs + monolingual text)', () =>
        trainBilingual(trainPairs, {
          monoSrc: zhTokens,
          monoTgt: enTokens,
          monoTokenized: true,
          ...common,
          ...SETTINGS.bilingual,
        }),
      )
    ).vectors;
    results.push(
      await step('evaluate (3) pseudo-bilingual', () =>
        evaluate('(3) pseudo-bilingual', languageSpace(bilingual, { tag: 'zh', limit }), languageSpace(bilingual, { tag: 'en', limit }), validation, test),
      ),
    );
    // The halves are already unit rows: Procrustes on them directly, then the same rows mapped.
    const zhHalf = languageSpace(bilingual, { tag: 'zh' });
    const enHalf = languageSpace(bilingual, { tag: 'en' });
    const halfRows = pairsToRows(seedPairs, (word) => zhHalf.index(word), (word) => enHalf.index(word));
    const wBilingual = await step('Procrustes on the bilingual halves', () => procrustes(zhHalf, enHalf, halfRows));
    results.push(
      await step('evaluate (4) pseudo-bilingual + Procrustes', () =>
        evaluate(
          '(4) pseudo-bilingual + Procrustes',
          languageSpace(bilingual, { tag: 'zh', limit, mapping: wBilingual }),
          languageSpace(bilingual, { tag: 'en', limit }),
          validation,
          test,
        ),
      ),
    );

    if (keepDir !== undefined) {
      await step(`save vectors and mapping to ${keepDir}`, async () => {
        await mkdir(keepDir, { recursive: true });
        await saveVectors(zhStore, join(keepDir, 'zh.bin'));
        await saveVectors(enStore, join(keepDir, 'en.bin'));
        await saveVectors(bilingual, join(keepDir, 'bilingual.bin'));
        await saveMapping(join(keepDir, 'zh-en.map'), { dim: SETTINGS.dim, w, sourceMean: zhNormal.mean, targetMean: enNormal.mean, info: { method: 'procrustes' } });
      });
    }
    if (json) {
      process.stdout.write(
        JSON.stringify({
          quick,
          settings: SETTINGS,
          data: {
            seedPairs: seedPairs.length,
            seedPairsInVocabulary: seedRows.covered,
            validationPairs: validation.length,
            tatoebaTrainPairs: trainPairs.length,
            tatoebaHeldOut: testPairs.length,
            englishTokens: enCorpus.tokens,
            chineseTokens: zhCorpus.tokens,
          },
          refinement: refined.iterations,
          results,
          steps,
        }) + '\n',
      );
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (error) {
  if (!(error instanceof EmbedkitError)) throw error;
  process.stderr.write(`bench/translate: ${error.message}\n`);
  process.exitCode = 1;
}
