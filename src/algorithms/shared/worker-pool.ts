// The main-thread side of the trainers' Hogwild worker threads: start them, run the epochs (each
// worker trains its own part, all at once), report progress while they run, and stop them.
import { Worker } from 'node:worker_threads';
import { EmbedkitError } from '../../errors.js';

const PROGRESS_INTERVAL_MS = 250;

/** A worker thread running the compiled module at `url` with `workerData`. */
export function startWorker(url: URL, workerData: unknown): Worker {
  // A worker inherits the parent's Node options; --input-type (a parent run with -e) makes it fail.
  const execArgv = process.execArgv.filter((arg) => !arg.startsWith('--input-type'));
  return new Worker(url, { workerData, execArgv });
}

export interface EpochRun<Done> {
  epochs: number;
  /** What to post to every worker to start `epoch` (1-based). */
  request(epoch: number): unknown;
  /** Names the threads in the error when one stops, e.g. 'a training thread'. */
  threadName: string;
  /** After each epoch, with every worker's answer and the epoch's wall time. */
  onEpoch(epoch: number, results: Done[], seconds: number): void;
  /** Called every 250 ms while the workers run, with the seconds since they started. */
  onTick?: (seconds: number) => void;
}

/** Runs the epochs on `workers`, then terminates them (also on failure); returns the seconds spent in epochs. */
export async function runEpochs<Done>(workers: Worker[], run: EpochRun<Done>): Promise<number> {
  const started = performance.now();
  let trainSeconds = 0;
  let timer: NodeJS.Timeout | undefined;
  if (run.onTick) {
    const tick = run.onTick;
    timer = setInterval(() => tick((performance.now() - started) / 1000), PROGRESS_INTERVAL_MS);
  }
  try {
    for (let epoch = 1; epoch <= run.epochs; epoch++) {
      const epochStart = performance.now();
      const request = run.request(epoch);
      const results = await Promise.all(workers.map((worker) => runEpoch<Done>(worker, request, run.threadName)));
      const seconds = (performance.now() - epochStart) / 1000;
      trainSeconds += seconds;
      run.onEpoch(epoch, results, seconds);
    }
  } finally {
    if (timer) clearInterval(timer);
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return trainSeconds;
}

/** Posts `request` and waits for the worker's one answer; rejects if it throws or exits first. */
function runEpoch<Done>(worker: Worker, request: unknown, threadName: string): Promise<Done> {
  return new Promise((resolve, reject) => {
    const onMessage = (done: Done): void => {
      worker.off('error', onError);
      worker.off('exit', onExit);
      resolve(done);
    };
    const onError = (error: Error): void => {
      worker.off('message', onMessage);
      worker.off('exit', onExit);
      reject(error);
    };
    const onExit = (code: number): void => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      reject(new EmbedkitError('WORKER_EXIT', `${threadName} stopped unexpectedly (exit code ${code})`));
    };
    worker.once('message', onMessage);
    worker.once('error', onError);
    worker.once('exit', onExit);
    worker.postMessage(request);
  });
}
