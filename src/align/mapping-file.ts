import { promises as fs } from 'node:fs';
import { EmbedkitError } from '../errors.js';
import { writeFileAtomic } from '../io/atomic.js';

/**
 * A learned map from a source space to a target space: normalise a source vector (unit, minus
 * sourceMean, unit), multiply by W; target vectors get the same treatment with targetMean.
 * Means are zeros when the spaces were not centred.
 */
export interface AlignmentMapping {
  dim: number;
  /** d×d row-major, orthogonal; x ↦ x·W. */
  w: Float32Array;
  sourceMean: Float32Array;
  targetMean: Float32Array;
  /** Free-form provenance (source/target files, dictionary, refinement), kept in the header. */
  info: Record<string, unknown>;
}

const FORMAT = 'embedkit-alignment';
const VERSION = 1;

/**
 * File layout: one line of JSON (format, version, dim, info) then the float32 little-endian
 * values of W, sourceMean and targetMean. Text header for inspection with `head -1`, binary body
 * so the matrix round-trips exactly. Written atomically.
 */
export async function saveMapping(path: string, mapping: AlignmentMapping): Promise<void> {
  const { dim } = mapping;
  if (mapping.w.length !== dim * dim || mapping.sourceMean.length !== dim || mapping.targetMean.length !== dim) {
    throw new EmbedkitError('BAD_SHAPE', `a mapping of ${dim} dimensions needs a ${dim}×${dim} matrix and two means of ${dim}`, { file: path });
  }
  const header = Buffer.from(JSON.stringify({ format: FORMAT, version: VERSION, dim, info: mapping.info }) + '\n', 'utf8');
  const body = Buffer.alloc((dim * dim + 2 * dim) * 4);
  let offset = 0;
  for (const array of [mapping.w, mapping.sourceMean, mapping.targetMean]) {
    for (let i = 0; i < array.length; i++, offset += 4) body.writeFloatLE(array[i], offset);
  }
  await writeFileAtomic(path, Buffer.concat([header, body]));
}

export async function loadMapping(path: string): Promise<AlignmentMapping> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new EmbedkitError(code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'FILE_NOT_READABLE', code === 'ENOENT' ? 'no such file' : String(error), { file: path });
  }
  const newline = bytes.indexOf(10);
  if (newline < 0) throw new EmbedkitError('BAD_MAPPING', 'no header line: not an embedkit alignment file', { file: path, line: 1 });
  let header: { format?: unknown; version?: unknown; dim?: unknown; info?: unknown };
  try {
    header = JSON.parse(bytes.subarray(0, newline).toString('utf8'));
  } catch {
    throw new EmbedkitError('BAD_MAPPING', 'the header line is not JSON: not an embedkit alignment file', { file: path, line: 1 });
  }
  if (header.format !== FORMAT) {
    throw new EmbedkitError('BAD_MAPPING', `format is ${JSON.stringify(header.format)}, expected "${FORMAT}"`, { file: path, line: 1, field: 'format' });
  }
  if (header.version !== VERSION) {
    throw new EmbedkitError('BAD_MAPPING', `version ${JSON.stringify(header.version)} is not supported (only ${VERSION})`, { file: path, line: 1, field: 'version' });
  }
  const dim = header.dim;
  if (typeof dim !== 'number' || !Number.isInteger(dim) || dim < 1) {
    throw new EmbedkitError('BAD_MAPPING', `dim must be a positive integer, got ${JSON.stringify(dim)}`, { file: path, line: 1, field: 'dim' });
  }
  const expected = (dim * dim + 2 * dim) * 4;
  const bodyStart = newline + 1;
  if (bytes.length - bodyStart !== expected) {
    throw new EmbedkitError('BAD_MAPPING', `expected ${expected} bytes of float32 values after the header, found ${bytes.length - bodyStart}`, {
      file: path,
      byteOffset: bodyStart,
    });
  }
  const values = new Float32Array(dim * dim + 2 * dim);
  for (let i = 0; i < values.length; i++) values[i] = bytes.readFloatLE(bodyStart + i * 4);
  const info = header.info !== null && typeof header.info === 'object' ? (header.info as Record<string, unknown>) : {};
  return {
    dim,
    w: values.slice(0, dim * dim),
    sourceMean: values.slice(dim * dim, dim * dim + dim),
    targetMean: values.slice(dim * dim + dim),
    info,
  };
}
