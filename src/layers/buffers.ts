/**
 * A Float32Array that grows to the largest length asked for and hands out views of the exact length
 * needed. Batches of one size reuse the same view, so steady-state training allocates nothing; a
 * last, smaller batch costs one view object.
 */
export class ReusableFloat32 {
  private buffer = new Float32Array(0);
  private view = new Float32Array(0);

  get(length: number): Float32Array {
    if (this.view.length === length) return this.view;
    if (this.buffer.length < length) this.buffer = new Float32Array(length);
    this.view = this.buffer.subarray(0, length);
    return this.view;
  }
}

/** The same as ReusableFloat32 for masks. */
export class ReusableUint8 {
  private buffer = new Uint8Array(0);
  private view = new Uint8Array(0);

  get(length: number): Uint8Array {
    if (this.view.length === length) return this.view;
    if (this.buffer.length < length) this.buffer = new Uint8Array(length);
    this.view = this.buffer.subarray(0, length);
    return this.view;
  }
}

/** The same as ReusableFloat32 for indices. */
export class ReusableInt32 {
  private buffer = new Int32Array(0);
  private view = new Int32Array(0);

  get(length: number): Int32Array {
    if (this.view.length === length) return this.view;
    if (this.buffer.length < length) this.buffer = new Int32Array(length);
    this.view = this.buffer.subarray(0, length);
    return this.view;
  }
}

/** Product of the dimensions after the batch dimension, which must all be known. */
export function elementsPerExample(shape: readonly number[]): number {
  let n = 1;
  for (let i = 1; i < shape.length; i++) n *= shape[i];
  return n;
}
