import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { EmbedkitError } from '../errors.js';
import { writeDirectoryAtomic } from '../io/atomic.js';
import { Sequential, type SequentialConfig } from './sequential.js';
import { decodeFloat32LE, encodeFloat32LE, type WeightEntry } from './weights-file.js';

export const MODEL_FORMAT = 'embedkit-sequential';
export const MODEL_FORMAT_VERSION = 1;
const MODEL_FILE = 'model.json';
const WEIGHTS_FILE = 'weights.bin';

/** What `model.json` holds. */
export interface SavedModelFile {
  format: typeof MODEL_FORMAT;
  formatVersion: number;
  model: SequentialConfig;
  /** Parameters in weights.bin, in order, concatenated as float32 little-endian. */
  weightsManifest: { paths: string[]; weights: WeightEntry[] };
  /** Whatever the caller saved alongside (vocabulary, tokenizer settings, labels…). */
  extra: Record<string, unknown>;
}

/**
 * Writes `dir/model.json` + `dir/weights.bin`. The directory is replaced atomically: readers see the
 * old model or the new one, never a mix. Optimizer state is not saved.
 */
export async function saveModel(model: Sequential, dir: string, extra: Record<string, unknown> = {}): Promise<void> {
  if (!model.built) throw new EmbedkitError('not_built', 'cannot save a model that was never built (no weights yet)');
  const params = model.parameters();
  const file: SavedModelFile = {
    format: MODEL_FORMAT,
    formatVersion: MODEL_FORMAT_VERSION,
    model: model.toConfig(),
    weightsManifest: { paths: [WEIGHTS_FILE], weights: params.map((p) => ({ name: p.name, shape: [...p.shape], dtype: 'float32' })) },
    extra,
  };
  const json = JSON.stringify(file);
  const weights = encodeFloat32LE(params.map((p) => p.value));
  await writeDirectoryAtomic(dir, async (tmp) => {
    await fs.writeFile(join(tmp, MODEL_FILE), json);
    await fs.writeFile(join(tmp, WEIGHTS_FILE), weights);
  });
}

export async function loadModel(dir: string): Promise<{ model: Sequential; extra: Record<string, unknown> }> {
  const modelPath = join(dir, MODEL_FILE);
  const weightsPath = join(dir, WEIGHTS_FILE);
  const parsed = await readJson(modelPath);
  const fail = (field: string, message: string): EmbedkitError => new EmbedkitError('bad_model', message, { file: modelPath, field });
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw fail('format', 'model.json is not a JSON object');
  const file = parsed as Partial<SavedModelFile>;
  if (file.format !== MODEL_FORMAT) throw fail('format', `not an embedkit model (format ${JSON.stringify(file.format)})`);
  if (file.formatVersion !== MODEL_FORMAT_VERSION) throw fail('formatVersion', `unsupported format version ${JSON.stringify(file.formatVersion)}`);
  if (typeof file.model !== 'object' || file.model === null) throw fail('model', 'missing model config');
  if (!Array.isArray(file.model.inputShape)) throw fail('model.inputShape', 'missing input shape');
  const manifest = file.weightsManifest?.weights;
  if (!Array.isArray(manifest)) throw fail('weightsManifest.weights', 'missing weights manifest');
  const extra = file.extra ?? {};
  if (typeof extra !== 'object' || extra === null || Array.isArray(extra)) throw fail('extra', 'extra must be an object');

  let model: Sequential;
  try {
    model = Sequential.fromConfig(file.model, 'model');
  } catch (error) {
    if (error instanceof EmbedkitError) throw withFile(error, modelPath);
    throw error;
  }
  const params = model.parameters();
  if (manifest.length !== params.length) throw fail('weightsManifest.weights', `lists ${manifest.length} weights, the model has ${params.length}`);
  manifest.forEach((entry, i) => {
    const expected = params[i];
    const field = `weightsManifest.weights[${i}]`;
    if (typeof entry !== 'object' || entry === null || entry.name !== expected.name) {
      throw fail(`${field}.name`, `expected weight ${expected.name}, found ${JSON.stringify(entry?.name)}`);
    }
    if (!Array.isArray(entry.shape) || entry.shape.join(',') !== expected.shape.join(',')) {
      throw fail(`${field}.shape`, `weight ${expected.name} has shape [${entry.shape}], the model needs [${expected.shape}]`);
    }
    if (entry.dtype !== 'float32') throw fail(`${field}.dtype`, `only float32 weights are supported, got ${JSON.stringify(entry.dtype)}`);
  });

  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(weightsPath);
  } catch (error) {
    throw new EmbedkitError('bad_model', `cannot read weights: ${(error as Error).message}`, { file: weightsPath });
  }
  const expectedBytes = params.reduce((n, p) => n + p.value.length * 4, 0);
  if (bytes.length !== expectedBytes) {
    throw new EmbedkitError('bad_model', `weights file has ${bytes.length} bytes, the manifest needs ${expectedBytes}`, {
      file: weightsPath,
      byteOffset: Math.min(bytes.length, expectedBytes),
    });
  }
  let offset = 0;
  const weights = params.map((p) => {
    const values = decodeFloat32LE(bytes, offset, p.value.length);
    offset += p.value.length * 4;
    return values;
  });
  model.setWeights(weights);
  return { model, extra: extra as Record<string, unknown> };
}

async function readJson(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await fs.readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file: not a saved model directory' : (error as Error).message;
    throw new EmbedkitError('bad_model', reason, { file: path });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new EmbedkitError('bad_model', `invalid JSON: ${(error as Error).message}`, { file: path });
  }
}

/** The same error, now also naming the file it came from. */
function withFile(error: EmbedkitError, file: string): EmbedkitError {
  const field = error.place.field;
  const prefix = field !== undefined ? `field "${field}": ` : '';
  const message = prefix && error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
  return new EmbedkitError(error.code, message, { ...error.place, file });
}

export { exportTfjs } from './tfjs-export.js';
