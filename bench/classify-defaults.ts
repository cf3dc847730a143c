/**
 * `npm run bench:classify-defaults [-- --json] [-- --only rt-polarity]`: test accuracy of `classify train` with its
 * defaults on the ready splits in $EMBEDKIT_DATA/classify, beside fastText's reference accuracies on the same splits.
 */
import { readDataset } from '../src/classify/dataset.js';
import { trainTextClassifier } from '../src/classify/text-classifier.js';
import { dataFile } from './data-path.js';

/** fastText supervised on exactly these splits: defaults, and tuned (25 epochs, bigrams, lr 0.5); from classify/SOURCE.md. */
const FASTTEXT = {
  'rt-polarity': { defaults: 0.746, tuned: 0.783 },
  trec6: { defaults: 0.862, tuned: 0.89 },
  sst2: { defaults: 0.81, tuned: 0.788 },
  chnsenticorp: { defaults: 0.894, tuned: 0.901 },
} as const;

const args = process.argv.slice(2);
const json = args.includes('--json');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1].split(',') : Object.keys(FASTTEXT);

async function main(): Promise<void> {
  const results: Record<string, unknown> = {};
  for (const name of only as (keyof typeof FASTTEXT)[]) {
    const train = await readDataset(dataFile('classify', `${name}.train.tsv`));
    const test = await readDataset(dataFile('classify', `${name}.test.tsv`));
    const started = performance.now();
    const { classifier, history } = await trainTextClassifier(train);
    const seconds = (performance.now() - started) / 1000;
    const report = classifier.evaluate(test);
    const result = {
      accuracy: report.accuracy,
      macroF1: report.macroF1,
      epochs: history.epoch.length,
      seconds,
      fasttextDefaults: FASTTEXT[name].defaults,
      fasttextTuned: FASTTEXT[name].tuned,
    };
    results[name] = result;
    if (!json) {
      process.stdout.write(
        `${name.padEnd(14)} accuracy ${report.accuracy.toFixed(4)}  macro-F1 ${report.macroF1.toFixed(4)}  ` +
          `(${result.epochs} epochs, ${seconds.toFixed(1)} s)  fastText ${result.fasttextDefaults} default / ${result.fasttextTuned} tuned\n`,
      );
    }
  }
  if (json) process.stdout.write(JSON.stringify(results) + '\n');
}

main().catch((error) => {
  process.stderr.write(`bench:classify-defaults: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
