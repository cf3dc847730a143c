import cliProgress from 'cli-progress';

/** A per-epoch progress bar on stderr: samples done, samples/s, running loss and accuracy, ETA. */
export class EpochProgress {
  private bar: cliProgress.SingleBar | null = null;
  private done = 0;
  private started = 0;
  private lossSum = 0;
  private accuracySum = 0;

  private epoch = 0;

  constructor(
    private readonly samplesPerEpoch: number,
    private readonly epochs: number,
  ) {}

  /** Starts the next epoch's bar; called by the first batch of an epoch. */
  private startEpoch(): void {
    this.epoch++;
    const { epoch, epochs } = this;
    this.stop();
    this.done = 0;
    this.lossSum = 0;
    this.accuracySum = 0;
    this.started = performance.now();
    this.bar = new cliProgress.SingleBar(
      {
        format: `epoch ${epoch}/${epochs} [{bar}] {percentage}% | {rate} samples/s | loss {loss} | acc {acc} | ETA {eta}s`,
        stream: process.stderr,
        clearOnComplete: true,
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    this.bar.start(Math.max(1, Math.round(this.samplesPerEpoch)), 0, { rate: '-', loss: '-', acc: '-' });
  }

  batch(logs: { size?: number; loss?: number; accuracy?: number }): void {
    if (!this.bar) this.startEpoch();
    if (!this.bar) return;
    const size = logs.size ?? 1;
    this.done += size;
    this.lossSum += (logs.loss ?? 0) * size;
    this.accuracySum += (logs.accuracy ?? 0) * size;
    const seconds = (performance.now() - this.started) / 1000;
    this.bar.update(Math.min(this.done, this.bar.getTotal()), {
      rate: seconds > 0 ? Math.round(this.done / seconds).toLocaleString('en-US') : '-',
      loss: (this.lossSum / this.done).toFixed(4),
      acc: (this.accuracySum / this.done).toFixed(4),
    });
  }

  stop(): void {
    this.bar?.stop();
    this.bar = null;
  }
}
