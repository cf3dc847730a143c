import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { EmbedkitError } from '../../src/errors.js';
import { ByteAllocator, PAGE_BYTES, copyUnpaddedRows, paddedWidth } from '../../src/algorithms/shared/memory-layout.js';
import { pickBoolean, pickFlag, pickInteger, pickNumber } from '../../src/algorithms/shared/option-checks.js';
import { fillSigmoidTables, takeWordTables, writeWordTables } from '../../src/algorithms/shared/word-tables.js';
import { runEpochs } from '../../src/algorithms/shared/worker-pool.js';
import { lossSlot, progressBytes } from '../../src/algorithms/shared/worker-protocol.js';
import { NoiseTable } from '../../src/vocab/sampling.js';

function badOption(field: string, message: RegExp): (error: unknown) => boolean {
  return (error) => error instanceof EmbedkitError && error.code === 'BAD_OPTION' && error.place.field === field && message.test(error.message);
}

test('rows are padded to whole f32x4 lanes', () => {
  assert.deepEqual([1, 4, 5, 8, 100, 101].map(paddedWidth), [4, 4, 8, 8, 100, 104]);
});

test('the allocator hands out cache-line aligned ranges in order and counts whole pages', () => {
  const allocator = new ByteAllocator(PAGE_BYTES);
  assert.equal(allocator.take(1), PAGE_BYTES);
  assert.equal(allocator.take(64), PAGE_BYTES + 64);
  assert.equal(allocator.take(0), PAGE_BYTES + 128);
  assert.equal(allocator.take(65), PAGE_BYTES + 128);
  assert.equal(allocator.end, PAGE_BYTES + 256);
  assert.equal(allocator.pages, 2);
  allocator.take(PAGE_BYTES - 256);
  assert.equal(allocator.pages, 2);
  allocator.take(1);
  assert.equal(allocator.pages, 3);
});

test('padded rows are copied out without their padding', () => {
  const buffer = new SharedArrayBuffer(64 + 2 * 4 * 4);
  const padded = new Float32Array(buffer, 64, 8);
  padded.set([1, 2, 3, 0, 4, 5, 6, 0]);
  assert.deepEqual(Array.from(copyUnpaddedRows(buffer, 64, 2, 3, 4)), [1, 2, 3, 4, 5, 6]);
});

test('sigmoid tables: σ and −log σ at evenly spaced points over [−max, max]', () => {
  const size = 8;
  const sigmoid = new Float32Array(size + 1);
  const negLog = new Float32Array(size + 1);
  fillSigmoidTables(sigmoid, negLog, size, 6);
  assert.equal(sigmoid[4], 0.5);
  assert.equal(negLog[4], Math.fround(Math.LN2));
  assert.equal(sigmoid[0], Math.fround(1 / (1 + Math.exp(6))));
  assert.equal(sigmoid[8], Math.fround(1 / (1 + Math.exp(-6))));
  // x at point 2 is -3: σ(-3) and -log σ(-3) = log(1 + e^3).
  assert.equal(sigmoid[2], Math.fround(1 / (1 + Math.exp(3))));
  assert.equal(negLog[2], Math.fround(Math.log(1 + Math.exp(3))));
  for (let i = 0; i <= size; i++) assert.ok(Math.abs(negLog[i] + Math.log(sigmoid[i])) < 1e-6);
});

test('word tables are placed in order and written where placed; no noise leaves the alias table alone', () => {
  const allocator = new ByteAllocator(0);
  const at = takeWordTables(allocator, 3, 10);
  assert.deepEqual(at, { sigmoid: 0, negLogSigmoid: 64, keepProbability: 128, aliasProbability: 192, aliasIndex: 256 });
  const buffer = new SharedArrayBuffer(allocator.end);
  const keep = new Float32Array([1, 0.5, 0.25]);
  new Int32Array(buffer, at.aliasIndex, 3).fill(-7);
  writeWordTables(buffer, at, { sigmoidSize: 10, maxSigmoid: 8, keep, noise: undefined });
  assert.deepEqual(new Float32Array(buffer, at.keepProbability, 3), keep);
  assert.equal(new Float32Array(buffer, at.sigmoid, 11)[5], 0.5);
  assert.deepEqual(Array.from(new Int32Array(buffer, at.aliasIndex, 3)), [-7, -7, -7]);
  const noise = new NoiseTable(new Float64Array([5, 3, 1]), 0.75);
  writeWordTables(buffer, at, { sigmoidSize: 10, maxSigmoid: 8, keep, noise });
  assert.deepEqual(new Float32Array(buffer, at.aliasProbability, 3), Float32Array.from(noise.prob));
  assert.deepEqual(new Int32Array(buffer, at.aliasIndex, 3), Int32Array.from(noise.alias));
});

test('progress slots: the word counter first, then a (loss sum, count) pair per worker', () => {
  assert.equal(progressBytes(3), 8 * 7);
  assert.deepEqual([0, 1, 2].map(lossSlot), [1, 3, 5]);
});

test('option checks return the fallback for undefined and name the field of a bad value', () => {
  assert.equal(pickInteger(undefined, 7, 'dim', 1, 10), 7);
  assert.equal(pickInteger(10, 7, 'dim', 1, 10), 10);
  assert.throws(() => pickInteger(11, 7, 'dim', 1, 10), badOption('dim', /dim must be an integer in \[1, 10\], got 11/));
  assert.throws(() => pickInteger(2.5, 7, 'dim', 1, 10), badOption('dim', /got 2.5/));
  assert.equal(pickNumber(0, 1, 'sample', 0, 1, true), 0);
  assert.throws(() => pickNumber(0, 1, 'alpha', 0, 1, false), badOption('alpha', /alpha must be a number in \(0, 1\], got 0/));
  assert.throws(() => pickNumber(Number.NaN, 1, 'alpha', 0, 1, true), badOption('alpha', /\[0, 1\]/));
  assert.throws(() => pickNumber('1', 1, 'alpha', 0, 1, true), badOption('alpha', /got "1"/));
  assert.equal(pickFlag(true, 0, 'sg'), 1);
  assert.equal(pickFlag(undefined, 1, 'sg'), 1);
  assert.throws(() => pickFlag(2, 0, 'sg'), badOption('sg', /sg must be 0 or 1, got 2/));
  assert.equal(pickBoolean(false, true, 'symmetric'), false);
  assert.throws(() => pickBoolean(1, true, 'symmetric'), badOption('symmetric', /must be true or false/));
});

// Workers from source text: each answers an epoch request with its index and the request.
function echoWorker(index: number): Worker {
  const source = `const { parentPort } = require('node:worker_threads');
    parentPort.on('message', (request) => parentPort.postMessage({ index: ${index}, request }));`;
  return new Worker(source, { eval: true });
}

test('runEpochs runs every epoch on every worker, in order, then terminates them', async () => {
  const workers = [echoWorker(0), echoWorker(1)];
  const seen: Array<{ epoch: number; results: unknown[] }> = [];
  let exited = 0;
  for (const worker of workers) worker.on('exit', () => exited++);
  const seconds = await runEpochs<{ index: number; request: unknown }>(workers, {
    epochs: 3,
    request: (epoch) => ({ epoch }),
    threadName: 'a test thread',
    onEpoch: (epoch, results, epochSeconds) => {
      assert.ok(epochSeconds >= 0);
      seen.push({ epoch, results });
    },
  });
  assert.ok(seconds >= 0);
  assert.deepEqual(seen.map((s) => s.epoch), [1, 2, 3]);
  assert.deepEqual(seen[2].results, [{ index: 0, request: { epoch: 3 } }, { index: 1, request: { epoch: 3 } }]);
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(exited, 2);
});

test('a worker that exits mid-epoch fails the run with WORKER_EXIT naming the thread', async () => {
  const quitter = new Worker(`require('node:worker_threads').parentPort.on('message', () => process.exit(3));`, { eval: true });
  await assert.rejects(
    runEpochs(
      [echoWorker(0), quitter],
      { epochs: 2, request: () => 'epoch', threadName: 'a test thread', onEpoch: () => assert.fail('no epoch completes') },
    ),
    (error: unknown) => error instanceof EmbedkitError && error.code === 'WORKER_EXIT' && /a test thread stopped unexpectedly \(exit code 3\)/.test(error.message),
  );
});
