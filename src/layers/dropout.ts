import { EmbedkitError } from '../errors.js';
import { Random } from '../util/random.js';
import { ReusableFloat32 } from './buffers.js';
import { requireFloatInput } from './checks.js';
import type { Activation, Layer, Parameter, Shape } from './layer.js';
import { defaultLayerName } from './naming.js';

/**
 * Inverted dropout: while training, zeroes each value with probability `rate` and scales the rest by
 * 1 / (1 − rate), so inference is the identity. The random stream is the one given to `build`, so a
 * seeded model drops the same values on every run.
 */
export class Dropout implements Layer {
  readonly className = 'Dropout';
  name: string;
  readonly rate: number;
  private rng: Random = new Random(1);
  private readonly scales = new ReusableFloat32();
  private readonly output = new ReusableFloat32();
  private readonly gradInput = new ReusableFloat32();
  private readonly result: Activation = { shape: [], data: new Float32Array(0) };
  private droppedLast = false;

  constructor(rate: number, options: { name?: string } = {}) {
    if (typeof rate !== 'number' || !(rate >= 0 && rate < 1)) {
      throw new EmbedkitError('bad_config', `dropout rate must be in [0, 1), got ${JSON.stringify(rate)}`, { field: 'rate' });
    }
    this.rate = rate;
    this.name = options.name ?? defaultLayerName(this.className);
  }

  build(_inputShape: Shape, rng: Random): void {
    this.rng = rng;
  }

  computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  forward(input: Activation, training: boolean): Activation {
    this.droppedLast = training && this.rate > 0;
    if (!this.droppedLast) return input;
    const x = requireFloatInput(input.data, this.name);
    const scales = this.scales.get(x.length);
    const out = this.output.get(x.length);
    const keep = 1 / (1 - this.rate);
    const rate = this.rate;
    const rng = this.rng;
    for (let i = 0; i < x.length; i++) {
      const scale = rng.float() < rate ? 0 : keep;
      scales[i] = scale;
      out[i] = x[i] * scale;
    }
    this.result.shape = input.shape;
    this.result.data = out;
    this.result.mask = input.mask;
    return this.result;
  }

  backward(gradOutput: Float32Array): Float32Array {
    if (!this.droppedLast) return gradOutput;
    const scales = this.scales.get(gradOutput.length);
    const grad = this.gradInput.get(gradOutput.length);
    for (let i = 0; i < grad.length; i++) grad[i] = gradOutput[i] * scales[i];
    return grad;
  }

  parameters(): Parameter[] {
    return [];
  }

  getConfig(): Record<string, unknown> {
    return { name: this.name, trainable: true, rate: this.rate };
  }
}
