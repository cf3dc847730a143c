import type { Command } from 'commander';
import { readDataset, type DatasetFormat, type ReadDatasetOptions } from '../../classify/dataset.js';
import { trainTextClassifier, TextClassifier, type TextClassifierOptions } from '../../classify/text-classifier.js';
import { readLinesNumbered } from '../../text/read-lines.js';
import { loadVectors } from '../../io/vectors-io.js';
import { embeddingMatrixFromVectors } from '../../layers/pretrained-rows.js';
import { EmbedkitError } from '../../errors.js';
import { printJson, wantsProgress, type CommonOptions } from '../output.js';
import { EpochProgress } from '../progress.js';
import { formatReport } from '../format-report.js';
import { integerOption, numberOption } from '../parse-options.js';
import { writeTrainingCurves } from '../../viz/training-curves.js';

interface TrainFlags extends CommonOptions {
  out: string;
  epochs?: number;
  batchSize?: number;
  embeddingDim?: number;
  maxLen?: number;
  maxVocab?: number;
  minCount?: number;
  lang?: string;
  lr?: number;
  valSplit?: number;
  seed?: number;
  hidden?: number;
  ngrams?: number;
  patience?: number;
  format?: DatasetFormat;
  textColumn?: string;
  labelColumn?: string;
  vectors?: string;
  freeze?: boolean;
  lowercase?: boolean;
  keepPunctuation?: boolean;
  refit?: boolean;
  plot?: string;
}

function datasetOptions(flags: { format?: DatasetFormat; textColumn?: string; labelColumn?: string }): ReadDatasetOptions {
  return { format: flags.format, textColumn: flags.textColumn, labelColumn: flags.labelColumn };
}

export function registerClassify(program: Command): void {
  const classify = program.command('classify').description('train, evaluate and use text classifiers (Embedding → pooling → Dense)');

  classify
    .command('train <file>')
    .description('train a classifier on label<TAB>text TSV, CSV with a header, or JSONL (plain or .gz)')
    .requiredOption('--out <dir>', 'model directory to write (replaced only when training succeeds)')
    .option('--epochs <n>', 'maximum epochs (early stopping on --val-split usually stops sooner) [20]', integerOption)
    .option('--batch-size <n>', 'examples per step [32]', integerOption)
    .option('--embedding-dim <n>', 'embedding size [100]', integerOption)
    .option('--max-len <n>', 'tokens kept per text [the longest training text, ≤ 400]', integerOption)
    .option('--max-vocab <n>', 'largest word vocabulary, <pad> and <unk> included [100000]', integerOption)
    .option('--min-count <n>', 'drop words seen fewer times [1]', integerOption)
    .option('--ngrams <n>', 'word n-grams used as features: 1 or 2 [2]', integerOption)
    .option('--lang <lang>', 'tokenizer language: auto, en, zh, ja [auto]')
    .option('--no-lowercase', 'keep case')
    .option('--no-keep-punctuation', 'drop punctuation tokens (kept by default: "?" and "!" carry meaning)')
    .option('--no-refit', 'keep the early-stopped model instead of retraining on all the data for the best epoch count')
    .option('--plot <file>', 'write the training curves (.svg, .png or .html)')
    .option('--lr <rate>', "Adam's learning rate [0.002]", numberOption)
    .option('--val-split <fraction>', 'held out for early stopping; 0 = none [0.1]', numberOption)
    .option('--patience <n>', 'epochs without a better validation loss before stopping [2]', integerOption)
    .option('--hidden <units>', 'add a hidden Dense(relu) layer of this size', integerOption)
    .option('--seed <n>', 'random seed [1]', integerOption)
    .option('--format <format>', 'tsv, csv or jsonl [from the extension]')
    .option('--text-column <name>', 'CSV column / JSONL field of the text [text]')
    .option('--label-column <name>', 'CSV column / JSONL field of the label [label]')
    .option('--vectors <file>', 'initialise the embedding from pretrained vectors (word2vec/GloVe/fastText .vec)')
    .option('--freeze', 'keep the pretrained embedding fixed')
    .option('--json', 'print one JSON object')
    .action(async (file: string, flags: TrainFlags) => {
      if (flags.ngrams !== undefined && flags.ngrams !== 1 && flags.ngrams !== 2) {
        throw new EmbedkitError('BAD_OPTION', '--ngrams must be 1 or 2', { field: 'ngrams' });
      }
      if (flags.freeze && !flags.vectors) throw new EmbedkitError('BAD_OPTION', '--freeze needs --vectors', { field: 'freeze' });
      const data = await readDataset(file, datasetOptions(flags));
      const options: TextClassifierOptions = {
        epochs: flags.epochs,
        batchSize: flags.batchSize,
        embeddingDim: flags.embeddingDim,
        maxLen: flags.maxLen,
        maxVocab: flags.maxVocab,
        minCount: flags.minCount,
        ngrams: flags.ngrams as 1 | 2 | undefined,
        learningRate: flags.lr,
        validationSplit: flags.valSplit,
        patience: flags.patience,
        hidden: flags.hidden,
        seed: flags.seed,
        tokenizer: {
          lang: (flags.lang ?? 'auto') as 'auto',
          lowercase: flags.lowercase !== false,
          punctuation: flags.keepPunctuation === false ? 'drop' : 'keep',
        },
        refit: flags.refit,
        freezeEmbeddings: flags.freeze,
      };
      let pretrained: { found: number; missing: number } | undefined;
      if (flags.vectors) {
        const { vectors } = await loadVectors(flags.vectors);
        options.embeddingDim = vectors.dim;
        options.initialEmbeddings = (words) => {
          const aligned = embeddingMatrixFromVectors(vectors, words, { seed: flags.seed ?? 1, lowercaseFallback: true });
          pretrained = { found: aligned.found, missing: aligned.missing };
          return aligned.weights;
        };
      }
      const progress = wantsProgress(flags) ? new EpochProgress(data.texts.length * (1 - (flags.valSplit ?? 0.1)), flags.epochs ?? 20) : null;
      const log = (line: string): void => {
        if (!flags.json) process.stdout.write(line + '\n');
      };
      log(`${data.texts.length} examples, ${new Set(data.labels).size} labels, from ${file}`);
      const started = performance.now();
      let epochStarted = started;
      const { classifier, history } = await trainTextClassifier(data, {
        ...options,
        onRefit: (epochs, examples) => log(`best validation loss after ${epochs} epoch(s): retraining on all ${examples} examples for ${epochs} epoch(s)`),
        callbacks: {
          onBatchEnd: (_batch, logs) => progress?.batch(logs),
          onEpochEnd: (epoch, logs) => {
            progress?.stop();
            const now = performance.now();
            const seconds = (now - epochStarted) / 1000;
            epochStarted = now;
            const parts = [`epoch ${epoch + 1}`, `loss ${fmt(logs.loss)}`, `accuracy ${fmt(logs.accuracy)}`];
            if (logs.val_loss !== undefined) parts.push(`val_loss ${fmt(logs.val_loss)}`, `val_accuracy ${fmt(logs.val_accuracy)}`);
            parts.push(`${seconds.toFixed(1)} s`);
            log(parts.join('  '));
          },
        },
      });
      const seconds = (performance.now() - started) / 1000;
      await classifier.save(flags.out);
      if (flags.plot) await writeTrainingCurves(history, flags.plot);
      const result = {
        out: flags.out,
        examples: data.texts.length,
        labels: classifier.labels,
        vocabulary: classifier.vocabulary.size,
        bigrams: classifier.bigrams?.size ?? 0,
        maxLen: classifier.encoderConfig.maxLen,
        epochs: history.refit?.epochs ?? history.epoch.length,
        seconds,
        history: history.history,
        refit: history.refit,
        pretrained,
      };
      if (flags.json) printJson(result);
      else {
        if (pretrained) log(`pretrained vectors: ${pretrained.found} words found, ${pretrained.missing} initialised at random`);
        log(`saved to ${flags.out} (${result.vocabulary} words, ${result.bigrams} bigrams, ${result.epochs} epochs, ${seconds.toFixed(1)} s)`);
      }
    });

  classify
    .command('eval <dir> <file>')
    .description('accuracy, macro-F1, per-class precision/recall/F1 and the confusion matrix on labelled data')
    .option('--format <format>', 'tsv, csv or jsonl [from the extension]')
    .option('--text-column <name>', 'CSV column / JSONL field of the text [text]')
    .option('--label-column <name>', 'CSV column / JSONL field of the label [label]')
    .option('--json', 'print one JSON object')
    .action(async (dir: string, file: string, flags: CommonOptions & { format?: DatasetFormat; textColumn?: string; labelColumn?: string }) => {
      const classifier = await TextClassifier.load(dir);
      const data = await readDataset(file, datasetOptions(flags));
      const report = classifier.evaluate(data);
      if (flags.json) printJson(report);
      else process.stdout.write(formatReport(report));
    });

  classify
    .command('predict <dir> [text...]')
    .description('label and probability for each text (arguments, --file, or standard input lines)')
    .option('--file <file>', 'one text per line (plain or .gz)')
    .option('--json', 'print one JSON object')
    .action(async (dir: string, texts: string[], flags: CommonOptions & { file?: string }) => {
      const classifier = await TextClassifier.load(dir);
      const inputs = [...texts];
      if (flags.file) for await (const { line } of readLinesNumbered(flags.file)) inputs.push(line);
      if (!texts.length && !flags.file) {
        if (process.stdin.isTTY) throw new EmbedkitError('NO_INPUT', 'give texts as arguments, --file, or on standard input');
        for await (const line of readStdinLines()) inputs.push(line);
      }
      const predictions = classifier.predict(inputs);
      if (flags.json) {
        printJson({ predictions: predictions.map((p, i) => ({ text: inputs[i], label: p.label, probability: p.probability })) });
      } else {
        for (let i = 0; i < inputs.length; i++) {
          process.stdout.write(`${predictions[i].label}\t${predictions[i].probability.toFixed(4)}\t${inputs[i]}\n`);
        }
      }
    });
}

async function* readStdinLines(): AsyncIterable<string> {
  const { createInterface } = await import('node:readline');
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) if (line.trim()) yield line;
}

function fmt(value: number | undefined): string {
  return value === undefined ? '-' : value.toFixed(4);
}
