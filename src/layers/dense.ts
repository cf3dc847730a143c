import { EmbedkitError } from '../errors.js';
import type { Random } from '../util/random.js';
import { activationBackward, applyActivation, checkActivationName, type ActivationName } from './activations.js';
import { ReusableFloat32 } from './buffers.js';
import { checkPositiveInteger, requireFloatInput } from './checks.js';
import { checkInitializerName, initialize, type InitializerName } from './initializers.js';
import type { Activation, Layer, Parameter, Shape } from './layer.js';
import { defaultLayerName } from './naming.js';

export interface DenseOptions {
  activation?: ActivationName;
  useBias?: boolean;
  /** Keras default: Glorot uniform. */
  kernelInitializer?: 'glorotUniform' | 'uniform' | 'normal' | 'zeros';
  /** Per-example input shape, needed only when Dense is the first layer of a model. */
  inputShape?: number[];
  trainable?: boolean;
  name?: string;
}

/**
 * activation(x · kernel + bias) on the last axis; kernel is inputDim × units, as in Keras. The
 * pre-activation `logits` of the last forward pass are kept so a model can fuse a final sigmoid or
 * softmax with cross-entropy (`backwardFromLogits`), which stays exact for extreme logits.
 */
export class Dense implements Layer {
  readonly className = 'Dense';
  name: string;
  readonly units: number;
  readonly activation: ActivationName;
  readonly useBias: boolean;
  readonly kernelInitializer: InitializerName;
  readonly inputShape: number[] | undefined;
  trainable: boolean;
  private kernel: Parameter | undefined;
  private bias: Parameter | undefined;
  private inputDim = 0;

  /** Pre-activation values of the last forward pass, rows × units. */
  logits: Float32Array = new Float32Array(0);
  private readonly logitsBuffer = new ReusableFloat32();
  private readonly outputBuffer = new ReusableFloat32();
  private readonly gradLogitsBuffer = new ReusableFloat32();
  private readonly gradInputBuffer = new ReusableFloat32();
  private readonly result: Activation = { shape: [], data: new Float32Array(0) };
  private lastInput: Float32Array = new Float32Array(0);
  private lastOutput: Float32Array = new Float32Array(0);

  constructor(units: number, options: DenseOptions = {}) {
    this.units = checkPositiveInteger(units, 'units');
    this.activation = checkActivationName(options.activation ?? 'linear', 'activation');
    this.useBias = options.useBias ?? true;
    this.kernelInitializer = checkInitializerName(options.kernelInitializer ?? 'glorotUniform', 'kernelInitializer');
    this.inputShape = options.inputShape ? [...options.inputShape] : undefined;
    this.trainable = options.trainable ?? true;
    this.name = options.name ?? defaultLayerName(this.className);
  }

  build(inputShape: Shape, rng: Random): void {
    const inputDim = inputShape[inputShape.length - 1];
    if (inputDim === null || inputDim === undefined) {
      throw new EmbedkitError('bad_config', `layer ${this.name} needs a known last input dimension, got [${inputShape.join(', ')}]`, {
        field: 'inputShape',
      });
    }
    this.inputDim = inputDim;
    const kernel = new Float32Array(inputDim * this.units);
    initialize(kernel, this.kernelInitializer, inputDim, this.units, rng);
    this.kernel = { name: `${this.name}/kernel`, shape: [inputDim, this.units], value: kernel, trainable: this.trainable, grad: new Float32Array(kernel.length) };
    this.bias = this.useBias
      ? { name: `${this.name}/bias`, shape: [this.units], value: new Float32Array(this.units), trainable: this.trainable, grad: new Float32Array(this.units) }
      : undefined;
  }

  computeOutputShape(inputShape: Shape): Shape {
    return [...inputShape.slice(0, -1), this.units];
  }

  forward(input: Activation, _training: boolean): Activation {
    const kernel = this.requireBuilt().value;
    const x = requireFloatInput(input.data, this.name);
    const inputDim = this.inputDim;
    const units = this.units;
    if (input.shape[input.shape.length - 1] !== inputDim) {
      throw new EmbedkitError('bad_input', `layer ${this.name} expects ${inputDim} input features, got shape [${input.shape.join(', ')}]`, {
        field: 'x',
      });
    }
    const rows = x.length / inputDim;
    const logits = this.logitsBuffer.get(rows * units);
    const bias = this.bias?.value;
    if (units === 1) forwardOneUnit(x, kernel, bias ? bias[0] : 0, logits, rows, inputDim);
    else forwardUnits(x, kernel, bias, logits, rows, inputDim, units);
    const out = this.outputBuffer.get(rows * units);
    applyActivation(this.activation, logits, out, units);
    this.logits = logits;
    this.lastInput = x;
    this.lastOutput = out;
    const shape = this.result.shape;
    shape.length = 0;
    for (let k = 0; k < input.shape.length - 1; k++) shape.push(input.shape[k]);
    shape.push(units);
    this.result.data = out;
    // A mask on steps survives a per-step Dense; after pooling there is none.
    this.result.mask = input.shape.length > 2 ? input.mask : undefined;
    return this.result;
  }

  backward(gradOutput: Float32Array): Float32Array {
    const gradLogits = this.gradLogitsBuffer.get(gradOutput.length);
    activationBackward(this.activation, this.lastOutput, gradOutput, gradLogits, this.units);
    return this.backwardFromLogits(gradLogits);
  }

  /** Backward pass given dLoss/dLogits directly, skipping the activation's derivative. */
  backwardFromLogits(gradLogits: Float32Array): Float32Array {
    const kernel = this.requireBuilt();
    const x = this.lastInput;
    const inputDim = this.inputDim;
    const units = this.units;
    const rows = gradLogits.length / units;
    if (this.trainable) {
      if (units === 1) kernelGradientOneUnit(x, gradLogits, kernel.grad, rows, inputDim);
      else kernelGradientUnits(x, gradLogits, kernel.grad, rows, inputDim, units);
      if (this.bias) biasGradient(gradLogits, this.bias.grad, rows, units);
    }
    const gradInput = this.gradInputBuffer.get(rows * inputDim);
    if (units === 1) inputGradientOneUnit(gradLogits, kernel.value, gradInput, rows, inputDim);
    else inputGradientUnits(gradLogits, kernel.value, gradInput, rows, inputDim, units);
    return gradInput;
  }

  parameters(): Parameter[] {
    const params: Parameter[] = [];
    if (this.kernel) params.push(this.kernel);
    if (this.bias) params.push(this.bias);
    for (const p of params) p.trainable = this.trainable;
    return params;
  }

  getConfig(): Record<string, unknown> {
    const config: Record<string, unknown> = {
      name: this.name,
      trainable: this.trainable,
      units: this.units,
      activation: this.activation,
      useBias: this.useBias,
      kernelInitializer: this.kernelInitializer,
    };
    if (this.inputShape) config.inputShape = [...this.inputShape];
    return config;
  }

  private requireBuilt(): Parameter {
    if (!this.kernel) throw new EmbedkitError('not_built', `layer ${this.name} is used before it was built`);
    return this.kernel;
  }
}

// The loops of Dense as free functions over locals: V8 keeps the arrays and bounds in registers, which
// `this.` reads inside the loops prevent. The units === 1 forms (a binary classifier's output layer)
// drop the inner loop over units; every form adds in the same order, so the results are the same bits.

// Each row's sum is one chain of dependent float64 additions; four rows at a time keep four chains in
// flight, and each chain still adds in order i = 0, 1, …
function forwardOneUnit(x: Float32Array, kernel: Float32Array, bias: number, logits: Float32Array, rows: number, inputDim: number): void {
  let r = 0;
  for (; r + 3 < rows; r += 4) {
    const base0 = r * inputDim;
    const base1 = base0 + inputDim;
    const base2 = base1 + inputDim;
    const base3 = base2 + inputDim;
    let sum0 = bias;
    let sum1 = bias;
    let sum2 = bias;
    let sum3 = bias;
    for (let i = 0; i < inputDim; i++) {
      const k = kernel[i];
      sum0 += x[base0 + i] * k;
      sum1 += x[base1 + i] * k;
      sum2 += x[base2 + i] * k;
      sum3 += x[base3 + i] * k;
    }
    logits[r] = sum0;
    logits[r + 1] = sum1;
    logits[r + 2] = sum2;
    logits[r + 3] = sum3;
  }
  for (; r < rows; r++) {
    const xBase = r * inputDim;
    let sum = bias;
    for (let i = 0; i < inputDim; i++) sum += x[xBase + i] * kernel[i];
    logits[r] = sum;
  }
}

function forwardUnits(
  x: Float32Array,
  kernel: Float32Array,
  bias: Float32Array | undefined,
  logits: Float32Array,
  rows: number,
  inputDim: number,
  units: number,
): void {
  for (let r = 0; r < rows; r++) {
    const xBase = r * inputDim;
    for (let u = 0; u < units; u++) {
      let sum = bias ? bias[u] : 0;
      for (let i = 0; i < inputDim; i++) sum += x[xBase + i] * kernel[i * units + u];
      logits[r * units + u] = sum;
    }
  }
}

// Float32 accumulation row by row, as the kernel gradient is stored; inputs equal to 0 add nothing.
function kernelGradientOneUnit(x: Float32Array, gradLogits: Float32Array, gradKernel: Float32Array, rows: number, inputDim: number): void {
  gradKernel.fill(0);
  for (let r = 0; r < rows; r++) {
    const xBase = r * inputDim;
    const g = gradLogits[r];
    for (let i = 0; i < inputDim; i++) {
      const xi = x[xBase + i];
      if (xi !== 0) gradKernel[i] += xi * g;
    }
  }
}

function kernelGradientUnits(x: Float32Array, gradLogits: Float32Array, gradKernel: Float32Array, rows: number, inputDim: number, units: number): void {
  gradKernel.fill(0);
  for (let r = 0; r < rows; r++) {
    const xBase = r * inputDim;
    const gBase = r * units;
    for (let i = 0; i < inputDim; i++) {
      const xi = x[xBase + i];
      if (xi === 0) continue;
      const kBase = i * units;
      for (let u = 0; u < units; u++) gradKernel[kBase + u] += xi * gradLogits[gBase + u];
    }
  }
}

function biasGradient(gradLogits: Float32Array, gradBias: Float32Array, rows: number, units: number): void {
  gradBias.fill(0);
  for (let r = 0; r < rows; r++) for (let u = 0; u < units; u++) gradBias[u] += gradLogits[r * units + u];
}

// With one unit each sum has a single term; `0 +` keeps the sign the multi-unit loop gives a zero product.
function inputGradientOneUnit(gradLogits: Float32Array, w: Float32Array, gradInput: Float32Array, rows: number, inputDim: number): void {
  for (let r = 0; r < rows; r++) {
    const g = gradLogits[r];
    const base = r * inputDim;
    for (let i = 0; i < inputDim; i++) gradInput[base + i] = 0 + g * w[i];
  }
}

function inputGradientUnits(gradLogits: Float32Array, w: Float32Array, gradInput: Float32Array, rows: number, inputDim: number, units: number): void {
  for (let r = 0; r < rows; r++) {
    const gBase = r * units;
    for (let i = 0; i < inputDim; i++) {
      const kBase = i * units;
      let sum = 0;
      for (let u = 0; u < units; u++) sum += gradLogits[gBase + u] * w[kBase + u];
      gradInput[r * inputDim + i] = sum;
    }
  }
}
