import { promises as fs } from 'node:fs';
import { dirname, basename, join } from 'node:path';

/** A sibling temporary path, so the final rename stays on one file system. */
export function temporaryPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${Date.now().toString(36)}`);
}

/** Writes a file so that readers see either the old content or the new, never a partial one. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = temporaryPathFor(path);
  try {
    await fs.writeFile(tmp, data);
    await fs.rename(tmp, path);
  } catch (error) {
    await fs.rm(tmp, { force: true });
    throw error;
  }
}

/**
 * Fills a fresh temporary directory with `fill`, then swaps it in at `path`. A directory already at
 * `path` is replaced only once the new one is complete; if `fill` throws, it is left untouched.
 */
export async function writeDirectoryAtomic(path: string, fill: (dir: string) => Promise<void>): Promise<void> {
  const tmp = temporaryPathFor(path);
  await fs.mkdir(tmp, { recursive: true });
  try {
    await fill(tmp);
  } catch (error) {
    await fs.rm(tmp, { recursive: true, force: true });
    throw error;
  }
  const old = `${tmp}.old`;
  let hadOld = false;
  try {
    await fs.rename(path, old);
    hadOld = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      await fs.rm(tmp, { recursive: true, force: true });
      throw error;
    }
  }
  await fs.rename(tmp, path);
  if (hadOld) await fs.rm(old, { recursive: true, force: true });
}
