import { promises as fs } from 'node:fs';
import { EmbedkitError } from '../errors.js';

/** Reads and parses a JSON file; a missing file or bad JSON throws EmbedkitError naming the file and place. */
export async function readJsonFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await fs.readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new EmbedkitError('FILE_NOT_FOUND', 'no such file', { file: path });
    if (code === 'EISDIR') throw new EmbedkitError('NOT_A_FILE', 'is a directory, not a file', { file: path });
    throw error;
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new EmbedkitError('BAD_JSON', `not valid JSON (${(error as Error).message})`, {
      file: path,
      ...placeOfJsonError(text, (error as Error).message),
    });
  }
}

/** V8 reports "... at position N" (a UTF-16 index); callers want a line and a byte offset. */
function placeOfJsonError(text: string, message: string): { line?: number; byteOffset?: number } {
  const found = /position (\d+)/.exec(message);
  if (found === null) return {};
  const position = Math.min(Number(found[1]), text.length);
  const before = text.slice(0, position);
  let line = 1;
  for (let i = before.indexOf('\n'); i !== -1; i = before.indexOf('\n', i + 1)) line++;
  return { line, byteOffset: Buffer.byteLength(before, 'utf8') };
}
