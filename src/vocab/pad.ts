import { EmbedkitError } from '../errors.js';

export interface PadOptions {
  /** Row length; default the longest sequence. */
  maxLen?: number;
  /** Where the fill goes in a short row. Default 'pre' (Keras' default). */
  padding?: 'pre' | 'post';
  /** Which end of a long sequence is cut. Default 'pre': the beginning, keeping the last maxLen ids. */
  truncating?: 'pre' | 'post';
  /** Fill value. Default 0. */
  value?: number;
}

export interface PaddedBatch {
  rows: number;
  cols: number;
  /** rows × cols, row-major. */
  data: Int32Array;
}

/** Keras' pad_sequences: equal-length rows from id sequences of any lengths. */
export function padSequences(seqs: ArrayLike<ArrayLike<number>>, options: PadOptions = {}): PaddedBatch {
  const padding = side(options.padding, 'padding');
  const truncating = side(options.truncating, 'truncating');
  const value = options.value ?? 0;
  if (!Number.isInteger(value) || value < -2147483648 || value > 2147483647) {
    throw new EmbedkitError('BAD_OPTION', `value must be a 32-bit integer, got ${value}`, { field: 'value' });
  }
  const rows = seqs.length;
  let cols = options.maxLen ?? -1;
  if (options.maxLen !== undefined && (!Number.isInteger(cols) || cols < 0)) {
    throw new EmbedkitError('BAD_OPTION', `maxLen must be an integer >= 0, got ${options.maxLen}`, { field: 'maxLen' });
  }
  if (cols < 0) {
    cols = 0;
    for (let r = 0; r < rows; r++) cols = Math.max(cols, seqs[r].length);
  }
  const data = new Int32Array(rows * cols);
  if (value !== 0) data.fill(value);
  for (let r = 0; r < rows; r++) {
    const seq = seqs[r];
    const kept = Math.min(seq.length, cols);
    const from = truncating === 'pre' ? seq.length - kept : 0;
    const to = r * cols + (padding === 'pre' ? cols - kept : 0);
    for (let i = 0; i < kept; i++) data[to + i] = seq[from + i];
  }
  return { rows, cols, data };
}

function side(value: unknown, field: string): 'pre' | 'post' {
  if (value === undefined) return 'pre';
  if (value === 'pre' || value === 'post') return value;
  throw new EmbedkitError('BAD_OPTION', `${field} must be 'pre' or 'post', got ${JSON.stringify(value)}`, { field });
}
