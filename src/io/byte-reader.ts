import { open, type FileHandle } from 'node:fs/promises';
import { constants } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { EmbedkitError } from '../errors.js';

const DEFAULT_CHUNK_BYTES = 8 * 1024 * 1024;
/**
 * The first read is this small: the format is told from the first lines, and a file then read
 * whole (readWhole) copies only these bytes into its own buffer, not a full chunk.
 */
const FIRST_WINDOW_BYTES = 64 * 1024;
/** The largest Buffer Node makes. */
const MAX_WHOLE_BYTES = constants.MAX_LENGTH;
const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;

/** Where the bytes come from: a file read by position, or a gunzip stream. */
interface ByteSource {
  read(target: Buffer, offset: number, length: number): Promise<number>;
  close(): Promise<void>;
}

/**
 * A sliding window over a file, read in big chunks. Parsers look at `bytes[position, end)`;
 * `ensure(n)` makes at least n bytes available (moving the unread tail to the front and reading
 * more), so a record never has to be assembled across chunks. Gzip files are read through zlib
 * transparently; offsets are then offsets in the uncompressed data.
 */
export class ByteReader {
  /** The window; valid bytes are [0, end). Re-read after ensure(): it may be replaced. */
  bytes: Buffer;
  /** bytes[0, end) as a Buffer, for native searches that must not see stale bytes past `end`. */
  view: Buffer;
  position = 0;
  end = 0;
  /** File offset of bytes[0]. */
  private windowStart = 0;
  private finished = false;
  readonly compressed: boolean;
  readonly fileBytes: number;
  /** Called after each read of an uncompressed file with (bytes read so far, file size). */
  onProgress?: (bytesRead: number, totalBytes: number) => void;

  private constructor(
    private readonly source: ByteSource,
    compressed: boolean,
    fileBytes: number,
    private readonly chunkBytes: number,
  ) {
    this.compressed = compressed;
    this.fileBytes = fileBytes;
    this.bytes = Buffer.allocUnsafe(Math.min(chunkBytes, FIRST_WINDOW_BYTES));
    this.view = this.bytes.subarray(0, 0);
  }

  static async open(path: string, chunkBytes = DEFAULT_CHUNK_BYTES): Promise<ByteReader> {
    const handle = await open(path, 'r');
    try {
      const { size } = await handle.stat();
      const magic = Buffer.alloc(2);
      const { bytesRead } = await handle.read(magic, 0, 2, 0);
      if (bytesRead === 2 && magic[0] === GZIP_MAGIC_0 && magic[1] === GZIP_MAGIC_1) {
        await handle.close();
        return new ByteReader(gunzipSource(path), true, size, Math.max(1, Math.floor(chunkBytes)));
      }
      return new ByteReader(fileSource(handle), false, size, Math.max(1, Math.floor(chunkBytes)));
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /** File offset of `bytes[index]`. */
  offsetOf(index: number): number {
    return this.windowStart + index;
  }

  /** Makes `count` unread bytes available if the file has them; returns how many are available. */
  async ensure(count: number): Promise<number> {
    while (this.end - this.position < count && !this.finished) {
      if (this.position > 0) {
        this.bytes.copy(this.bytes, 0, this.position, this.end);
        this.windowStart += this.position;
        this.end -= this.position;
        this.position = 0;
      }
      // After the small first read, full chunks.
      const firstWindow = this.bytes.length < this.chunkBytes && this.windowStart + this.end > 0;
      if (count > this.bytes.length || firstWindow) {
        const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, count, firstWindow ? this.chunkBytes : 0));
        this.bytes.copy(grown, 0, 0, this.end);
        this.bytes = grown;
      }
      const read = await this.source.read(this.bytes, this.end, this.bytes.length - this.end);
      if (read === 0) this.finished = true;
      this.end += read;
      this.view = this.bytes.subarray(0, this.end);
      if (this.onProgress && !this.compressed) this.onProgress(this.windowStart + this.end, this.fileBytes);
    }
    return this.end - this.position;
  }

  /**
   * Index in `bytes` of the first `byte` at or after `position`, reading more as needed; -1 when
   * the file ends first, -2 when more than `maxScan` bytes were searched (a corrupt file must not
   * make the window grow without bound). Indices are only valid until the next read.
   */
  async indexOfByte(byte: number, maxScan: number): Promise<number> {
    let scanned = 0;
    for (;;) {
      const found = this.view.indexOf(byte, this.position + scanned);
      if (found >= 0) return found - this.position > maxScan ? -2 : found;
      scanned = this.end - this.position;
      if (scanned > maxScan) return -2;
      if (!(await this.more())) return -1;
    }
  }

  /**
   * Reads the rest of an uncompressed file into one window sized to fit it, so that a parser may
   * reuse the window's memory for its result (nothing is read again, and `ensure` never moves the
   * window after this). False, changing nothing a parser relies on, for gzip data or a file that
   * grew since it was opened; the window then keeps sliding as before.
   */
  async readWhole(): Promise<boolean> {
    if (this.compressed) return false;
    if (this.finished) return true;
    const total = this.fileBytes - this.windowStart;
    if (total < this.end || total + 1 > MAX_WHOLE_BYTES) return false;
    // One byte more than the file should hold: reading it means the file grew.
    const whole = Buffer.allocUnsafeSlow(total + 1); // never a slice of the shared pool: it may become the vectors
    this.bytes.copy(whole, 0, 0, this.end);
    this.bytes = whole;
    for (;;) {
      const read = await this.source.read(whole, this.end, whole.length - this.end);
      this.end += read;
      if (read === 0 || this.end === whole.length) break;
    }
    this.view = whole.subarray(0, this.end);
    if (this.onProgress) this.onProgress(this.windowStart + this.end, this.fileBytes);
    this.finished = this.end < whole.length;
    return this.finished;
  }

  /** Reads more into the window, keeping the unread part; false at end of file. */
  async more(): Promise<boolean> {
    const before = this.end - this.position;
    return (await this.ensure(before + 1)) > before;
  }

  async close(): Promise<void> {
    await this.source.close();
  }
}

function fileSource(handle: FileHandle): ByteSource {
  let filePosition = 0;
  return {
    async read(target, offset, length) {
      const { bytesRead } = await handle.read(target, offset, length, filePosition);
      filePosition += bytesRead;
      return bytesRead;
    },
    close: () => handle.close(),
  };
}

function gunzipSource(path: string): ByteSource {
  const stream = createReadStream(path).pipe(createGunzip());
  const chunks = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let pending: Buffer | null = null;
  let done = false;
  return {
    async read(target, offset, length) {
      let written = 0;
      while (written < length) {
        if (pending === null || pending.length === 0) {
          if (done) break;
          let next: IteratorResult<Buffer>;
          try {
            next = await chunks.next();
          } catch (error) {
            throw new EmbedkitError('CORRUPT_GZIP', `cannot decompress: ${(error as Error).message}`, { file: path });
          }
          if (next.done) {
            done = true;
            break;
          }
          pending = next.value;
        }
        const take = Math.min(pending.length, length - written);
        pending.copy(target, offset + written, 0, take);
        pending = pending.subarray(take);
        written += take;
      }
      return written;
    },
    async close() {
      stream.destroy();
    },
  };
}
