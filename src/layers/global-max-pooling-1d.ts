import type { Random } from '../util/random.js';
import { ReusableFloat32, ReusableInt32 } from './buffers.js';
import { requireFloatInput, requireRank } from './checks.js';
import type { Activation, Layer, Parameter, Shape } from './layer.js';
import { defaultLayerName } from './naming.js';

/**
 * Maximum over the time axis: [batch, steps, features] → [batch, features]. Masked steps never win;
 * a row with no real token gives zeros. The gradient flows only to the winning step of each feature.
 */
export class GlobalMaxPooling1D implements Layer {
  readonly className = 'GlobalMaxPooling1D';
  name: string;
  private readonly output = new ReusableFloat32();
  private readonly gradInput = new ReusableFloat32();
  /** Winning step per (example, feature); -1 when the row had no real token. */
  private readonly winners = new ReusableInt32();
  private readonly activation: Activation = { shape: [0, 0], data: new Float32Array(0) };
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
    const winners = this.winners.get(batch * features);
    const mask = input.mask;
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

  parameters(): Parameter[] {
    return [];
  }

  getConfig(): Record<string, unknown> {
    return { name: this.name, trainable: true };
  }
}
