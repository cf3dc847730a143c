import { EmbedkitError } from '../../errors.js';
import type { Vocabulary } from '../../vocab/vocabulary.js';

/**
 * Sparse co-occurrence counts X: record k says word `rows[k]` saw context word `cols[k]` with weight
 * `values[k]` (ids of `vocabulary`). Records are distinct pairs; countCooccurrences returns them sorted
 * by (row, col). trainGlove copies them into its shared memory, so one matrix can be trained many times.
 */
export interface CooccurrenceMatrix {
  vocabulary: Vocabulary;
  size: number;
  rows: Int32Array;
  cols: Int32Array;
  values: Float32Array;
}

export interface CooccurrenceStats {
  /** In-vocabulary tokens counted. */
  tokens: number;
  /** Sorted runs spilled to disk (0: everything fit in memory). */
  spilledRuns: number;
  seconds: { vocabulary: number; count: number; merge: number };
}

export interface CountedCooccurrences extends CooccurrenceMatrix {
  stats: CooccurrenceStats;
}

/** Three arrays of `size` records: 12 bytes a record. */
export function allocateRecords(size: number): { rows: Int32Array; cols: Int32Array; values: Float32Array } {
  return { rows: new Int32Array(size), cols: new Int32Array(size), values: new Float32Array(size) };
}

/** Checks a matrix handed in by a caller: shapes, ids in range, values positive and finite. */
export function validateMatrix(matrix: CooccurrenceMatrix): void {
  const { size, rows, cols, values, vocabulary } = matrix;
  if (!Number.isInteger(size) || size < 0 || rows.length < size || cols.length < size || values.length < size) {
    throw new EmbedkitError('BAD_SHAPE', `a co-occurrence matrix of ${size} records needs rows, cols and values of that length`, {
      field: 'size',
    });
  }
  const v = vocabulary.size;
  for (let k = 0; k < size; k++) {
    const x = values[k];
    if (rows[k] < 0 || rows[k] >= v || cols[k] < 0 || cols[k] >= v) {
      throw new EmbedkitError('BAD_ID', `record ${k} has ids (${rows[k]}, ${cols[k]}) outside the vocabulary (size ${v})`, {
        field: `rows[${k}]`,
      });
    }
    if (!(x > 0) || !Number.isFinite(x)) {
      throw new EmbedkitError('BAD_VALUE', `record ${k} has co-occurrence ${x}; GloVe needs values > 0 (it fits log X)`, {
        field: `values[${k}]`,
      });
    }
  }
}
