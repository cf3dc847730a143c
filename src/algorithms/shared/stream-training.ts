// The epochs of the Word2Vec and fastText trainers, whose workers train slices of one id stream
// and share a word counter and per-worker losses (see worker-protocol.ts).
import type { Worker } from 'node:worker_threads';
import { learningRate } from '../word2vec/schedule.js';
import { runEpochs } from './worker-pool.js';
import { PROGRESS_WORDS, lossSlot, type WorkerDone } from './worker-protocol.js';

/** Reported while training, at most a few times a second. */
export interface StreamProgress {
  /** Fraction of all epochs × words done, 0..1. */
  progress: number;
  wordsPerSec: number;
  alpha: number;
  /** Running mean of -log σ(±x) over the binary predictions since the epoch began. */
  loss: number;
  etaSeconds: number;
}

export interface StreamEpoch {
  epoch: number;
  loss: number;
  wordsPerSec: number;
  /** Learning rate at the end of the epoch. */
  alpha: number;
}

export interface StreamSchedule {
  threads: number;
  epochs: number;
  alpha: number;
  minAlpha: number;
}

export interface StreamCallbacks {
  onProgress?: (progress: StreamProgress) => void;
  onEpochEnd?: (epoch: StreamEpoch) => void;
}

/** Runs the epochs on the started workers and stops them; `progress` is the buffer they were given. */
export async function trainStreamEpochs(
  workers: Worker[],
  progress: SharedArrayBuffer,
  totalWords: number,
  schedule: StreamSchedule,
  callbacks: StreamCallbacks,
): Promise<{ history: StreamEpoch[]; trainSeconds: number }> {
  const wordsDone = new BigInt64Array(progress, 0, 1);
  const losses = new Float64Array(progress);
  const history: StreamEpoch[] = [];
  const report = callbacks.onProgress;
  const onTick = report === undefined ? undefined : (seconds: number): void => {
    const done = Number(Atomics.load(wordsDone, PROGRESS_WORDS));
    const wordsPerSec = seconds > 0 ? done / seconds : 0;
    let lossSum = 0;
    let lossCount = 0;
    for (let w = 0; w < schedule.threads; w++) {
      lossSum += losses[lossSlot(w)];
      lossCount += losses[lossSlot(w) + 1];
    }
    report({
      progress: Math.min(1, done / totalWords),
      wordsPerSec,
      alpha: learningRate(schedule.alpha, schedule.minAlpha, done / totalWords),
      loss: lossCount > 0 ? lossSum / lossCount : 0,
      etaSeconds: wordsPerSec > 0 ? Math.max(0, totalWords - done) / wordsPerSec : 0,
    });
  };
  const trainSeconds = await runEpochs<WorkerDone>(workers, {
    epochs: schedule.epochs,
    request: () => 'epoch',
    threadName: 'a training thread',
    onTick,
    onEpoch(epoch, results, seconds) {
      const words = results.reduce((sum, r) => sum + r.words, 0);
      const lossSum = results.reduce((sum, r) => sum + r.loss, 0);
      const lossCount = results.reduce((sum, r) => sum + r.lossCount, 0);
      const record: StreamEpoch = {
        epoch,
        loss: lossCount > 0 ? lossSum / lossCount : 0,
        wordsPerSec: seconds > 0 ? words / seconds : 0,
        alpha: Math.min(...results.map((r) => r.alpha)),
      };
      history.push(record);
      callbacks.onEpochEnd?.(record);
    },
  });
  return { history, trainSeconds };
}
