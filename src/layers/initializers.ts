import { EmbedkitError } from '../errors.js';
import type { Random } from '../util/random.js';

/** Initializer names as in tfjs-layers' configs (Keras' snake_case names map to these). */
export type InitializerName = 'uniform' | 'normal' | 'zeros' | 'glorotUniform';

export const INITIALIZER_NAMES: readonly InitializerName[] = ['uniform', 'normal', 'zeros', 'glorotUniform'];

export function checkInitializerName(name: unknown, field: string): InitializerName {
  if (typeof name === 'string' && (INITIALIZER_NAMES as readonly string[]).includes(name)) return name as InitializerName;
  throw new EmbedkitError('bad_config', `unknown initializer ${JSON.stringify(name)}; expected one of ${INITIALIZER_NAMES.join(', ')}`, { field });
}

/**
 * Fills `out` (a fanIn × fanOut weight). Keras defaults: RandomUniform(±0.05) for embeddings,
 * RandomNormal(stddev 0.05), Glorot uniform (±sqrt(6 / (fanIn + fanOut))) for kernels.
 */
export function initialize(out: Float32Array, name: InitializerName, fanIn: number, fanOut: number, rng: Random): void {
  switch (name) {
    case 'zeros':
      out.fill(0);
      return;
    case 'uniform':
      rng.fillUniform(out, -0.05, 0.05);
      return;
    case 'normal':
      for (let i = 0; i < out.length; i++) out[i] = 0.05 * rng.normal();
      return;
    case 'glorotUniform': {
      const limit = Math.sqrt(6 / (fanIn + fanOut));
      rng.fillUniform(out, -limit, limit);
      return;
    }
  }
}
