import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { temporaryPathFor } from './atomic.js';

/**
 * Like writeFileAtomic, for output too big to hold in memory: `write` streams into a temporary
 * sibling file, which replaces `path` only once it is complete and closed.
 */
export async function writeStreamAtomic(path: string, write: (handle: FileHandle) => Promise<void>): Promise<void> {
  const tmp = temporaryPathFor(path);
  const handle = await open(tmp, 'w');
  try {
    await write(handle);
    await handle.close();
    await rename(tmp, path);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(tmp, { force: true });
    throw error;
  }
}
