// fastText-style subword skip-gram: speed against our plain skip-gram, and quality (WordSim-353, MEN,
// Google analogies restricted to 30,000 words) against fastText itself (the npm binding) when present.
//
//   node dist/bench/fasttext.js [--json] [--epochs N] [--threads N] [--seed N] [--speed-only] [--no-peer] [--no-plain]
//                               [--peer-only] [--noise-power P] [--no-shuffle]
//   node dist/bench/fasttext.js --chinese [--json] [--epochs N] [--threads N]
//
// --seed sets our trainer's seed (default 1; fastText keeps its own). --no-plain skips the plain
// skip-gram run that the speed ratio needs (quality runs only); --peer-only runs fastText alone;
// --noise-power P draws our negatives by count^P (default 0.5, fastText's); --no-shuffle reads the
// lines in corpus order, one slice per thread, as fastText does (default: blocks in a new order each epoch).
//
// --chinese compares n-gram ranges for Chinese instead: chinese-corpus/zh-raw.txt.gz segmented by
// jieba, maxn 0 / 1..2 / 2..3 / 3..6, scored on wordsim-zh 240 and 297 (Spearman), once over pairs
// of known words only and once over all pairs, unseen words built from their n-grams.
//
// Data: $EMBEDKIT_DATA (default ../shared/data from the project root): english-corpus/en7m.txt.gz,
// wordsim-en/EN-WS-353-ALL.txt, wordsim-en/EN-MEN-TR-3k.txt, analogy-en/questions-words.txt.
//
// Settings on both sides: dim 100, window 5, negative 5, minCount 5, sample 1e-4, lr 0.05, n-grams 3..6
// in 2,000,000 buckets. words/s = in-vocabulary words × epochs / seconds of the epochs (corpus already
// encoded; the encoding pass and the bucket initialisation are not counted). Plain skip-gram is the
// same trainer with maxn 0 (no n-gram rows), one epoch, so the ratio isolates the cost of subwords
// (fastText's own ratio is about 0.5). fastText's time is the wall time of its `train` call, which
// includes reading the corpus. Evaluations count only in-vocabulary words, as on a .vec file.
// Reference measured with fastText skip-gram 3–6, 100-d, 5 epochs on en7m: WS-353 0.415, MEN 0.550,
// analogies 55.5 %. The machine is shared: compare ratios within one run.
import { createReadStream, createWriteStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { trainFastText } from '../src/algorithms/fasttext/train.js';
import { evaluateAnalogies } from '../src/eval/analogies.js';
import { evaluateWordPairs } from '../src/eval/similarity.js';
import { spearman } from '../src/eval/statistics.js';
import { readFileSync } from 'node:fs';
import type { SubwordVectors } from '../src/vectors/subword-vectors.js';
import { loadFastTextVectors } from '../src/io/fasttext-bin.js';
import type { KeyedVectors } from '../src/vectors/keyed-vectors.js';
import { dataFile, dataRoot } from './data-path.js';

const COMMON = { dim: 100, window: 5, negative: 5, minCount: 5, sample: 1e-4, alpha: 0.05, minn: 3, maxn: 6, bucket: 2_000_000 };

interface Quality {
  ws353: number;
  men: number;
  analogies: number;
  analogiesSeen: number;
}

interface Run {
  wordsPerSec: number;
  seconds: number;
  epochs: number;
  vocabulary?: number;
  quality?: Quality;
}

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} needs a positive integer`);
  return value;
}

async function evaluate(kv: KeyedVectors, files: { ws353: string; men: string; analogies: string }): Promise<Quality> {
  const ws353 = await evaluateWordPairs(kv, files.ws353);
  const men = await evaluateWordPairs(kv, files.men);
  const analogies = await evaluateAnalogies(kv, files.analogies, { restrictVocab: 30000 });
  return { ws353: ws353.spearman, men: men.spearman, analogies: analogies.accuracy, analogiesSeen: analogies.seen };
}

/** Spearman over pairs whose words both have vectors: known words only, or (withUnseen) also those built from n-grams. */
function pairSpearman(vectors: SubwordVectors, file: string, withUnseen: boolean): { spearman: number; pairs: number; total: number } {
  const gold: number[] = [];
  const ours: number[] = [];
  const lines = readFileSync(file, 'utf8').split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'));
  for (const line of lines) {
    const [a, b, score] = line.trim().split(/\s+/);
    const usable = withUnseen ? vectors.canEmbed(a) && vectors.canEmbed(b) : vectors.has(a) && vectors.has(b);
    if (!usable) continue;
    gold.push(Number(score));
    ours.push(vectors.similarity(a, b));
  }
  return { spearman: spearman(gold, ours), pairs: gold.length, total: lines.length };
}

async function chinese(json: boolean, epochs: number, threads: number): Promise<void> {
  let files: { corpus: string; ws240: string; ws297: string };
  try {
    files = {
      corpus: dataFile('chinese-corpus', 'zh-raw.txt.gz'),
      ws240: dataFile('wordsim-zh', 'wordsim-240.txt'),
      ws297: dataFile('wordsim-zh', 'wordsim-297.txt'),
    };
  } catch (error) {
    console.error(`bench/fasttext: evaluation data missing, nothing measured: ${(error as Error).message}`);
    process.exitCode = 2;
    return;
  }
  const results: Record<string, unknown>[] = [];
  for (const [minn, maxn] of [[0, 0], [1, 2], [2, 3], [3, 6]]) {
    const trained = await trainFastText({ files: [files.corpus] }, {
      ...COMMON, minn: Math.max(minn, 1), maxn, epochs, threads, tokenizer: { lang: 'zh' },
    });
    const row = {
      ngrams: maxn === 0 ? 'none' : `${minn}..${maxn}`,
      wordsPerSec: Math.round((trained.corpusWords * epochs) / trained.seconds.train),
      vocabulary: trained.vocabulary.size,
      ws240Known: pairSpearman(trained.vectors, files.ws240, false),
      ws240All: pairSpearman(trained.vectors, files.ws240, true),
      ws297Known: pairSpearman(trained.vectors, files.ws297, false),
      ws297All: pairSpearman(trained.vectors, files.ws297, true),
    };
    results.push(row);
    if (!json) console.log(JSON.stringify(row));
  }
  if (json) console.log(JSON.stringify({ settings: { ...COMMON, epochs, threads, corpus: 'zh-raw (jieba)' }, results }));
}

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const epochs = option('--epochs', 5);
  const threads = option('--threads', 2);
  const speedOnly = process.argv.includes('--speed-only');
  const seed = option('--seed', 1);
  const noisePowerAt = process.argv.indexOf('--noise-power');
  const noisePower = noisePowerAt < 0 ? 0.5 : Number(process.argv[noisePowerAt + 1]);
  const peerOnly = process.argv.includes('--peer-only');
  if (process.argv.includes('--chinese')) return chinese(json, epochs, threads);
  const say = (line: string): void => {
    if (!json) console.log(line);
  };
  let files: { corpus: string; ws353: string; men: string; analogies: string };
  try {
    files = {
      corpus: dataFile('english-corpus', 'en7m.txt.gz'),
      ws353: dataFile('wordsim-en', 'EN-WS-353-ALL.txt'),
      men: dataFile('wordsim-en', 'EN-MEN-TR-3k.txt'),
      analogies: dataFile('analogy-en', 'questions-words.txt'),
    };
  } catch (error) {
    console.error(`bench/fasttext: evaluation data missing, nothing measured: ${(error as Error).message}`);
    process.exitCode = 2;
    return;
  }
  say(`data: ${dataRoot()}; ${epochs} epochs, ${threads} threads, seed ${seed}`);

  let plainRun: Run | null = null;
  if (!process.argv.includes('--no-plain') && !peerOnly) {
    const plain = await trainFastText({ files: [files.corpus] }, { ...COMMON, maxn: 0, epochs: 1, threads, seed });
    // corpusWords, as for the subword run: the epoch's own count also has the `</s>` of every line.
    plainRun = { wordsPerSec: plain.corpusWords / plain.seconds.train, seconds: plain.seconds.train, epochs: 1 };
    say(`ours, plain skip-gram (maxn 0): ${Math.round(plainRun.wordsPerSec)} words/s`);
  }

  const subword = peerOnly ? null : await trainFastText({ files: [files.corpus] }, { ...COMMON, epochs, threads, seed, noisePower, shuffle: !process.argv.includes('--no-shuffle') });
  const subwordRun: Run | null = subword === null ? null : {
    wordsPerSec: (subword.corpusWords * epochs) / subword.seconds.train,
    seconds: subword.seconds.train,
    epochs,
    vocabulary: subword.vocabulary.size,
    quality: speedOnly ? undefined : await evaluate(subword.vectors, files),
  };
  const ratio = plainRun === null || subwordRun === null ? null : subwordRun.wordsPerSec / plainRun.wordsPerSec;
  if (subwordRun !== null) {
    say(`ours, subword skip-gram 3..6: ${Math.round(subwordRun.wordsPerSec)} words/s${ratio === null ? '' : ` (ratio ${ratio.toFixed(2)})`}`);
    if (subwordRun.quality) say(`  quality: ${JSON.stringify(subwordRun.quality)}`);
  }

  let peer: Run | { error: string } | undefined;
  if (!process.argv.includes('--no-peer')) peer = await runFastTextPeer(files, epochs, threads, speedOnly);
  if (peer && 'error' in peer) say(`fastText: ${peer.error}`);
  else if (peer) say(`fastText (npm binding) skip-gram: ${Math.round(peer.wordsPerSec)} words/s, quality ${JSON.stringify(peer.quality)}`);

  const report = {
    settings: { ...COMMON, epochs, threads, seed, noisePower },
    corpusWords: subword?.corpusWords ?? null,
    plainSkipGram: plainRun,
    subwordSkipGram: subwordRun,
    subwordToPlainRatio: ratio,
    fastText: peer ?? null,
    reference: { ws353: 0.415, men: 0.55, analogies: 0.555 },
  };
  if (json) console.log(JSON.stringify(report));
}

/** fastText's own skip-gram (the npm binding builds fastText), on the decompressed corpus. */
async function runFastTextPeer(
  files: { corpus: string; ws353: string; men: string; analogies: string },
  epochs: number,
  threads: number,
  speedOnly: boolean,
): Promise<Run | { error: string }> {
  let binding: { Classifier: new () => { train(command: string, options: object): Promise<unknown> } };
  try {
    binding = createRequire(import.meta.url)('fasttext');
  } catch (error) {
    return { error: `npm fasttext is not installed or did not build: ${(error as Error).message}` };
  }
  const dir = mkdtempSync(join(tmpdir(), 'embedkit-bench-fasttext-'));
  try {
    const input = join(dir, 'corpus.txt');
    await pipeline(createReadStream(files.corpus), createGunzip(), createWriteStream(input));
    const started = performance.now();
    await new binding.Classifier().train('skipgram', {
      input,
      output: join(dir, 'model'),
      dim: COMMON.dim,
      ws: COMMON.window,
      neg: COMMON.negative,
      minCount: COMMON.minCount,
      t: COMMON.sample,
      lr: COMMON.alpha,
      minn: COMMON.minn,
      maxn: COMMON.maxn,
      bucket: COMMON.bucket,
      epoch: epochs,
      thread: threads,
      verbose: 0,
    });
    const seconds = (performance.now() - started) / 1000;
    if (!existsSync(join(dir, 'model.bin'))) return { error: 'fastText wrote no model.bin' };
    // Its .bin read by our reader: the same words, and fastText's own means of word + n-gram rows.
    const vectors = await loadFastTextVectors(join(dir, 'model.bin'));
    const counted = vectors.counts ? vectors.counts.reduce((sum, count, i) => (vectors.words[i] === '</s>' ? sum : sum + count), 0) : 0;
    return {
      wordsPerSec: (counted * epochs) / seconds,
      seconds,
      epochs,
      vocabulary: vectors.size,
      quality: speedOnly ? undefined : await evaluate(vectors, files),
    };
  } catch (error) {
    return { error: (error as Error).message };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
