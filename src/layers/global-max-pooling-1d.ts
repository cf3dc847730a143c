import { ReusableInt32 } from './buffers.js';
import { GlobalPooling1D } from './global-pooling-1d.js';
import type { Activation } from './layer.js';

/**
 * Maximum over the time axis: [batch, steps, features] → [batch, features]. Masked steps never win;
 * a row with no real token gives zeros. The gradient flows only to the winning step of each feature.
 */
export class GlobalMaxPooling1D extends GlobalPooling1D {
  /** Winning step per (example, feature); -1 when the row had no real token. */
  private readonly winners = new ReusableInt32();

  constructor(options: { name?: string } = {}) {
    super('GlobalMaxPooling1D', options);
  }

  forward(input: Activation, _training: boolean): Activation {
    const { x, batch, steps, features, mask } = this.readSteps(input);
    const out = this.output.get(batch * features);
    const winners = this.winners.get(batch * features);
    out.fill(-Infinity);
    winners.fill(-1);
    for (let b = 0; b < batch; b++) {
      const outBase = b * features;
      for (let t = 0; t < steps; t++) {
        if (mask && mask[b * steps + t] === 0) continue;
        const inBase = (b * steps + t) * features;
        for (let j = 0; j < features; j++) {
          const v = x[inBase + j];
          if (v > out[outBase + j] || winners[outBase + j] < 0) {
            out[outBase + j] = v;
            winners[outBase + j] = t;
          }
        }
      }
      for (let j = 0; j < features; j++) if (winners[outBase + j] < 0) out[outBase + j] = 0;
    }
    return this.pooled(out, batch);
  }

  backward(gradOutput: Float32Array): Float32Array {
    const steps = this.steps;
    const features = this.features;
    const batch = gradOutput.length / features;
    const winners = this.winners.get(batch * features);
    const grad = this.gradInput.get(batch * steps * features);
    grad.fill(0);
    for (let b = 0; b < batch; b++) {
      for (let j = 0; j < features; j++) {
        const t = winners[b * features + j];
        if (t >= 0) grad[(b * steps + t) * features + j] = gradOutput[b * features + j];
      }
    }
    return grad;
  }
}
