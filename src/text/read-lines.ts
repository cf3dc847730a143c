import { promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { pipeline, type Readable } from 'node:stream';
import { EmbedkitError } from '../errors.js';

export interface NumberedLine {
  line: string;
  /** 1-based, as editors and error messages count. */
  lineNumber: number;
}

const CHUNK_BYTES = 1 << 20;

/**
 * The lines of one file after another, streamed: plain text or gzip (by the `.gz` extension or by
 * gzip's magic bytes), any size. Line breaks are LF or CRLF; the last line needs no final newline;
 * a UTF-8 byte-order mark at the start of a file is dropped. Invalid UTF-8 becomes U+FFFD.
 */
export async function* readLines(files: string | string[]): AsyncIterable<string> {
  for (const file of typeof files === 'string' ? [files] : files) {
    for await (const { line } of readLinesNumbered(file)) yield line;
  }
}

export async function* readLinesNumbered(file: string): AsyncIterable<NumberedLine> {
  const handle = await openForReading(file);
  let stream: Readable;
  try {
    const gzip = file.endsWith('.gz') || (await startsWithGzipMagic(handle));
    const raw = handle.createReadStream({ start: 0, highWaterMark: CHUNK_BYTES, autoClose: true });
    if (gzip) {
      const gunzip = createGunzip({ chunkSize: CHUNK_BYTES });
      // pipeline forwards read errors to gunzip and closes the file when gunzip is destroyed early;
      // the error itself reaches the reader through gunzip's iterator.
      pipeline(raw, gunzip, () => {});
      stream = gunzip;
    } else {
      stream = raw;
    }
  } catch (error) {
    await handle.close();
    throw toEmbedkitError(error, file, 0);
  }
  yield* numberedLinesOf(stream, file);
}

/**
 * The numbered lines of any byte stream (stdin, a socket), with the same rules as readLines; `source`
 * names it in errors. The stream is destroyed when the reader stops.
 */
export async function* numberedLinesOf(stream: Readable, source: string): AsyncIterable<NumberedLine> {
  // A StringDecoder inside the stream keeps multi-byte characters split across chunks whole.
  stream.setEncoding('utf8');

  let lineNumber = 0;
  let pending = '';
  let atFileStart = true;
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      let text = pending === '' ? chunk : pending + chunk;
      if (atFileStart) {
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        atFileStart = text.length === 0;
      }
      let start = 0;
      let newline: number;
      // What was pending holds no newline, so the search starts at the new chunk: a very long line stays linear.
      let searchFrom = Math.max(0, text.length - chunk.length);
      while ((newline = text.indexOf('\n', searchFrom)) !== -1) {
        const end = newline > start && text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
        yield { line: text.slice(start, end), lineNumber: ++lineNumber };
        start = newline + 1;
        searchFrom = start;
      }
      pending = start === 0 ? text : text.slice(start);
    }
  } catch (error) {
    throw toEmbedkitError(error, source, lineNumber);
  } finally {
    stream.destroy();
  }
  if (pending !== '') {
    const line = pending.charCodeAt(pending.length - 1) === 13 ? pending.slice(0, -1) : pending;
    yield { line, lineNumber: lineNumber + 1 };
  }
}

async function openForReading(file: string): Promise<FileHandle> {
  try {
    return await fs.open(file, 'r');
  } catch (error) {
    throw toEmbedkitError(error, file, 0);
  }
}

async function startsWithGzipMagic(handle: FileHandle): Promise<boolean> {
  const head = Buffer.alloc(2);
  const { bytesRead } = await handle.read(head, 0, 2, 0);
  return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
}

function toEmbedkitError(error: unknown, file: string, linesRead: number): unknown {
  if (error instanceof EmbedkitError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return new EmbedkitError('FILE_NOT_FOUND', 'no such file', { file });
  if (code === 'EISDIR') return new EmbedkitError('NOT_A_FILE', 'is a directory, not a file', { file });
  if (code === 'EACCES') return new EmbedkitError('FILE_NOT_READABLE', 'permission denied', { file });
  if (typeof code === 'string' && code.startsWith('Z_')) {
    return new EmbedkitError('BAD_GZIP', `corrupt or truncated gzip data after ${linesRead} lines`, {
      file,
      line: linesRead + 1,
    });
  }
  return error;
}
