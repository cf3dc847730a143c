import type { Random } from '../util/random.js';
import { ReusableFloat32 } from './buffers.js';
import { requireFloatInput, requireRank } from './checks.js';
import type { Activation, Layer, Parameter, Shape } from './layer.js';
import { defaultLayerName } from './naming.js';

/** A [batch, steps, features] input, checked, as the pooling layers read it. */
export interface StepsInput {
  x: Float32Array;
  batch: number;
  steps: number;
  features: number;
  mask: Uint8Array | undefined;
}

/**
 * What the layers that pool over the time axis ([batch, steps, features] → [batch, features]) share,
 * as tfjs-layers' GlobalPooling1D: no parameters, the output shape, the reused buffers; each subclass
 * says how it pools and how the gradient flows back.
 */
export abstract class GlobalPooling1D implements Layer {
  readonly className: string;
  name: string;
  protected readonly output = new ReusableFloat32();
  protected readonly gradInput = new ReusableFloat32();
  private readonly activation: Activation = { shape: [0, 0], data: new Float32Array(0) };
  protected steps = 0;
  protected features = 0;

  protected constructor(className: string, options: { name?: string }) {
    this.className = className;
    this.name = options.name ?? defaultLayerName(className);
  }

  abstract forward(input: Activation, training: boolean): Activation;
  abstract backward(gradOutput: Float32Array): Float32Array;

  build(_inputShape: Shape, _rng: Random): void {}

  computeOutputShape(inputShape: Shape): Shape {
    return [inputShape[inputShape.length - 1]];
  }

  parameters(): Parameter[] {
    return [];
  }

  getConfig(): Record<string, unknown> {
    return { name: this.name, trainable: true };
  }

  /** The input checked and taken apart; its steps and features are kept for the backward pass. */
  protected readSteps(input: Activation): StepsInput {
    requireRank(input.shape, 3, this.name);
    const x = requireFloatInput(input.data, this.name);
    const [batch, steps, features] = input.shape;
    this.steps = steps;
    this.features = features;
    return { x, batch, steps, features, mask: input.mask };
  }

  /** `out` (batch × features) as this layer's output activation. */
  protected pooled(out: Float32Array, batch: number): Activation {
    this.activation.shape[0] = batch;
    this.activation.shape[1] = this.features;
    this.activation.data = out;
    return this.activation;
  }
}
