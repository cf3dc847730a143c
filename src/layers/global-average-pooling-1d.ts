import { ReusableFloat32 } from './buffers.js';
import { GlobalPooling1D } from './global-pooling-1d.js';
import type { Activation } from './layer.js';

/**
 * Mean over the time axis: [batch, steps, features] → [batch, features]. With a mask the mean is over
 * real tokens only, so padding does not dilute short texts; a row with no real token gives zeros
 * (Keras would divide 0 by 0). Consumes the mask.
 */
export class GlobalAveragePooling1D extends GlobalPooling1D {
  /** 1 / (number of real steps) per example, 0 for an all-padding row. */
  private readonly inverseCounts = new ReusableFloat32();
  private lastMask: Uint8Array | undefined;

  constructor(options: { name?: string } = {}) {
    super('GlobalAveragePooling1D', options);
  }

  forward(input: Activation, _training: boolean): Activation {
    const { x, batch, steps, features, mask } = this.readSteps(input);
    const out = this.output.get(batch * features);
    const inverseCounts = this.inverseCounts.get(batch);
    out.fill(0);
    for (let b = 0; b < batch; b++) {
      const outBase = b * features;
      let count = 0;
      for (let t = 0; t < steps; t++) {
        if (mask && mask[b * steps + t] === 0) continue;
        count++;
        const inBase = (b * steps + t) * features;
        for (let j = 0; j < features; j++) out[outBase + j] += x[inBase + j];
      }
      const inverse = count > 0 ? 1 / count : 0;
      inverseCounts[b] = inverse;
      for (let j = 0; j < features; j++) out[outBase + j] *= inverse;
    }
    this.lastMask = mask;
    return this.pooled(out, batch);
  }

  backward(gradOutput: Float32Array): Float32Array {
    const steps = this.steps;
    const features = this.features;
    const batch = gradOutput.length / features;
    const inverseCounts = this.inverseCounts.get(batch);
    const mask = this.lastMask;
    const grad = this.gradInput.get(batch * steps * features);
    for (let b = 0; b < batch; b++) {
      const inverse = inverseCounts[b];
      const outBase = b * features;
      for (let t = 0; t < steps; t++) {
        const inBase = (b * steps + t) * features;
        if (mask && mask[b * steps + t] === 0) {
          for (let j = 0; j < features; j++) grad[inBase + j] = 0;
        } else {
          for (let j = 0; j < features; j++) grad[inBase + j] = gradOutput[outBase + j] * inverse;
        }
      }
    }
    return grad;
  }
}
