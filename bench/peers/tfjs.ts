import * as tf from '@tensorflow/tfjs';

export interface PeerResult {
  samplesPerSec?: number;
  accuracy?: number;
  seconds?: number;
  note?: string;
  error?: string;
  /** samplesPerSec is a bound from above: the run was stopped before its first step ended. */
  upperBound?: boolean;
}

export interface IdData {
  rows: number;
  cols: number;
  data: Int32Array;
}

export interface TfjsRunOptions {
  vocabularySize: number;
  embeddingDim: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Stop after this many seconds of training and report the rate of the steps done (no accuracy then). */
  maxSeconds: number;
  /** Called when training starts and after each batch, with the samples done and the seconds since the start. */
  onProgress?: (samples: number, seconds: number) => void;
}

/**
 * The same model in TensorFlow.js: Embedding → GlobalAveragePooling1D → Dense(1, sigmoid), Adam, binary
 * cross-entropy, trained batch by batch so a run can be bounded in time.
 */
export async function runTfjs(
  backend: 'cpu' | 'wasm',
  train: IdData,
  trainY: Float32Array,
  test: IdData,
  testY: Float32Array,
  options: TfjsRunOptions,
): Promise<PeerResult> {
  try {
    if (backend === 'wasm') await import('@tensorflow/tfjs-backend-wasm');
    const ok = await tf.setBackend(backend);
    if (!ok) return { error: `tfjs backend ${backend} could not be initialised` };
    await tf.ready();
  } catch (error) {
    return { error: `tfjs backend ${backend}: ${(error as Error).message}` };
  }
  const model = tf.sequential();
  model.add(
    tf.layers.embedding({ inputDim: options.vocabularySize, outputDim: options.embeddingDim, inputLength: train.cols, maskZero: true }),
  );
  model.add(tf.layers.globalAveragePooling1d());
  model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
  model.compile({ optimizer: tf.train.adam(options.learningRate), loss: 'binaryCrossentropy', metrics: ['accuracy'] });

  const xAll = tf.tensor2d(train.data, [train.rows, train.cols], 'int32');
  const yAll = tf.tensor2d(trainY, [train.rows, 1]);
  const batches = Math.ceil(train.rows / options.batchSize);
  let samples = 0;
  let bounded = false;
  const start = performance.now();
  options.onProgress?.(0, 0);
  try {
    outer: for (let epoch = 0; epoch < options.epochs; epoch++) {
      for (let b = 0; b < batches; b++) {
        const from = b * options.batchSize;
        const size = Math.min(options.batchSize, train.rows - from);
        const x = xAll.slice([from, 0], [size, train.cols]);
        const y = yAll.slice([from, 0], [size, 1]);
        await model.trainOnBatch(x, y);
        x.dispose();
        y.dispose();
        samples += size;
        options.onProgress?.(samples, (performance.now() - start) / 1000);
        if ((performance.now() - start) / 1000 > options.maxSeconds) {
          bounded = true;
          break outer;
        }
      }
    }
  } catch (error) {
    xAll.dispose();
    yAll.dispose();
    return { error: `tfjs ${backend} cannot train this model: ${(error as Error).message.split('\n')[0]}` };
  }
  const seconds = (performance.now() - start) / 1000;
  const result: PeerResult = { samplesPerSec: samples / seconds, seconds };
  if (bounded) {
    result.note = `bounded run: ${samples} samples (${(samples / train.rows).toFixed(3)} epochs) in ${seconds.toFixed(1)} s; accuracy after the full ${options.epochs} epochs not measured`;
  } else {
    const probabilities = model.predict(tf.tensor2d(test.data, [test.rows, test.cols], 'int32')) as tf.Tensor;
    const p = await probabilities.data();
    let correct = 0;
    for (let i = 0; i < test.rows; i++) if ((p[i] >= 0.5 ? 1 : 0) === testY[i]) correct++;
    result.accuracy = correct / test.rows;
  }
  xAll.dispose();
  yAll.dispose();
  model.dispose();
  return result;
}
