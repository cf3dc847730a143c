import { EmbedkitError } from '../errors.js';
import { ACTIVATION_NAMES, type ActivationName } from './activations.js';
import { Dense } from './dense.js';
import { Dropout } from './dropout.js';
import { Embedding } from './embedding.js';
import { GlobalAveragePooling1D } from './global-average-pooling-1d.js';
import { GlobalMaxPooling1D } from './global-max-pooling-1d.js';
import type { Layer } from './layer.js';

export type { Activation, Layer, Parameter, Shape, SparseRows } from './layer.js';
export { ACTIVATION_NAMES, type ActivationName } from './activations.js';
export type { InitializerName } from './initializers.js';
export { Dense, type DenseOptions } from './dense.js';
export { Dropout } from './dropout.js';
export { Embedding, type EmbeddingOptions } from './embedding.js';
export { GlobalAveragePooling1D } from './global-average-pooling-1d.js';
export { GlobalMaxPooling1D } from './global-max-pooling-1d.js';

/** A layer as stored in a model file: its class and `getConfig()`. */
export interface LayerConfig {
  className: string;
  config: Record<string, unknown>;
}

export function layerToConfig(layer: Layer): LayerConfig {
  return { className: layer.className, config: layer.getConfig() };
}

/** Rebuilds an (unbuilt) layer from its config; `field` names where the config came from in errors. */
export function layerFromConfig(layerConfig: LayerConfig, field = 'layers'): Layer {
  if (typeof layerConfig !== 'object' || layerConfig === null || typeof layerConfig.config !== 'object' || layerConfig.config === null) {
    throw new EmbedkitError('bad_config', 'a layer config needs "className" and "config"', { field });
  }
  const c = layerConfig.config;
  const name = optionalString(c.name, `${field}.config.name`);
  const trainable = optionalBoolean(c.trainable, `${field}.config.trainable`);
  switch (layerConfig.className) {
    case 'Embedding':
      return new Embedding(c.inputDim as number, c.outputDim as number, {
        embeddingsInitializer: c.embeddingsInitializer as 'uniform' | 'normal' | 'zeros' | undefined,
        maskZero: optionalBoolean(c.maskZero, `${field}.config.maskZero`),
        inputLength: (c.inputLength ?? undefined) as number | undefined,
        trainable,
        name,
      });
    case 'Dense': {
      if (c.activation !== undefined && !(ACTIVATION_NAMES as readonly unknown[]).includes(c.activation)) {
        throw new EmbedkitError('bad_config', `unknown activation ${JSON.stringify(c.activation)}`, { field: `${field}.config.activation` });
      }
      return new Dense(c.units as number, {
        activation: c.activation as ActivationName | undefined,
        useBias: optionalBoolean(c.useBias, `${field}.config.useBias`),
        kernelInitializer: c.kernelInitializer as 'glorotUniform' | undefined,
        inputShape: optionalShape(c.inputShape, `${field}.config.inputShape`),
        trainable,
        name,
      });
    }
    case 'Dropout':
      return new Dropout(c.rate as number, { name });
    case 'GlobalAveragePooling1D':
      return new GlobalAveragePooling1D({ name });
    case 'GlobalMaxPooling1D':
      return new GlobalMaxPooling1D({ name });
    default:
      throw new EmbedkitError('bad_config', `unknown layer class ${JSON.stringify(layerConfig.className)}`, { field: `${field}.className` });
  }
}

function optionalString(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new EmbedkitError('bad_config', `expected a string, got ${JSON.stringify(value)}`, { field });
  return value;
}

function optionalBoolean(value: unknown, field: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw new EmbedkitError('bad_config', `expected true or false, got ${JSON.stringify(value)}`, { field });
  return value;
}

function optionalShape(value: unknown, field: string): number[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((d) => !Number.isInteger(d) || d <= 0)) {
    throw new EmbedkitError('bad_config', `expected an array of positive integers, got ${JSON.stringify(value)}`, { field });
  }
  return value as number[];
}
