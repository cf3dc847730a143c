/**
 * `npm run bench:classifier [-- --json] [-- --tfjs-seconds 60]`: our `fit` against TensorFlow.js (CPU and WASM
 * backends) on the same model, data, batch size and epochs, and against fastText's supervised classifier, in one run.
 * Data: the rt-polarity split of $EMBEDKIT_DATA/classify.
 */
import { readDataset } from '../src/classify/dataset.js';
import { Tokenizer } from '../src/text/tokenize.js';
import { Vocabulary } from '../src/vocab/vocabulary.js';
import { encodeTokenLists } from '../src/classify/text-classifier.js';
import { Sequential } from '../src/models/sequential.js';
import { Embedding } from '../src/layers/embedding.js';
import { GlobalAveragePooling1D } from '../src/layers/global-average-pooling-1d.js';
import { Dense } from '../src/layers/dense.js';
import { adam } from '../src/models/optimizers.js';
import { dataFile } from './data-path.js';
import { runTfjs, type PeerResult, type IdData } from './peers/tfjs.js';
import { runFastText } from './peers/fasttext.js';

const args = process.argv.slice(2);
const json = args.includes('--json');
const flagValue = (name: string, fallback: number): number => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const settings = {
  embeddingDim: flagValue('--dim', 100),
  epochs: flagValue('--epochs', 5),
  batchSize: flagValue('--batch-size', 32),
  learningRate: flagValue('--lr', 0.005),
  maxLen: flagValue('--max-len', 60),
  tfjsSeconds: flagValue('--tfjs-seconds', 60),
};
const say = (line: string): void => {
  if (!json) process.stdout.write(line + '\n');
};

async function main(): Promise<void> {
  const train = await readDataset(dataFile('classify', 'rt-polarity.train.tsv'));
  const test = await readDataset(dataFile('classify', 'rt-polarity.test.tsv'));
  const tokenizer = new Tokenizer({ lang: 'en' });
  const trainTokens = train.texts.map((t) => tokenizer.tokenize(t));
  const testTokens = test.texts.map((t) => tokenizer.tokenize(t));
  const vocabulary = await Vocabulary.build(trainTokens, { minCount: 1 });
  const xTrain = encodeTokenLists(trainTokens, vocabulary, null, settings.maxLen);
  const xTest = encodeTokenLists(testTokens, vocabulary, null, settings.maxLen);
  const yTrain = Float32Array.from(train.labels, (l) => (l === 'pos' ? 1 : 0));
  const yTest = Float32Array.from(test.labels, (l) => (l === 'pos' ? 1 : 0));
  say(
    `rt-polarity: ${train.texts.length} train / ${test.texts.length} test, vocabulary ${vocabulary.size}, maxLen ${settings.maxLen}; ` +
      `Embedding(${vocabulary.size}, ${settings.embeddingDim}, maskZero) → GlobalAveragePooling1D → Dense(1, sigmoid), ` +
      `Adam(${settings.learningRate}), batch ${settings.batchSize}, ${settings.epochs} epochs`,
  );

  const ours = await runOurs(vocabulary.size, xTrain, yTrain, xTest, yTest);
  say(line('ours (embedkit fit)', ours));
  const fasttext = await runFastText(trainTokens, train.labels, testTokens, test.labels, { thread: 1 });
  say(line('fastText supervised (1 thread)', fasttext));
  const tfjsOptions = {
    vocabularySize: vocabulary.size,
    embeddingDim: settings.embeddingDim,
    epochs: settings.epochs,
    batchSize: settings.batchSize,
    learningRate: settings.learningRate,
    maxSeconds: settings.tfjsSeconds,
  };
  const tfjsWasm = await runTfjs('wasm', xTrain, yTrain, xTest, yTest, tfjsOptions);
  say(line('tfjs wasm backend', tfjsWasm));
  const tfjsCpu = await runTfjs('cpu', xTrain, yTrain, xTest, yTest, tfjsOptions);
  say(line('tfjs cpu backend', tfjsCpu));

  const ratio = (peer: PeerResult): number | null =>
    peer.samplesPerSec && ours.samplesPerSec ? ours.samplesPerSec / peer.samplesPerSec : null;
  const ratios = { tfjsCpu: ratio(tfjsCpu), tfjsWasm: ratio(tfjsWasm), fasttext: ratio(fasttext) };
  say(
    `speed ratio (ours / peer): tfjs cpu ${fmtRatio(ratios.tfjsCpu)}, tfjs wasm ${fmtRatio(ratios.tfjsWasm)}, fastText ${fmtRatio(ratios.fasttext)}`,
  );
  if (json) process.stdout.write(JSON.stringify({ settings, ours, tfjsCpu, tfjsWasm, fasttext, ratios }) + '\n');
}

async function runOurs(vocabularySize: number, xTrain: IdData, yTrain: Float32Array, xTest: IdData, yTest: Float32Array): Promise<PeerResult> {
  const model = new Sequential();
  model.add(new Embedding(vocabularySize, settings.embeddingDim, { maskZero: true, inputLength: xTrain.cols }));
  model.add(new GlobalAveragePooling1D());
  model.add(new Dense(1, { activation: 'sigmoid' }));
  model.compile({ optimizer: adam({ learningRate: settings.learningRate }), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  const started = performance.now();
  await model.fit(xTrain, yTrain, { epochs: settings.epochs, batchSize: settings.batchSize, shuffle: true, seed: 1 });
  const seconds = (performance.now() - started) / 1000;
  const { accuracy } = model.evaluate(xTest, yTest, { batchSize: 256 });
  return { samplesPerSec: (xTrain.rows * settings.epochs) / seconds, accuracy, seconds };
}

function line(name: string, r: PeerResult): string {
  if (r.error) return `${name.padEnd(32)} error: ${r.error}`;
  const acc = r.accuracy === undefined ? 'n/a' : r.accuracy.toFixed(4);
  return `${name.padEnd(32)} ${Math.round(r.samplesPerSec ?? 0).toLocaleString('en-US').padStart(12)} samples/s   accuracy ${acc}${r.note ? `   (${r.note})` : ''}`;
}

function fmtRatio(r: number | null): string {
  return r === null ? 'n/a' : `${r.toFixed(2)}×`;
}

main().catch((error) => {
  process.stderr.write(`bench:classifier: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
