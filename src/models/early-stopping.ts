import { EmbedkitError } from '../errors.js';

export interface EarlyStoppingOptions {
  monitor?: 'val_loss' | 'val_accuracy' | 'loss';
  /** Epochs in a row without improvement before stopping (Keras default 0: stop at the first). */
  patience?: number;
  /** Put back the weights of the best epoch when training ends (whether it stopped early or not). */
  restoreBestWeights?: boolean;
  /** Smallest change that counts as an improvement. */
  minDelta?: number;
}

/** Keras' EarlyStopping callback: watches one epoch metric, says when to stop, remembers the best weights. */
export class EarlyStopping {
  readonly monitor: 'val_loss' | 'val_accuracy' | 'loss';
  private readonly maximize: boolean;
  private readonly patience: number;
  private readonly minDelta: number;
  private readonly restoreBestWeights: boolean;
  private best: number;
  private wait = 0;
  /** Weights of the best epoch so far, when restoreBestWeights is set. */
  bestWeights: Float32Array[] | undefined;

  constructor(options: EarlyStoppingOptions, hasValidation: boolean) {
    this.monitor = options.monitor ?? 'val_loss';
    if (this.monitor !== 'loss' && !hasValidation) {
      throw new EmbedkitError('bad_config', `early stopping monitors ${this.monitor} but there is no validation data`, { field: 'earlyStopping.monitor' });
    }
    this.maximize = this.monitor === 'val_accuracy';
    this.patience = options.patience ?? 0;
    this.minDelta = Math.abs(options.minDelta ?? 0);
    this.restoreBestWeights = options.restoreBestWeights ?? false;
    this.best = this.maximize ? -Infinity : Infinity;
  }

  /** Records an epoch's logs; returns true when training should stop. `weights` is called only on improvement. */
  update(logs: { loss: number; val_loss?: number; val_accuracy?: number }, weights: () => Float32Array[]): boolean {
    const current = logs[this.monitor] as number;
    const improved = this.maximize ? current > this.best + this.minDelta : current < this.best - this.minDelta;
    if (improved) {
      this.best = current;
      this.wait = 0;
      if (this.restoreBestWeights) this.bestWeights = weights();
      return false;
    }
    this.wait++;
    return this.wait >= this.patience;
  }
}
