import type { TextClassifier } from '../classify/text-classifier.js';

/** Must match the classifier's bigram key (two words joined by one space). */
const BIGRAM_JOINER = ' ';

export interface TokenContribution {
  token: string;
  /** Push towards the predicted label (positive) or away from it (negative), in logit units. */
  contribution: number;
  /** The model saw this token (in its vocabulary and within maxLen). */
  used: boolean;
}

export interface Explanation {
  label: string;
  probability: number;
  labels: string[];
  probabilities: number[];
  /**
   * 'linear': exact per-token logit contributions (Embedding → mean pooling → Dense). null when the
   * model has a hidden layer: its logits are not a sum over tokens, so no exact split exists.
   */
  method: 'linear' | null;
  tokens: TokenContribution[];
  /** Binary: the single logit (towards labels[1]); more labels: one logit per label. */
  logits: number[];
}

/**
 * Prediction with per-word contributions for a mean-pooled classifier. With L the number of ids the
 * model averages (known words plus known bigrams), the logit of class u is
 *   b_u + Σ_t e_t · W[:, u] / L,
 * so token t adds e_t · W[:, u] / L. A bigram's share is split evenly between its two words.
 * Binary models: the contribution is towards the predicted label (negated when that is labels[0]).
 * Softmax models: towards the predicted class c relative to the average class, e_t·(W[:,c] − mean_u W[:,u]) / L,
 * which is what changes the softmax (adding the same amount to every logit changes nothing).
 */
export function explainPrediction(classifier: TextClassifier, text: string): Explanation {
  const prediction = classifier.predict([text])[0];
  const base = { label: prediction.label, probability: prediction.probability, labels: classifier.labels, probabilities: prediction.probabilities };
  const tokens = classifier.tokenizer.tokenize(text);
  const weights = linearWeights(classifier);
  if (weights === null) {
    return { ...base, method: null, tokens: tokens.map((token) => ({ token, contribution: 0, used: classifier.vocabulary.id(token) > 1 })), logits: [] };
  }
  const { embeddings, dim, kernel, bias, units } = weights;
  const end = Math.min(tokens.length, classifier.encoderConfig.maxLen);
  // Input ids per token position; -1 = not seen by the model.
  const wordIds = tokens.map((token, i) => (i < end && classifier.vocabulary.id(token) > 1 ? classifier.vocabulary.id(token) : -1));
  const bigramIds: number[] = [];
  if (classifier.bigrams) {
    for (let i = 1; i < end; i++) {
      const id = classifier.bigrams.id(tokens[i - 1] + BIGRAM_JOINER + tokens[i]);
      bigramIds.push(id >= 0 ? classifier.vocabulary.size + id : -1);
    }
  }
  const count = wordIds.filter((id) => id >= 0).length + bigramIds.filter((id) => id >= 0).length;
  // raw[t * units + u]: what token t adds to logit u (bigram halves included).
  const raw = new Float64Array(tokens.length * units);
  const addId = (id: number, position: number, share: number) => {
    for (let u = 0; u < units; u++) {
      let dot = 0;
      for (let j = 0; j < dim; j++) dot += embeddings[id * dim + j] * kernel[j * units + u];
      raw[position * units + u] += (share * dot) / count;
    }
  };
  wordIds.forEach((id, t) => id >= 0 && addId(id, t, 1));
  bigramIds.forEach((id, i) => {
    if (id < 0) return;
    addId(id, i, 0.5);
    addId(id, i + 1, 0.5);
  });
  const logits = Array.from({ length: units }, (_, u) => {
    let sum = bias ? bias[u] : 0;
    for (let t = 0; t < tokens.length; t++) sum += raw[t * units + u];
    return sum;
  });
  const predicted = classifier.labels.indexOf(prediction.label);
  const contributions = tokens.map((token, t) => {
    let value: number;
    if (units === 1) value = predicted === 1 ? raw[t] : -raw[t];
    else {
      let mean = 0;
      for (let u = 0; u < units; u++) mean += raw[t * units + u];
      value = raw[t * units + predicted] - mean / units;
    }
    const usedAsBigram = bigramIds[t - 1] >= 0 || bigramIds[t] >= 0;
    return { token, contribution: value, used: wordIds[t] >= 0 || usedAsBigram };
  });
  return { ...base, method: 'linear', tokens: contributions, logits };
}

interface LinearWeights {
  embeddings: Float32Array;
  dim: number;
  kernel: Float32Array;
  bias: Float32Array | null;
  units: number;
}

/** The weights when the model is Embedding → GlobalAveragePooling1D → [Dropout] → Dense, else null. */
function linearWeights(classifier: TextClassifier): LinearWeights | null {
  const layers = classifier.model.layers;
  const names = layers.map((l) => l.className).filter((n) => n !== 'Dropout');
  if (names.join(',') !== 'Embedding,GlobalAveragePooling1D,Dense') return null;
  const embedding = layers[0].parameters()[0];
  const dense = layers[layers.length - 1].parameters();
  const activation = (layers[layers.length - 1].getConfig() as { activation?: string }).activation;
  if (activation !== 'sigmoid' && activation !== 'softmax') return null;
  const kernel = dense.find((p) => p.name.endsWith('kernel'));
  if (!embedding || !kernel) return null;
  const bias = dense.find((p) => p.name.endsWith('bias'));
  return { embeddings: embedding.value, dim: embedding.shape[1], kernel: kernel.value, bias: bias ? bias.value : null, units: kernel.shape[1] };
}
