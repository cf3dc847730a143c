// Word2Vec against the C word2vec tool on the same corpus and settings: training speed at 1 and 2
// threads (skip-gram and CBOW), then quality (WordSim-353, MEN, Google analogies) and peak memory
// after 5 epochs at 2 threads.
//
//   node dist/bench/word2vec.js [--json] [--quick | --quality] [--algo sg|cbow] [--runs N]
//
// --quick runs the speed part only, --quality the quality part only; --algo keeps one algorithm;
// --runs N repeats each quality run N times (ours with seeds 1…N, the C tool, which has no seed
// option, N times: at 2 threads its runs differ anyway) and reports each run, the mean and the range,
// since one WS-353 figure moves by about half a point from seed to seed. Data: $EMBEDKIT_DATA (default ../shared/data from the project root).
//
// How time is measured: the training phase only, on both sides. The C tool runs with -read-vocab (a
// vocabulary it counted and saved beforehand), so its wall time is its setup (weights, the 10^8-entry
// noise table) plus training plus writing the vectors. Ours is the wall time of the epochs, workers
// started and corpus already encoded to ids (that one-off encoding pass is reported separately as
// encodeSeconds). words/s = in-vocabulary words of the corpus × epochs / seconds, the same numerator
// for both. Peak memory is the RSS high-water mark from /usr/bin/time -v for both processes (ours:
// process.resourceUsage().maxRSS when /usr/bin/time is missing). The machine is shared: compare the
// ratio within one run, not absolute numbers across runs.
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';
import { trainWord2Vec } from '../src/algorithms/word2vec/train.js';
import { evaluateAnalogies, evaluateWordPairs } from '../src/eval/index.js';
import { loadVectors, saveVectors } from '../src/io/vectors-io.js';
import type { KeyedVectors } from '../src/vectors/keyed-vectors.js';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const dataDir = process.env.EMBEDKIT_DATA ? resolve(process.env.EMBEDKIT_DATA) : resolve(projectRoot, '..', 'shared', 'data');
const corpusPath = join(dataDir, 'english-corpus', 'en7m.txt.gz');
const ws353Path = join(dataDir, 'wordsim-en', 'EN-WS-353-ALL.txt');
const menPath = join(dataDir, 'wordsim-en', 'EN-MEN-TR-3k.txt');
const analogyPath = join(dataDir, 'analogy-en', 'questions-words.txt');
const cTool = join(projectRoot, 'node_modules', 'word2vec', 'src', 'word2vec');
const timeTool = '/usr/bin/time';

/** The settings compared; the C tool's learning rates (sg 0.025, cbow 0.05, decaying to 1e-4 of that). */
const COMMON = { dim: 100, window: 5, negative: 5, sample: 1e-4, minCount: 5 };

type Algo = 'sg' | 'cbow';

interface ChildRequest {
  algo: Algo;
  seed?: number;
  threads: number;
  epochs: number;
  out?: string;
}

interface ChildReport {
  /** In-vocabulary words × epochs. */
  words: number;
  vocabulary: number;
  encodeSeconds: number;
  trainSeconds: number;
  maxRssMB: number;
  history: unknown[];
}

interface Measured {
  wordsPerSec: number;
  seconds: number;
  maxRssMB: number | null;
}

// ---------------------------------------------------------------------------------------------
// Child mode: one training run of ours in its own process, so its memory is measured alone.

async function runChild(request: ChildRequest): Promise<void> {
  const result = await trainWord2Vec(
    { files: [corpusPath] },
    {
      ...COMMON,
      preset: 'c',
      sg: request.algo === 'sg' ? 1 : 0,
      threads: request.threads,
      epochs: request.epochs,
      seed: request.seed ?? 1,
    },
  );
  if (request.out) await saveVectors(result.vectors, request.out);
  const report: ChildReport = {
    words: result.corpusWords * request.epochs,
    vocabulary: result.vocabulary.size,
    encodeSeconds: result.seconds.encode,
    trainSeconds: result.seconds.train,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    history: result.history,
  };
  process.stdout.write(JSON.stringify(report) + '\n');
}

// ---------------------------------------------------------------------------------------------
// Parent mode.

interface ProcessResult {
  stdout: string;
  stderr: string;
  seconds: number;
  maxRssMB: number | null;
}

function runMeasured(command: string, args: string[]): Promise<ProcessResult> {
  const timed = existsSync(timeTool);
  const [file, argv] = timed ? [timeTool, ['-v', command, ...args]] : [command, args];
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(file, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000;
      if (code !== 0) {
        reject(new Error(`${command} exited with ${code}: ${stderr.slice(-2000)}`));
        return;
      }
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      resolvePromise({ stdout, stderr, seconds, maxRssMB: rss ? Number(rss[1]) / 1024 : null });
    });
  });
}

async function runOurs(request: ChildRequest): Promise<{ report: ChildReport; maxRssMB: number }> {
  const script = fileURLToPath(import.meta.url);
  const result = await runMeasured(process.execPath, [script, '--child', JSON.stringify(request)]);
  const report = JSON.parse(result.stdout.trim().split('\n').at(-1)!) as ChildReport;
  return { report, maxRssMB: result.maxRssMB ?? report.maxRssMB };
}

async function runC(
  text: string,
  vocab: string,
  algo: Algo,
  threads: number,
  epochs: number,
  out: string,
  minCount = COMMON.minCount,
): Promise<ProcessResult & { progress: number }> {
  const args = [
    '-train', text, '-read-vocab', vocab, '-output', out, '-cbow', algo === 'cbow' ? '1' : '0',
    '-size', String(COMMON.dim), '-window', String(COMMON.window), '-negative', String(COMMON.negative), '-hs', '0',
    '-sample', String(COMMON.sample), '-min-count', String(minCount), '-threads', String(threads),
    '-iter', String(epochs), '-binary', '1',
  ];
  const result = await runMeasured(cTool, args);
  const progress = [...result.stdout.matchAll(/Progress: ([\d.]+)%/g)].map((m) => Number(m[1]));
  return { ...result, progress: progress.at(-1) ?? 0 };
}

/**
 * The C tool's 5 epochs. Its -iter can stop early (the end-of-file flag is not reset between epochs,
 * tmikolov/word2vec issue 47): when its progress does not reach 100 %, it is run again with -iter 1
 * on the text written out 5 times, with a vocabulary counted on that text (min-count × 5, so the
 * same words): the same words seen as often, under the same decaying learning rate. Once -iter 5
 * was seen to stop early, later runs go straight to the repeated text.
 */
let iterStoppedAt: number | null = null;

async function runCFiveEpochs(temp: string, text: string, vocab: string, algo: Algo, out: string): Promise<ProcessResult & { progress: number; method: string }> {
  if (iterStoppedAt === null) {
    const direct = await runC(text, vocab, algo, 2, 5, out);
    if (direct.progress >= 99) return { ...direct, method: '-iter 5' };
    iterStoppedAt = direct.progress;
  }
  const repeated = join(temp, 'en7m-x5.txt');
  const repeatedVocab = join(temp, 'vocab-x5.txt');
  if (!existsSync(repeatedVocab)) {
    const once = await readFile(text);
    for (let i = 0; i < 5; i++) await appendFile(repeated, once);
    await runMeasured(cTool, ['-train', repeated, '-save-vocab', repeatedVocab, '-min-count', String(COMMON.minCount * 5)]);
  }
  const rerun = await runC(repeated, repeatedVocab, algo, 2, 1, out, COMMON.minCount * 5);
  return { ...rerun, method: `text ×5 with -iter 1 (-iter 5 stopped at ${iterStoppedAt}%)` };
}

async function evaluate(kv: KeyedVectors): Promise<Record<string, number>> {
  const ws = await evaluateWordPairs(kv, ws353Path);
  const men = await evaluateWordPairs(kv, menPath);
  const analogy = await evaluateAnalogies(kv, analogyPath, { restrictVocab: 30_000 });
  return {
    ws353: round(ws.spearman, 4),
    ws353Pairs: ws.pairs,
    men: round(men.spearman, 4),
    menPairs: men.pairs,
    analogy: round(analogy.accuracy, 4),
    analogyAnswered: analogy.seen,
    analogyTotal: analogy.total,
  };
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function log(json: boolean, line: string): void {
  if (!json) process.stdout.write(line + '\n');
  else process.stderr.write(line + '\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const childAt = args.indexOf('--child');
  if (childAt >= 0) {
    await runChild(JSON.parse(args[childAt + 1]) as ChildRequest);
    return;
  }
  const json = args.includes('--json');
  const quick = args.includes('--quick');
  const qualityOnly = args.includes('--quality');
  const algoAt = args.indexOf('--algo');
  const algos: Algo[] = algoAt >= 0 ? [args[algoAt + 1] === 'sg' ? 'sg' : 'cbow'] : ['sg', 'cbow'];
  const runsAt = args.indexOf('--runs');
  const repeats = runsAt >= 0 ? Math.max(1, Math.floor(Number(args[runsAt + 1])) || 1) : 1;
  for (const [what, path] of [['corpus', corpusPath], ['WordSim-353', ws353Path], ['MEN', menPath], ['analogies', analogyPath]]) {
    if (!existsSync(path)) {
      process.stderr.write(`bench/word2vec: the ${what} file ${path} is missing; set EMBEDKIT_DATA to the data folder (default ../shared/data)\n`);
      process.exitCode = 1;
      return;
    }
  }
  if (!existsSync(cTool)) {
    process.stderr.write(`bench/word2vec: the C word2vec tool is missing (${cTool}); it is built when the word2vec package is installed\n`);
    process.exitCode = 1;
    return;
  }

  const temp = await mkdtemp(join(tmpdir(), 'embedkit-bench-w2v-'));
  try {
    const text = join(temp, 'en7m.txt');
    await pipeline(createReadStream(corpusPath), createGunzip(), createWriteStream(text));
    // Without -output the C tool counts, saves its vocabulary and stops: timed runs then skip counting.
    const vocab = join(temp, 'vocab.txt');
    await runMeasured(cTool, ['-train', text, '-save-vocab', vocab, '-min-count', String(COMMON.minCount)]);

    const runs: Array<Record<string, unknown>> = [];
    for (const algo of qualityOnly ? [] : algos) {
      for (const threads of [1, 2]) {
        const c = await runC(text, vocab, algo, threads, 1, join(temp, 'c.bin'));
        const ours = await runOurs({ algo, threads, epochs: 1 });
        const oursSpeed: Measured = { wordsPerSec: ours.report.words / ours.report.trainSeconds, seconds: ours.report.trainSeconds, maxRssMB: ours.maxRssMB };
        const cSpeed: Measured = { wordsPerSec: ours.report.words / c.seconds, seconds: c.seconds, maxRssMB: c.maxRssMB };
        const run = {
          algo,
          threads,
          ours: { ...roundAll(oursSpeed), encodeSeconds: round(ours.report.encodeSeconds, 2) },
          c: { ...roundAll(cSpeed), progressPercent: c.progress },
          ratio: round(oursSpeed.wordsPerSec / cSpeed.wordsPerSec, 2),
        };
        runs.push(run);
        log(json, `${algo} ${threads} thread(s): ours ${Math.round(oursSpeed.wordsPerSec)} words/s (${oursSpeed.seconds.toFixed(1)} s), ` +
          `C ${Math.round(cSpeed.wordsPerSec)} words/s (${cSpeed.seconds.toFixed(1)} s): ratio ${run.ratio}`);
      }
    }
    if (quick) {
      if (json) process.stdout.write(JSON.stringify({ runs }) + '\n');
      return;
    }

    const quality: Record<string, Record<string, unknown>> = { ours: {}, c: {} };
    const memory: Record<string, Record<string, unknown>> = { ours: {}, c: {} };
    for (const algo of algos) {
      const cOut = join(temp, `c-${algo}.bin`);
      const oursOut = join(temp, `ours-${algo}.bin`);
      const cRuns: Array<Record<string, number>> = [];
      const oursRuns: Array<Record<string, number>> = [];
      let cPeak = 0;
      let oursPeak = 0;
      let cMethod = '';
      for (let run = 1; run <= repeats; run++) {
        const c = await runCFiveEpochs(temp, text, vocab, algo, cOut);
        const ours = await runOurs({ algo, threads: 2, epochs: 5, out: oursOut, seed: run });
        cRuns.push({ ...(await evaluate((await loadVectors(cOut)).vectors)), progressPercent: c.progress });
        oursRuns.push({ ...(await evaluate((await loadVectors(oursOut)).vectors)), seed: run });
        cPeak = Math.max(cPeak, c.maxRssMB ?? 0);
        oursPeak = Math.max(oursPeak, ours.maxRssMB);
        cMethod = c.method;
        if (repeats > 1) {
          log(json, `${algo} run ${run}: ours (seed ${run}) ${JSON.stringify(oursRuns.at(-1))}`);
          log(json, `${algo} run ${run}: C                ${JSON.stringify(cRuns.at(-1))}`);
        }
      }
      quality.c[algo] = { ...summarize(cRuns), method: cMethod, ...(repeats > 1 ? { runs: cRuns } : {}) };
      quality.ours[algo] = { ...summarize(oursRuns), ...(repeats > 1 ? { runs: oursRuns } : {}) };
      memory.c[algo] = { maxRssMB: cPeak === 0 ? null : round(cPeak, 1) };
      memory.ours[algo] = { maxRssMB: round(oursPeak, 1) };
      const what = repeats > 1 ? `mean of ${repeats} runs [min, max]` : '';
      log(json, `${algo} 5 epochs, 2 threads: ours ${what} ${JSON.stringify(summarize(oursRuns))} peak ${round(oursPeak, 0)} MB`);
      log(json, `${algo} 5 epochs, 2 threads: C    ${what} ${JSON.stringify(summarize(cRuns))} peak ${cPeak === 0 ? '?' : round(cPeak, 0)} MB`);
    }
    if (json) process.stdout.write(JSON.stringify({ runs, quality, memory }) + '\n');
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

const QUALITY_FIGURES = ['ws353', 'men', 'analogy'] as const;

/** One run: its figures; several: each figure's mean and [min, max], and the pair and question counts. */
function summarize(runs: Array<Record<string, number>>): Record<string, unknown> {
  if (runs.length === 1) return runs[0];
  const summary: Record<string, unknown> = {};
  for (const figure of QUALITY_FIGURES) {
    const values = runs.map((r) => r[figure]);
    summary[figure] = round(values.reduce((a, b) => a + b, 0) / values.length, 4);
    summary[`${figure}Range`] = [Math.min(...values), Math.max(...values)];
  }
  for (const count of ['ws353Pairs', 'menPairs', 'analogyAnswered', 'analogyTotal']) summary[count] = runs[0][count];
  return summary;
}

function roundAll(m: Measured): Measured {
  return { wordsPerSec: Math.round(m.wordsPerSec), seconds: round(m.seconds, 2), maxRssMB: m.maxRssMB === null ? null : round(m.maxRssMB, 1) };
}

await main();
