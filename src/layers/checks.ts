import { EmbedkitError } from '../errors.js';

export function checkPositiveInteger(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw new EmbedkitError('bad_config', `${field} must be a positive integer, got ${JSON.stringify(value)}`, { field });
  }
  return value;
}

/** Layers after the first receive floats; a 3-D [batch, steps, features] batch for the poolings. */
export function requireFloatInput(data: Float32Array | Int32Array, layerName: string): Float32Array {
  if (!(data instanceof Float32Array)) {
    throw new EmbedkitError('bad_input', `layer ${layerName} expects float input, got ${data.constructor.name}`, { field: 'x' });
  }
  return data;
}

export function requireRank(shape: readonly number[], rank: number, layerName: string): void {
  if (shape.length !== rank) {
    throw new EmbedkitError('bad_input', `layer ${layerName} expects input of rank ${rank} (batch first), got shape [${shape.join(', ')}]`, {
      field: 'x',
    });
  }
}
