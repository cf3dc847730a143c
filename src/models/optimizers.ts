import { EmbedkitError } from '../errors.js';
import { arenaHolding, type KernelArena } from '../layers/kernel-arena.js';
import type { Parameter, SparseRows } from '../layers/layer.js';

/**
 * Keras' optimizers on flat Float32Arrays. A parameter with `sparse` set (an Embedding) is updated
 * only in the rows of the batch: a step costs O(rows in batch × row length), never O(V·d).
 * Optimizer state (momenta, accumulators) is not saved with a model, as in tfjs' default save.
 */
export interface Optimizer {
  readonly className: OptimizerClassName;
  learningRate: number;
  /** Steps taken so far; Adam's bias correction uses it. */
  iterations: number;
  step(params: readonly Parameter[]): void;
  getConfig(): Record<string, unknown>;
}

export type OptimizerClassName = 'SGD' | 'Adagrad' | 'Adam';
export type OptimizerName = 'sgd' | 'adagrad' | 'adam';

export interface OptimizerConfig {
  className: OptimizerClassName;
  config: Record<string, unknown>;
}

export interface SgdOptions {
  learningRate?: number;
  momentum?: number;
  nesterov?: boolean;
}

export interface AdagradOptions {
  learningRate?: number;
  initialAccumulatorValue?: number;
  epsilon?: number;
}

export interface AdamOptions {
  learningRate?: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  /** Update sparse rows lazily (TF's LazyAdam); false = exact dense Adam. */
  lazy?: boolean;
}

export function sgd(options: SgdOptions = {}): Optimizer {
  return new Sgd(options);
}

export function adagrad(options: AdagradOptions = {}): Optimizer {
  return new Adagrad(options);
}

export function adam(options: AdamOptions = {}): Optimizer {
  return new Adam(options);
}

export function resolveOptimizer(optimizer: Optimizer | OptimizerName): Optimizer {
  if (typeof optimizer !== 'string') return optimizer;
  switch (optimizer) {
    case 'sgd':
      return sgd();
    case 'adagrad':
      return adagrad();
    case 'adam':
      return adam();
    default:
      throw new EmbedkitError('bad_config', `unknown optimizer ${JSON.stringify(optimizer)}; expected sgd, adagrad or adam`, {
        field: 'optimizer',
      });
  }
}

export function optimizerToConfig(optimizer: Optimizer): OptimizerConfig {
  return { className: optimizer.className, config: optimizer.getConfig() };
}

export function optimizerFromConfig(config: OptimizerConfig, field = 'optimizer'): Optimizer {
  if (typeof config !== 'object' || config === null || typeof config.config !== 'object' || config.config === null) {
    throw new EmbedkitError('bad_config', 'an optimizer config needs "className" and "config"', { field });
  }
  const c = config.config;
  switch (config.className) {
    case 'SGD':
      return sgd(c as SgdOptions);
    case 'Adagrad':
      return adagrad(c as AdagradOptions);
    case 'Adam':
      return adam(c as AdamOptions);
    default:
      throw new EmbedkitError('bad_config', `unknown optimizer class ${JSON.stringify(config.className)}`, { field: `${field}.className` });
  }
}

function checkNumber(value: number, field: string, low: number, high: number, lowInclusive = true): number {
  const ok = typeof value === 'number' && Number.isFinite(value) && (lowInclusive ? value >= low : value > low) && value <= high;
  if (!ok) throw new EmbedkitError('bad_config', `${field} must be a number in ${lowInclusive ? '[' : '('}${low}, ${high}], got ${JSON.stringify(value)}`, { field });
  return value;
}

/**
 * Per-parameter slot arrays, created on first use at the parameter's size; beside the parameter's
 * values in its kernel arena when it has one, so the WebAssembly kernels can update both.
 */
class SlotStore {
  private readonly slots = new Map<Parameter, Float32Array[]>();

  get(param: Parameter, count: number, initialValue: number): Float32Array[] {
    let slots = this.slots.get(param);
    if (!slots) {
      slots = [];
      const arena = arenaHolding(param.value);
      for (let k = 0; k < count; k++) slots.push(allocateSlot(arena, param.value.length).fill(initialValue));
      this.slots.set(param, slots);
    }
    return slots;
  }
}

/** In the arena when it has room (the kernels then apply), else an ordinary array (the TypeScript loops). */
function allocateSlot(arena: KernelArena | undefined, length: number): Float32Array {
  if (arena) {
    try {
      return arena.allocFloat32(length);
    } catch {
      // The arena's memory cannot grow that far: this parameter keeps to the TypeScript path.
    }
  }
  return new Float32Array(length);
}

/** The learning rate of one row: `rate`, times the parameter's slow-row factor for rows in its slow tail. */
function rowRate(param: Parameter, row: number, rate: number): number {
  const slow = param.slowRows;
  return slow !== undefined && row >= slow.fromRow ? rate * slow.factor : rate;
}

class Sgd implements Optimizer {
  readonly className = 'SGD';
  learningRate: number;
  readonly momentum: number;
  readonly nesterov: boolean;
  iterations = 0;
  private readonly store = new SlotStore();

  constructor(options: SgdOptions) {
    this.learningRate = checkNumber(options.learningRate ?? 0.01, 'learningRate', 0, Infinity, false);
    this.momentum = checkNumber(options.momentum ?? 0, 'momentum', 0, 1);
    this.nesterov = options.nesterov ?? false;
  }

  step(params: readonly Parameter[]): void {
    for (const param of params) {
      if (!param.trainable) continue;
      const velocity = this.momentum > 0 ? this.store.get(param, 1, 0)[0] : null;
      if (param.sparse) {
        const { rows, count, rowLength, grads } = param.sparse;
        for (let s = 0; s < count; s++) {
          this.update(param.value, velocity, grads, rows[s] * rowLength, s * rowLength, rowLength, rowRate(param, rows[s], this.learningRate));
        }
      } else {
        this.update(param.value, velocity, param.grad, 0, 0, param.value.length, this.learningRate);
      }
    }
    this.iterations++;
  }

  /** v ← μv − ηg; w ← w + v, or w ← w + μv − ηg with Nesterov (Keras' formulation). */
  private update(w: Float32Array, velocity: Float32Array | null, g: Float32Array, wBase: number, gBase: number, length: number, lr: number): void {
    if (!velocity) {
      for (let j = 0; j < length; j++) w[wBase + j] -= lr * g[gBase + j];
      return;
    }
    const mu = this.momentum;
    for (let j = 0; j < length; j++) {
      const gj = g[gBase + j];
      const v = mu * velocity[wBase + j] - lr * gj;
      velocity[wBase + j] = v;
      w[wBase + j] += this.nesterov ? mu * v - lr * gj : v;
    }
  }

  getConfig(): Record<string, unknown> {
    return { learningRate: this.learningRate, momentum: this.momentum, nesterov: this.nesterov };
  }
}

class Adagrad implements Optimizer {
  readonly className = 'Adagrad';
  learningRate: number;
  readonly initialAccumulatorValue: number;
  readonly epsilon: number;
  iterations = 0;
  private readonly store = new SlotStore();

  constructor(options: AdagradOptions) {
    this.learningRate = checkNumber(options.learningRate ?? 0.001, 'learningRate', 0, Infinity, false);
    this.initialAccumulatorValue = checkNumber(options.initialAccumulatorValue ?? 0.1, 'initialAccumulatorValue', 0, Infinity);
    this.epsilon = checkNumber(options.epsilon ?? 1e-7, 'epsilon', 0, Infinity);
  }

  step(params: readonly Parameter[]): void {
    for (const param of params) {
      if (!param.trainable) continue;
      const accumulator = this.store.get(param, 1, this.initialAccumulatorValue)[0];
      if (param.sparse) {
        const { rows, count, rowLength, grads } = param.sparse;
        for (let s = 0; s < count; s++) {
          this.update(param.value, accumulator, grads, rows[s] * rowLength, s * rowLength, rowLength, rowRate(param, rows[s], this.learningRate));
        }
      } else {
        this.update(param.value, accumulator, param.grad, 0, 0, param.value.length, this.learningRate);
      }
    }
    this.iterations++;
  }

  /** a ← a + g²; w ← w − ηg / sqrt(a + ε) (Keras 3 and tfjs). Rows without gradient would not move anyway. */
  private update(w: Float32Array, accumulator: Float32Array, g: Float32Array, wBase: number, gBase: number, length: number, lr: number): void {
    const eps = this.epsilon;
    for (let j = 0; j < length; j++) {
      const gj = g[gBase + j];
      const a = accumulator[wBase + j] + gj * gj;
      accumulator[wBase + j] = a;
      w[wBase + j] -= (lr * gj) / Math.sqrt(a + eps);
    }
  }

  getConfig(): Record<string, unknown> {
    return { learningRate: this.learningRate, initialAccumulatorValue: this.initialAccumulatorValue, epsilon: this.epsilon };
  }
}

/**
 * Adam as Keras writes it: α_t = η·sqrt(1 − β2^t) / (1 − β1^t); m ← m + (1 − β1)(g − m);
 * v ← v + (1 − β2)(g² − v); w ← w − α_t·m / (sqrt(v) + ε), with t the global step.
 *
 * Lazy (the default, as TF's LazyAdam) for sparse gradients: only the rows in the batch have their
 * moments updated and move. Dense Adam treats every absent row as having gradient 0: its moments decay
 * (m ← β1·m, v ← β2·v) and it keeps moving by α_t·m / (sqrt(v) + ε) from momentum of earlier batches,
 * which costs O(V·d) per step. Lazy Adam skips that; both use the same global t for bias correction,
 * so a row seen after a long pause gets the step size of the current t. When every row is in every
 * batch the two are identical. `lazy: false` applies exact dense Adam (for comparison).
 */
class Adam implements Optimizer {
  readonly className = 'Adam';
  learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly lazy: boolean;
  iterations = 0;
  private readonly store = new SlotStore();
  /** For dense updates of a sparse gradient: slot of each row in the batch, -1 if absent. */
  private readonly rowSlots = new Map<Parameter, Int32Array>();
  private zeroRow = new Float32Array(0);

  constructor(options: AdamOptions) {
    this.learningRate = checkNumber(options.learningRate ?? 0.001, 'learningRate', 0, Infinity, false);
    this.beta1 = checkNumber(options.beta1 ?? 0.9, 'beta1', 0, 1);
    this.beta2 = checkNumber(options.beta2 ?? 0.999, 'beta2', 0, 1);
    this.epsilon = checkNumber(options.epsilon ?? 1e-7, 'epsilon', 0, Infinity);
    this.lazy = options.lazy ?? true;
  }

  step(params: readonly Parameter[]): void {
    const t = this.iterations + 1;
    const alpha = (this.learningRate * Math.sqrt(1 - Math.pow(this.beta2, t))) / (1 - Math.pow(this.beta1, t));
    for (const param of params) {
      if (!param.trainable) continue;
      const slots = this.store.get(param, 2, 0);
      const m = slots[0];
      const v = slots[1];
      if (!param.sparse) {
        this.update(param.value, m, v, param.grad, 0, 0, param.value.length, alpha);
      } else if (this.lazy) {
        const { rows, count, rowLength, grads } = param.sparse;
        const arena = arenaHolding(param.value);
        if (arena && arena.holds(m) && arena.holds(v) && arena.holds(grads) && arena.holds(rows)) {
          // The same float32 arithmetic, four lanes at a time (assembly/classifier.ts).
          arena.kernels.adamRows(
            param.value.byteOffset,
            m.byteOffset,
            v.byteOffset,
            grads.byteOffset,
            rows.byteOffset,
            count,
            rowLength,
            alpha,
            1 - this.beta1,
            1 - this.beta2,
            this.epsilon,
            param.slowRows ? param.slowRows.fromRow : 0x7fffffff,
            rowRate(param, Infinity, alpha),
          );
        } else {
          for (let s = 0; s < count; s++) this.update(param.value, m, v, grads, rows[s] * rowLength, s * rowLength, rowLength, rowRate(param, rows[s], alpha));
        }
      } else {
        this.denseUpdateOfSparse(param, param.sparse, m, v, alpha);
      }
    }
    this.iterations++;
  }

  // Every operation rounded to float32, as TensorFlow's Adam on float32 variables computes: the
  // WebAssembly kernel (assembly/classifier.ts) does the same operations in f32x4 and gets the same bits.
  private update(w: Float32Array, m: Float32Array, v: Float32Array, g: Float32Array, wBase: number, gBase: number, length: number, alpha: number): void {
    const f = Math.fround;
    const oneMinusBeta1 = f(1 - this.beta1);
    const oneMinusBeta2 = f(1 - this.beta2);
    const eps = f(this.epsilon);
    const stepSize = f(alpha);
    for (let j = 0; j < length; j++) {
      const i = wBase + j;
      const gj = g[gBase + j];
      const mi = f(m[i] + f(oneMinusBeta1 * f(gj - m[i])));
      const vi = f(v[i] + f(oneMinusBeta2 * f(f(gj * gj) - v[i])));
      m[i] = mi;
      v[i] = vi;
      w[i] = f(w[i] - f(f(stepSize * mi) / f(f(Math.sqrt(vi)) + eps)));
    }
  }

  /** Every row takes a step; rows absent from the batch with gradient 0. */
  private denseUpdateOfSparse(param: Parameter, sparse: SparseRows, m: Float32Array, v: Float32Array, alpha: number): void {
    const rowLength = sparse.rowLength;
    const rowCount = param.value.length / rowLength;
    let slots = this.rowSlots.get(param);
    if (!slots) {
      slots = new Int32Array(rowCount).fill(-1);
      this.rowSlots.set(param, slots);
    }
    for (let s = 0; s < sparse.count; s++) slots[sparse.rows[s]] = s;
    if (this.zeroRow.length !== rowLength) this.zeroRow = new Float32Array(rowLength);
    const zeros = this.zeroRow;
    for (let row = 0; row < rowCount; row++) {
      const s = slots[row];
      const rate = rowRate(param, row, alpha);
      if (s >= 0) this.update(param.value, m, v, sparse.grads, row * rowLength, s * rowLength, rowLength, rate);
      else this.update(param.value, m, v, zeros, row * rowLength, 0, rowLength, rate);
    }
    for (let s = 0; s < sparse.count; s++) slots[sparse.rows[s]] = -1;
  }

  getConfig(): Record<string, unknown> {
    return { learningRate: this.learningRate, beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon, lazy: this.lazy };
  }
}
