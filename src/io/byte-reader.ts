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
/**
 * Chunks of a whole-file read (at most): what is not overlapped is the first chunk's read and the
 * last one's parse, so smaller is better until the per-read cost shows (2 MiB measured no better).
 */
const WHOLE_READ_CHUNK_BYTES = 4 * 1024 * 1024;
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
  /**
   * The window is the whole-file buffer a parser may write into (startWholeRead): its bytes are
   * never moved or reused; needing more than it holds means a new window.
   */
  private lent = false;
  /** startWholeRead's next chunk, being read while the parser works on what arrived. */
  private chunkInFlight: Promise<number> | null = null;
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
      if (this.chunkInFlight !== null) {
        await this.arrived();
        continue;
      }
      if (this.lent) {
        // The file grew while read whole: the parser's buffer stays as it is; go on in a new window.
        this.lent = false;
        this.bytes = this.bytes.subarray(this.position, this.end);
        this.windowStart += this.position;
        this.end -= this.position;
        this.position = 0;
      }
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
   * Makes the window one buffer sized to hold the rest of an uncompressed file, and starts reading
   * into it chunk by chunk: a parser works on each chunk (`arrived()`) while the next is read, and
   * may reuse the buffer's memory for its result, behind its reading position: bytes are never
   * moved within it, nor read into it twice. False, changing nothing, for gzip data or a file too
   * large for one Buffer.
   */
  startWholeRead(): boolean {
    if (this.compressed || this.lent) return false;
    const total = this.fileBytes - this.windowStart;
    if (total < this.end || total + 1 > MAX_WHOLE_BYTES) return false;
    // One byte more than the file should hold: reading it means the file grew.
    const whole = Buffer.allocUnsafeSlow(total + 1); // never a slice of the shared pool: it may become the vectors
    this.bytes.copy(whole, 0, 0, this.end);
    this.bytes = whole;
    this.view = whole.subarray(0, this.end);
    this.lent = true;
    if (!this.finished) this.readNextChunk();
    return true;
  }

  /**
   * After startWholeRead: waits for the chunk being read, and starts reading the next; true when
   * bytes arrived (`end` moved), false when nothing more is coming into this window.
   */
  async arrived(): Promise<boolean> {
    if (this.chunkInFlight === null) return false;
    const read = await this.chunkInFlight;
    this.chunkInFlight = null;
    this.end += read;
    this.view = this.bytes.subarray(0, this.end);
    if (this.onProgress && read > 0) this.onProgress(this.windowStart + this.end, this.fileBytes);
    if (read === 0) this.finished = true;
    else if (this.end < this.bytes.length) this.readNextChunk();
    return read > 0;
  }

  private readNextChunk(): void {
    const chunk = Math.min(this.chunkBytes, WHOLE_READ_CHUNK_BYTES, this.bytes.length - this.end);
    this.chunkInFlight = this.source.read(this.bytes, this.end, chunk);
    // A failed read is reported by arrived(); until then it must not count as unhandled.
    this.chunkInFlight.catch(() => {});
  }

  /** Reads more into the window, keeping the unread part; false at end of file. */
  async more(): Promise<boolean> {
    const before = this.end - this.position;
    return (await this.ensure(before + 1)) > before;
  }

  async close(): Promise<void> {
    // A parser that failed may leave a chunk being read: let it land before the file closes.
    if (this.chunkInFlight !== null) await this.chunkInFlight.catch(() => 0);
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
