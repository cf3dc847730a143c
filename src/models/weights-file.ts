import { endianness } from 'node:os';

/** One parameter's place in a weights file. */
export interface WeightEntry {
  name: string;
  shape: number[];
  dtype: 'float32';
}

const LITTLE_ENDIAN_HOST = endianness() === 'LE';

/** Concatenates arrays as float32 little-endian bytes (the layout of tfjs' weights.bin). */
export function encodeFloat32LE(arrays: readonly Float32Array[]): Uint8Array {
  const total = arrays.reduce((n, a) => n + a.length, 0);
  const bytes = new Uint8Array(total * 4);
  let offset = 0;
  for (const array of arrays) {
    if (LITTLE_ENDIAN_HOST) {
      bytes.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), offset);
    } else {
      const view = new DataView(bytes.buffer, offset, array.byteLength);
      for (let i = 0; i < array.length; i++) view.setFloat32(i * 4, array[i], true);
    }
    offset += array.byteLength;
  }
  return bytes;
}

/** Reads `count` float32 LE values at `byteOffset`; copies, so any alignment of `bytes` works. */
export function decodeFloat32LE(bytes: Uint8Array, byteOffset: number, count: number): Float32Array {
  const out = new Float32Array(count);
  if (LITTLE_ENDIAN_HOST) {
    new Uint8Array(out.buffer).set(bytes.subarray(byteOffset, byteOffset + count * 4));
  } else {
    const view = new DataView(bytes.buffer, bytes.byteOffset + byteOffset, count * 4);
    for (let i = 0; i < count; i++) out[i] = view.getFloat32(i * 4, true);
  }
  return out;
}
