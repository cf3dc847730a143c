import { existsSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EmbedkitError } from '../src/errors.js';

/** The project root (dist/bench/… → root), so the default data folder resolves from anywhere. */
const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The folder of evaluation data: $EMBEDKIT_DATA, default ../shared/data beside the project root. */
export function dataRoot(): string {
  return process.env.EMBEDKIT_DATA ? resolve(process.env.EMBEDKIT_DATA) : resolve(projectRoot, '..', 'shared', 'data');
}

/** A file under the data folder; a clear error when it (or the folder) is missing. */
export function dataFile(...parts: string[]): string {
  const root = dataRoot();
  const path = join(root, ...parts);
  if (!existsSync(path)) {
    throw new EmbedkitError(
      'DATA_MISSING',
      `${join(...parts)} not found under the data folder ${root} (set EMBEDKIT_DATA to the folder holding the evaluation data)`,
    );
  }
  return path;
}
