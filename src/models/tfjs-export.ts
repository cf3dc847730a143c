import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { EmbedkitError } from '../errors.js';
import { writeDirectoryAtomic } from '../io/atomic.js';
import { Dense } from '../layers/dense.js';
import { Dropout } from '../layers/dropout.js';
import { Embedding } from '../layers/embedding.js';
import type { InitializerName } from '../layers/initializers.js';
import type { Layer } from '../layers/layer.js';
import type { Sequential } from './sequential.js';
import { encodeFloat32LE, type WeightEntry } from './weights-file.js';

/** The tfjs-layers version whose serialization this export follows. */
const TFJS_LAYERS_VERSION = '4.22.0';

/**
 * Writes `dir/model.json` + `dir/weights.bin` in TensorFlow.js' LayersModel format, loadable with
 * `tf.loadLayersModel`. Layer configs use Keras' snake_case keys, as tfjs writes them; weights are
 * named `<layer>/embeddings`, `<layer>/kernel` (inputDim × units) and `<layer>/bias`.
 *
 * Masking differs: tfjs' GlobalAveragePooling1D (4.22) ignores the mask of Embedding({maskZero})
 * and averages over every step, padding included. Our pooling averages real tokens only, so the two
 * agree on rows without padding and differ on padded rows.
 */
export async function exportTfjs(model: Sequential, dir: string): Promise<void> {
  const inputShape = model.getInputShape();
  if (!inputShape) throw new EmbedkitError('not_built', 'cannot export a model that was never built (no weights yet)');
  const layers = model.layers.map((layer, i) => {
    const keras = kerasLayer(layer);
    if (i === 0) keras.config.batch_input_shape = [null, ...inputShape];
    return keras;
  });
  const params = model.parameters();
  const weights: WeightEntry[] = params.map((p) => ({ name: p.name, shape: [...p.shape], dtype: 'float32' }));
  const modelJson = {
    modelTopology: {
      class_name: 'Sequential',
      config: { name: model.name, layers },
      keras_version: `tfjs-layers ${TFJS_LAYERS_VERSION}`,
      backend: 'tensor_flow.js',
    },
    format: 'layers-model',
    generatedBy: 'embedkit',
    convertedBy: null,
    weightsManifest: [{ paths: ['weights.bin'], weights }],
  };
  const bytes = encodeFloat32LE(params.map((p) => p.value));
  await writeDirectoryAtomic(dir, async (tmp) => {
    await fs.writeFile(join(tmp, 'model.json'), JSON.stringify(modelJson));
    await fs.writeFile(join(tmp, 'weights.bin'), bytes);
  });
}

interface KerasLayer {
  class_name: string;
  config: Record<string, unknown>;
}

function kerasLayer(layer: Layer): KerasLayer {
  const base = { name: layer.name, trainable: 'trainable' in layer ? Boolean(layer.trainable) : true };
  if (layer instanceof Embedding) {
    return {
      class_name: 'Embedding',
      config: {
        input_dim: layer.inputDim,
        output_dim: layer.outputDim,
        embeddings_initializer: kerasInitializer(layer.embeddingsInitializer),
        embeddings_regularizer: null,
        activity_regularizer: null,
        embeddings_constraint: null,
        mask_zero: layer.maskZero,
        input_length: layer.inputLength ?? null,
        ...base,
      },
    };
  }
  if (layer instanceof Dense) {
    return {
      class_name: 'Dense',
      config: {
        units: layer.units,
        activation: layer.activation,
        use_bias: layer.useBias,
        kernel_initializer: kerasInitializer(layer.kernelInitializer),
        bias_initializer: { class_name: 'Zeros', config: {} },
        kernel_regularizer: null,
        bias_regularizer: null,
        activity_regularizer: null,
        kernel_constraint: null,
        bias_constraint: null,
        ...base,
      },
    };
  }
  if (layer instanceof Dropout) {
    return { class_name: 'Dropout', config: { rate: layer.rate, noise_shape: null, seed: null, ...base } };
  }
  if (layer.className === 'GlobalAveragePooling1D' || layer.className === 'GlobalMaxPooling1D') {
    return { class_name: layer.className, config: base };
  }
  throw new EmbedkitError('unsupported_layer', `layer ${layer.name} (${layer.className}) has no TensorFlow.js export`);
}

function kerasInitializer(name: InitializerName): KerasLayer {
  switch (name) {
    case 'uniform':
      return { class_name: 'RandomUniform', config: { minval: -0.05, maxval: 0.05, seed: null } };
    case 'normal':
      return { class_name: 'RandomNormal', config: { mean: 0, stddev: 0.05, seed: null } };
    case 'zeros':
      return { class_name: 'Zeros', config: {} };
    case 'glorotUniform':
      return { class_name: 'VarianceScaling', config: { scale: 1, mode: 'fan_avg', distribution: 'uniform', seed: null } };
  }
}
