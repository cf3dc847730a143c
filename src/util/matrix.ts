/** A dense row-major matrix of 32-bit floats: the one matrix type of embedkit. */
export interface Matrix {
  rows: number;
  cols: number;
  data: Float32Array;
}

export function createMatrix(rows: number, cols: number, data?: Float32Array): Matrix {
  if (data && data.length !== rows * cols) {
    throw new RangeError(`matrix data has ${data.length} values, expected ${rows}×${cols}`);
  }
  return { rows, cols, data: data ?? new Float32Array(rows * cols) };
}

/** A view (no copy) of row `i`. */
export function row(m: Matrix, i: number): Float32Array {
  return m.data.subarray(i * m.cols, (i + 1) * m.cols);
}
