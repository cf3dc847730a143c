import { test } from 'node:test';
import assert from 'node:assert/strict';
import { padSequences } from '../../src/vocab/pad.js';
import { EmbedkitError } from '../../src/errors.js';

const seqs = [[1, 2, 3], [4, 5], [6], []];

function rowsOf(batch: { rows: number; cols: number; data: Int32Array }): number[][] {
  const rows: number[][] = [];
  for (let r = 0; r < batch.rows; r++) rows.push(Array.from(batch.data.subarray(r * batch.cols, (r + 1) * batch.cols)));
  return rows;
}

// Expected values worked out by hand from keras.utils.pad_sequences.
test('defaults: longest length, pad before', () => {
  const batch = padSequences(seqs);
  assert.equal(batch.rows, 4);
  assert.equal(batch.cols, 3);
  assert.deepEqual(rowsOf(batch), [[1, 2, 3], [0, 4, 5], [0, 0, 6], [0, 0, 0]]);
});

test('padding post', () => {
  assert.deepEqual(rowsOf(padSequences(seqs, { padding: 'post' })), [[1, 2, 3], [4, 5, 0], [6, 0, 0], [0, 0, 0]]);
});

test('maxLen 2: every padding/truncating combination', () => {
  const expected: Record<string, number[][]> = {
    'pre/pre': [[2, 3], [4, 5], [0, 6], [0, 0]],
    'post/pre': [[2, 3], [4, 5], [6, 0], [0, 0]],
    'pre/post': [[1, 2], [4, 5], [0, 6], [0, 0]],
    'post/post': [[1, 2], [4, 5], [6, 0], [0, 0]],
  };
  for (const padding of ['pre', 'post'] as const) {
    for (const truncating of ['pre', 'post'] as const) {
      const batch = padSequences(seqs, { maxLen: 2, padding, truncating });
      assert.deepEqual(rowsOf(batch), expected[`${padding}/${truncating}`], `${padding}/${truncating}`);
    }
  }
});

test('maxLen longer than every sequence, with a fill value', () => {
  assert.deepEqual(rowsOf(padSequences([[7, 8], [9]], { maxLen: 4, value: -1 })), [[-1, -1, 7, 8], [-1, -1, -1, 9]]);
  assert.deepEqual(rowsOf(padSequences([[7, 8], [9]], { maxLen: 4, value: -1, padding: 'post' })), [
    [7, 8, -1, -1],
    [9, -1, -1, -1],
  ]);
});

test('typed-array sequences and empty input', () => {
  assert.deepEqual(rowsOf(padSequences([Int32Array.of(5, 6, 7)], { maxLen: 2 })), [[6, 7]]);
  assert.deepEqual(padSequences([]), { rows: 0, cols: 0, data: new Int32Array(0) });
  assert.deepEqual(padSequences([], { maxLen: 3 }), { rows: 0, cols: 3, data: new Int32Array(0) });
  assert.deepEqual(padSequences([[], []]), { rows: 2, cols: 0, data: new Int32Array(0) });
  assert.deepEqual(rowsOf(padSequences([[1, 2]], { maxLen: 0 })), [[]]);
});

test('bad options throw', () => {
  assert.throws(() => padSequences(seqs, { maxLen: -1 }), EmbedkitError);
  assert.throws(() => padSequences(seqs, { maxLen: 1.5 }), EmbedkitError);
  assert.throws(() => padSequences(seqs, { padding: 'middle' as 'pre' }), EmbedkitError);
  assert.throws(() => padSequences(seqs, { value: 0.5 }), EmbedkitError);
});
