import type { Random } from '../util/random.js';
import { ReusableFloat32 } from './buffers.js';
import { requireFloatInput, requireRank } from './checks.js';
import type { Activation, Layer, Parameter, Shape } from './layer.js';
import { defaultLayerName } from './naming.js';

/**
 * Mean over the time axis: [batch, steps, features] → [batch, features]. With a mask the mean is over
 * real tokens only, so padding does not dilute short texts; a row with no real token gives zeros
 * (Keras would divide 0 by 0). Consumes the mask.
 */
export class GlobalAveragePooling1D implements Layer {
  readonly className = 'GlobalAveragePooling1D';
  name: string;
  private readonly output = new ReusableFloat32();
  private readonly gradInput = new ReusableFloat32();
  /** 1 / (number of real steps) per example, 0 for an all-padding row. */
  private readonly inverseCounts = new ReusableFloat32();
  private readonly activation: Activation = { shape: [0, 0], data: new Float32Array(0) };
  private lastMask: Uint8Array | undefined;
  private steps = 0;
  private features = 0;

  constructor(options: { name?: string } = {}) {
    this.name = options.name ?? defaultLayerName(this.className);
  }

  build(_inputShape: Shape, _rng: Random): void {}

  computeOutputShape(inputShape: Shape): Shape {
    return [inputShape[inputShape.length - 1]];
  }

  forward(input: Activation, _training: boolean): Activation {
    requireRank(input.shape, 3, this.name);
    const x = requireFloatInput(input.data, this.name);
    const [batch, steps, features] = input.shape;
    const out = this.output.get(batch * features);
    const inverseCounts = this.inverseCounts.get(batch);
    const mask = input.mask;
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
    this.steps = steps;
    this.features = features;
    this.activation.shape[0] = batch;
    this.activation.shape[1] = features;
    this.activation.data = out;
    return this.activation;
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

  parameters(): Parameter[] {
    return [];
  }

  getConfig(): Record<string, unknown> {
    return { name: this.name, trainable: true };
  }
}
