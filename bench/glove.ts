// GloVe on the English corpus: counting (time, peak memory, spilled runs), training time per epoch,
// then quality: WordSim-353 and MEN (Spearman) and the Google analogies (3CosAdd, restrict 30,000).
//
//   node dist/bench/glove.js [--json] [--epochs N] [--threads N] [--dim N] [--seed N] [--memory-gb X] [--count-only]
//                            [--min-count N]
//
// --memory-gb below what the pairs need (e.g. 0.1) makes the counting spill sorted runs and merge them.
// --count-only stops after counting.
// Settings: window 10, symmetric, 1/d weighting, min count 5 (--min-count), xMax 100, alpha 0.75, learning rate
// 0.05, 15 epochs, dim 100, 2 threads, output W + W̃. Reference measured on this corpus with the GloVe
// C tool: WS-353 0.228, MEN 0.307, analogies 6.9 %. Data: $EMBEDKIT_DATA (default ../shared/data from
// the project root). Peak memory is the process's RSS high-water mark (process.resourceUsage().maxRSS):
// read right after counting, it is the counting's peak; at the end, the whole run's. The machine may be
// shared: times are wall-clock and noisy.
import { countCooccurrences, trainGlove } from '../src/algorithms/glove/index.js';
import { EmbedkitError } from '../src/errors.js';
import { evaluateAnalogies } from '../src/eval/analogies.js';
import { evaluateWordPairs } from '../src/eval/similarity.js';
import { dataFile } from './data-path.js';

const REFERENCE_C_TOOL = { ws353: 0.228, men: 0.307, analogies: 0.069 };

interface BenchArgs {
  json: boolean;
  epochs: number;
  threads: number;
  dim: number;
  memoryGB: number;
  seed: number;
  minCount: number;
  countOnly: boolean;
}

function parseArgs(argv: string[]): BenchArgs {
  const args: BenchArgs = { json: false, epochs: 15, threads: 2, dim: 100, memoryGB: 2, seed: 1, minCount: 5, countOnly: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--json' || flag === '--count-only') {
      if (flag === '--json') args.json = true;
      else args.countOnly = true;
      continue;
    }
    const value = Number(argv[++i]);
    if (!Number.isFinite(value) || value <= 0) throw new EmbedkitError('BAD_OPTION', `${flag} needs a positive number`, { field: flag });
    if (flag === '--epochs') args.epochs = value;
    else if (flag === '--threads') args.threads = value;
    else if (flag === '--dim') args.dim = value;
    else if (flag === '--memory-gb') args.memoryGB = value;
    else if (flag === '--seed') args.seed = value;
    else if (flag === '--min-count') args.minCount = value;
    else throw new EmbedkitError('BAD_OPTION', `unknown option ${flag}`, { field: flag });
  }
  return args;
}

const megabytes = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const corpus = dataFile('english-corpus', 'en7m.txt.gz');
  const ws353 = dataFile('wordsim-en', 'EN-WS-353-ALL.txt');
  const men = dataFile('wordsim-en', 'EN-MEN-TR-3k.txt');
  const analogies = dataFile('analogy-en', 'questions-words.txt');
  const log = (line: string): void => {
    if (!args.json) console.log(line);
  };

  const countStart = performance.now();
  const matrix = await countCooccurrences({ files: [corpus] }, { window: 10, minCount: args.minCount, memoryGB: args.memoryGB });
  const countSeconds = (performance.now() - countStart) / 1000;
  const countPeakMB = megabytes();
  log(
    `counting: ${countSeconds.toFixed(1)} s (vocabulary ${matrix.stats.seconds.vocabulary.toFixed(1)} s, pairs ${matrix.stats.seconds.count.toFixed(1)} s, ` +
      `sort/merge ${matrix.stats.seconds.merge.toFixed(1)} s), ${matrix.stats.tokens} tokens, ${matrix.vocabulary.size} words, ` +
      `${matrix.size} pairs, ${matrix.stats.spilledRuns} spilled runs, peak RSS ${countPeakMB} MB (memoryGB ${args.memoryGB})`,
  );

  const counting = {
    seconds: countSeconds,
    phases: matrix.stats.seconds,
    tokens: matrix.stats.tokens,
    words: matrix.vocabulary.size,
    pairs: matrix.size,
    spilledRuns: matrix.stats.spilledRuns,
    peakRssMB: countPeakMB,
  };
  if (args.countOnly) {
    if (args.json) console.log(JSON.stringify({ settings: { window: 10, minCount: args.minCount, memoryGB: args.memoryGB }, counting }));
    return;
  }

  const cpuBefore = process.cpuUsage();
  const result = await trainGlove(matrix, {
    dim: args.dim,
    xMax: 100,
    alpha: 0.75,
    learningRate: 0.05,
    epochs: args.epochs,
    threads: args.threads,
    seed: args.seed,
    onEpochEnd: (epoch) => log(`epoch ${epoch.epoch}: cost ${epoch.cost.toFixed(5)}, ${epoch.seconds.toFixed(1)} s`),
  });
  const trainPeakMB = megabytes();
  const cpu = process.cpuUsage(cpuBefore);
  const secondsPerEpoch = result.seconds.train / args.epochs;
  // CPU seconds of all threads: on a busy machine a steadier measure of the work than wall time.
  const cpuSecondsPerEpoch = (cpu.user + cpu.system) / 1e6 / args.epochs;
  log(
    `training: ${result.seconds.train.toFixed(1)} s, ${secondsPerEpoch.toFixed(2)} s/epoch at ${args.threads} threads ` +
      `(${cpuSecondsPerEpoch.toFixed(2)} CPU s/epoch), ${result.records} records, peak RSS ${trainPeakMB} MB`,
  );

  const kv = result.vectors;
  const wordsim = await evaluateWordPairs(kv, ws353);
  const menScore = await evaluateWordPairs(kv, men);
  const analogy = await evaluateAnalogies(kv, analogies, { restrictVocab: 30_000 });
  log(
    `quality: WS-353 ${wordsim.spearman.toFixed(3)} of ${wordsim.pairs} pairs (C tool ${REFERENCE_C_TOOL.ws353}), ` +
      `MEN ${menScore.spearman.toFixed(3)} of ${menScore.pairs} pairs (C tool ${REFERENCE_C_TOOL.men}), analogies ${(100 * analogy.accuracy).toFixed(1)} % of ${analogy.seen} ` +
      `(C tool ${(100 * REFERENCE_C_TOOL.analogies).toFixed(1)} %)`,
  );

  if (args.json) {
    console.log(
      JSON.stringify({
        settings: { window: 10, minCount: args.minCount, xMax: 100, alpha: 0.75, learningRate: 0.05, epochs: args.epochs, dim: args.dim, threads: args.threads, seed: args.seed, memoryGB: args.memoryGB },
        counting,
        training: { seconds: result.seconds.train, secondsPerEpoch, cpuSecondsPerEpoch, records: result.records, history: result.history, peakRssMB: trainPeakMB },
        quality: {
          ws353: wordsim.spearman,
          men: menScore.spearman,
          analogies: { accuracy: analogy.accuracy, correct: analogy.correct, seen: analogy.seen, total: analogy.total },
        },
        referenceCTool: REFERENCE_C_TOOL,
      }),
    );
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof EmbedkitError ? error.message : error);
  process.exit(1);
});
