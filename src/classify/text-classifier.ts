import { EmbedkitError } from '../errors.js';
import { Tokenizer, type TokenizeOptions } from '../text/tokenize.js';
import { Vocabulary } from '../vocab/vocabulary.js';
import { Embedding } from '../layers/embedding.js';
import { GlobalAveragePooling1D } from '../layers/global-average-pooling-1d.js';
import { Dense } from '../layers/dense.js';
import { Dropout } from '../layers/dropout.js';
import { Sequential } from '../models/sequential.js';
import { adam } from '../models/optimizers.js';
import { saveModel, loadModel } from '../models/save.js';
import { Random } from '../util/random.js';
import { classificationReport, type ClassificationReport } from '../eval/classification.js';
import type { LabelledTexts } from './dataset.js';
import { nestedTexts } from './nested-texts.js';
import type { History, FitCallbacks } from '../models/sequential.js';

/** Everything that turns raw text into the model's input, saved with the model so `predict` takes raw text. */
export interface TextEncoderConfig {
  tokenizer: TokenizeOptions;
  maxLen: number;
  /** 2 = word bigrams are features too (as fastText's -wordNgrams 2). */
  ngrams: 1 | 2;
}

export interface TextClassifierOptions {
  /** Embedding size; default 100 (fastText's default dim). */
  embeddingDim?: number;
  /** Tokens kept per text; default: the longest training text, at most 400. */
  maxLen?: number;
  /** Word vocabulary size, specials included; default 100,000. */
  maxVocab?: number;
  /** Words seen fewer times are dropped; default 1 (as fastText's supervised mode). */
  minCount?: number;
  /** Word n-grams: 1 or 2 (default 2: bigrams with a count of at least 2 get their own vectors). */
  ngrams?: 1 | 2;
  /**
   * Bigrams found in fewer texts get no vector of their own; default 2. A text that is part of a longer
   * training text (phrase-annotated data such as SST) is not counted: its bigrams are its container's.
   */
  bigramMinCount?: number;
  /** Bigram rows learn at this fraction of the word rows' learning rate; default 0.5 (they over-fit sooner). */
  bigramLearningRate?: number;
  /** Tokenizer settings (language, lower-casing); punctuation is kept by default ("?" and "!" carry meaning). */
  tokenizer?: TokenizeOptions;
  /** Maximum epochs; early stopping on the validation loss usually stops sooner. Default 20. */
  epochs?: number;
  batchSize?: number;
  /** Adam's learning rate; default 0.002 (see README: above Keras' 0.001 because mean pooling dilutes each word's gradient). */
  learningRate?: number;
  /** Fraction of the training data held out for early stopping; default 0.1. 0 disables early stopping. */
  validationSplit?: number;
  /** Epochs without improvement of the validation loss before stopping; default 2. */
  patience?: number;
  /** Units of an optional hidden Dense(relu) layer between pooling and output; default none. */
  hidden?: number;
  /** Dropout after pooling; default 0. */
  dropout?: number;
  seed?: number;
  /** Pretrained rows for the embedding (vocabulary id → vector), from `embeddingMatrixFromVectors`. */
  initialEmbeddings?: (words: readonly string[], dim: number) => Float32Array;
  /** Keep pretrained embeddings fixed. */
  freezeEmbeddings?: boolean;
  /**
   * After early stopping has chosen the number of epochs on the validation split, train a fresh model on all
   * the data for that many epochs (default true).
   */
  refit?: boolean;
  /** Called when the refit on all the data starts. */
  onRefit?: (epochs: number, examples: number) => void;
  callbacks?: FitCallbacks;
}

/** Keras' history of the validated run, plus the refit on all the data when there was one. */
export interface TrainingHistory extends History {
  refit?: { epochs: number; loss: number[]; accuracy: number[] };
}

export interface Prediction {
  label: string;
  probability: number;
  /** Probability of every label, in `labels` order. */
  probabilities: number[];
}

const DEFAULTS = {
  embeddingDim: 100,
  maxVocab: 100_000,
  minCount: 1,
  ngrams: 2 as const,
  bigramMinCount: 2,
  bigramLearningRate: 0.5,
  epochs: 20,
  batchSize: 32,
  learningRate: 0.002,
  validationSplit: 0.1,
  patience: 2,
  dropout: 0,
  refit: true,
  seed: 1,
};

const BIGRAM_JOINER = ' ';

/** A text classifier: tokenizer + vocabulary (+ bigrams) + Embedding → GlobalAveragePooling1D → Dense. */
export class TextClassifier {
  constructor(
    readonly model: Sequential,
    readonly tokenizer: Tokenizer,
    readonly vocabulary: Vocabulary,
    readonly bigrams: Vocabulary | null,
    readonly labels: string[],
    readonly encoderConfig: TextEncoderConfig,
  ) {}

  /** True when the output is one sigmoid unit (two labels). */
  get binary(): boolean {
    return this.labels.length === 2;
  }

  /** Raw texts → the padded id matrix the model takes (words first, then bigrams; unknown words dropped). */
  encode(texts: readonly string[]): { rows: number; cols: number; data: Int32Array } {
    return encodeTokenLists(
      texts.map((t) => this.tokenizer.tokenize(t)),
      this.vocabulary,
      this.bigrams,
      this.encoderConfig.maxLen,
    );
  }

  predict(texts: readonly string[], batchSize = 256): Prediction[] {
    const x = this.encode(texts);
    const output = this.model.predict(x, { batchSize });
    return decodeOutputs(output, texts.length, this.labels);
  }

  evaluate(data: LabelledTexts): ClassificationReport {
    const labelIds = new Map(this.labels.map((l, i) => [l, i]));
    const trueIds = new Int32Array(data.labels.length);
    data.labels.forEach((label, i) => {
      const id = labelIds.get(label);
      trueIds[i] = id === undefined ? -1 : id;
    });
    const unknown = data.labels.filter((l) => !labelIds.has(l));
    if (unknown.length) {
      throw new EmbedkitError(
        'UNKNOWN_LABEL',
        `label "${unknown[0]}" was not seen in training (labels: ${this.labels.join(', ')})`,
      );
    }
    const predictions = this.predict(data.texts);
    const predictedIds = predictions.map((p) => labelIds.get(p.label) as number);
    return classificationReport(trueIds, predictedIds, this.labels);
  }

  async save(dir: string): Promise<void> {
    await saveModel(this.model, dir, {
      kind: 'embedkit-text-classifier',
      labels: this.labels,
      encoder: this.encoderConfig,
      vocabulary: this.vocabulary.toJSON(),
      bigrams: this.bigrams ? this.bigrams.toJSON() : null,
    });
  }

  static async load(dir: string): Promise<TextClassifier> {
    const { model, extra } = await loadModel(dir);
    const source = `${dir}/model.json`;
    if (!extra || extra.kind !== 'embedkit-text-classifier') {
      throw new EmbedkitError('BAD_MODEL', 'not a text classifier saved by embedkit', { file: source, field: 'kind' });
    }
    const labels = extra.labels;
    if (!Array.isArray(labels) || labels.some((l) => typeof l !== 'string')) {
      throw new EmbedkitError('BAD_MODEL', 'labels must be an array of strings', { file: source, field: 'labels' });
    }
    const encoder = extra.encoder as TextEncoderConfig | undefined;
    if (!encoder || typeof encoder.maxLen !== 'number') {
      throw new EmbedkitError('BAD_MODEL', 'missing encoder settings', { file: source, field: 'encoder' });
    }
    const vocabulary = Vocabulary.fromJSON(extra.vocabulary, source);
    const bigrams = extra.bigrams ? Vocabulary.fromJSON(extra.bigrams, source) : null;
    return new TextClassifier(model, Tokenizer.fromConfig(encoder.tokenizer), vocabulary, bigrams, labels as string[], encoder);
  }
}

/** Trains a classifier on labelled texts; two labels → Dense(1, sigmoid), more → Dense(k, softmax). */
export async function trainTextClassifier(
  data: LabelledTexts,
  options: TextClassifierOptions = {},
): Promise<{ classifier: TextClassifier; history: TrainingHistory }> {
  const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as TextClassifierOptions;
  const o = { ...DEFAULTS, ...given };
  const labels = [...new Set(data.labels)].sort();
  if (data.texts.length === 0) throw new EmbedkitError('EMPTY_DATA', 'no training examples');
  if (labels.length < 2) {
    throw new EmbedkitError('ONE_CLASS', `all ${data.texts.length} examples have the label "${labels[0]}": need at least two classes`);
  }
  if (!(o.bigramLearningRate > 0 && o.bigramLearningRate <= 1)) {
    throw new EmbedkitError('BAD_OPTION', `bigramLearningRate must be in (0, 1], got ${o.bigramLearningRate}`, { field: 'bigramLearningRate' });
  }
  const tokenizer = new Tokenizer({ punctuation: 'keep', ...given.tokenizer });
  // Shuffled once up front: a file sorted by label would otherwise give a one-class validation split (the last 10 %).
  const order = new Random(o.seed).shuffle(Array.from(data.texts, (_, i) => i));
  const tokenLists = order.map((i) => tokenizer.tokenize(data.texts[i]));

  const vocabulary = await Vocabulary.build(tokenLists, { minCount: o.minCount, maxSize: o.maxVocab });
  const bigrams =
    o.ngrams === 2 ? await Vocabulary.build(distinctBigramLists(tokenLists, nestedTexts(tokenLists)), { minCount: o.bigramMinCount, specials: false }) : null;
  const maxLen = o.maxLen ?? percentileLength(tokenLists, 1, 400);
  const encoderConfig: TextEncoderConfig = { tokenizer: tokenizer.getConfig(), maxLen, ngrams: o.ngrams };
  const x = encodeTokenLists(tokenLists, vocabulary, bigrams, maxLen);

  const labelIds = new Map(labels.map((l, i) => [l, i]));
  const binary = labels.length === 2;
  const y = new Float32Array(order.length);
  order.forEach((from, i) => {
    y[i] = labelIds.get(data.labels[from]) as number;
  });

  const inputDim = vocabulary.size + (bigrams ? bigrams.size : 0);
  const words = bigrams ? [...vocabulary.words, ...bigrams.words] : [...vocabulary.words];
  const buildModel = (): Sequential => {
    const model = new Sequential();
    model.add(
      new Embedding(inputDim, o.embeddingDim, {
        maskZero: true,
        inputLength: x.cols,
        weights: options.initialEmbeddings ? options.initialEmbeddings(words, o.embeddingDim) : undefined,
        trainable: !options.freezeEmbeddings,
        slowRows: bigrams && o.bigramLearningRate < 1 ? { fromRow: vocabulary.size, factor: o.bigramLearningRate } : undefined,
      }),
    );
    model.add(new GlobalAveragePooling1D());
    if (o.dropout > 0) model.add(new Dropout(o.dropout));
    if (options.hidden) model.add(new Dense(options.hidden, { activation: 'relu' }));
    model.add(new Dense(binary ? 1 : labels.length, { activation: binary ? 'sigmoid' : 'softmax' }));
    model.compile({
      optimizer: adam({ learningRate: o.learningRate }),
      loss: binary ? 'binaryCrossentropy' : 'sparseCategoricalCrossentropy',
      metrics: ['accuracy'],
    });
    return model;
  };
  const validating = o.validationSplit > 0;
  let model = buildModel();
  const history: TrainingHistory = await model.fit(x, y, {
    epochs: o.epochs,
    batchSize: o.batchSize,
    validationSplit: validating ? o.validationSplit : undefined,
    shuffle: true,
    seed: o.seed,
    callbacks: options.callbacks,
    earlyStopping: validating ? { monitor: 'val_loss', patience: o.patience, restoreBestWeights: true, minDelta: 0 } : undefined,
  });
  if (validating && o.refit) {
    // The validation split has chosen the number of epochs; train again on every example for that many,
    // so the held-out tenth is not lost to the final model.
    const valLoss = history.history.val_loss ?? [];
    const bestEpochs = valLoss.indexOf(Math.min(...valLoss)) + 1;
    options.onRefit?.(bestEpochs, x.rows);
    model = buildModel();
    const full = await model.fit(x, y, { epochs: bestEpochs, batchSize: o.batchSize, shuffle: true, seed: o.seed, callbacks: options.callbacks });
    history.refit = { epochs: bestEpochs, loss: full.history.loss, accuracy: full.history.accuracy };
  }
  return { classifier: new TextClassifier(model, tokenizer, vocabulary, bigrams, labels, encoderConfig), history };
}

/** The distinct bigrams of each text not nested in another, so that a bigram's count is the number of texts holding it. */
function* distinctBigramLists(tokenLists: readonly string[][], nested: Uint8Array): Iterable<string[]> {
  for (let t = 0; t < tokenLists.length; t++) {
    if (nested[t]) continue;
    const tokens = tokenLists[t];
    const out = new Set<string>();
    for (let i = 1; i < tokens.length; i++) out.add(tokens[i - 1] + BIGRAM_JOINER + tokens[i]);
    yield [...out];
  }
}

/** The p-quantile of the token counts, at least 1 and at most `cap`. */
function percentileLength(tokenLists: readonly string[][], p: number, cap: number): number {
  const lengths = tokenLists.map((t) => t.length).sort((a, b) => a - b);
  const at = lengths[Math.min(lengths.length - 1, Math.floor(p * lengths.length))] ?? 1;
  return Math.max(1, Math.min(cap, at));
}

/**
 * Token lists → one padded Int32Array (rows × cols). The first `maxLen` known words (unknown words dropped, as
 * fastText does), then, with bigrams, the known bigrams among them, offset past the word ids; 0 pads the rest.
 */
export function encodeTokenLists(
  tokenLists: readonly string[][],
  vocabulary: Vocabulary,
  bigrams: Vocabulary | null,
  maxLen: number,
): { rows: number; cols: number; data: Int32Array } {
  const cols = bigrams ? 2 * maxLen - 1 : maxLen;
  const data = new Int32Array(tokenLists.length * cols);
  const offset = vocabulary.size;
  for (let r = 0; r < tokenLists.length; r++) {
    const tokens = tokenLists[r];
    const end = Math.min(tokens.length, maxLen);
    let at = r * cols;
    for (let i = 0; i < end; i++) {
      const id = vocabulary.id(tokens[i]);
      if (id > 1) data[at++] = id;
    }
    if (bigrams) {
      for (let i = 1; i < end; i++) {
        const id = bigrams.id(tokens[i - 1] + BIGRAM_JOINER + tokens[i]);
        if (id >= 0) data[at++] = offset + id;
      }
    }
  }
  return { rows: tokenLists.length, cols, data };
}

function decodeOutputs(output: Float32Array, rows: number, labels: readonly string[]): Prediction[] {
  const predictions: Prediction[] = [];
  if (labels.length === 2) {
    for (let i = 0; i < rows; i++) {
      const p1 = output[i];
      const probabilities = [1 - p1, p1];
      const best = p1 >= 0.5 ? 1 : 0;
      predictions.push({ label: labels[best], probability: probabilities[best], probabilities });
    }
    return predictions;
  }
  const k = labels.length;
  for (let i = 0; i < rows; i++) {
    const probabilities = Array.from(output.subarray(i * k, (i + 1) * k));
    let best = 0;
    for (let c = 1; c < k; c++) if (probabilities[c] > probabilities[best]) best = c;
    predictions.push({ label: labels[best], probability: probabilities[best], probabilities });
  }
  return predictions;
}
