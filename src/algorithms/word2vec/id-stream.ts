import { MAX_PAGES, PAGE_BYTES } from '../shared/memory-layout.js';
import { STREAM_OFFSET } from './layout.js';
import { createSharedMemory, type SharedWasmMemory } from '../shared/wasm-api.js';

/** End of a sentence in an id stream: windows never reach across it. */
export const SENTENCE_END = -1;

export interface StreamSize {
  /** Ids plus sentence ends. */
  length: number;
  words: number;
  sentences: number;
}

/**
 * Word ids in arrival order, sentences closed by SENTENCE_END, written straight into the shared
 * WebAssembly memory that training will use (from STREAM_OFFSET on), so the corpus is never held
 * twice. 4 bytes a token: 6.8M tokens are 27 MB, far cheaper than re-reading and re-tokenizing the
 * text every epoch. The memory grows by doubling while nothing else uses it yet.
 */
export class IdStreamBuilder {
  readonly memory: SharedWasmMemory;
  private view: Int32Array;
  private used = 0;
  private openSentence = 0;
  tokens = 0;
  sentences = 0;

  constructor(initialIds = 1 << 20) {
    const pages = Math.ceil((STREAM_OFFSET + 4 * initialIds) / PAGE_BYTES);
    this.memory = createSharedMemory(pages, MAX_PAGES);
    this.view = new Int32Array(this.memory.buffer, STREAM_OFFSET);
  }

  get length(): number {
    return this.used;
  }

  push(id: number): void {
    if (this.used === this.view.length) this.grow();
    this.view[this.used++] = id;
    this.openSentence++;
    this.tokens++;
  }

  /** Closes the current sentence; an empty one leaves no trace. */
  endSentence(): void {
    if (this.openSentence === 0) return;
    if (this.used === this.view.length) this.grow();
    this.view[this.used++] = SENTENCE_END;
    this.openSentence = 0;
    this.sentences++;
  }

  /**
   * Rewrites the ids in place through `finalId` (provisional id → final id, -1 drops the token),
   * removing emptied sentences; the stream only shrinks, so writing never overtakes reading.
   */
  remap(finalId: Int32Array | null): StreamSize {
    this.endSentence();
    const ids = this.view;
    let write = 0;
    let open = 0;
    let words = 0;
    let sentences = 0;
    for (let read = 0; read < this.used; read++) {
      const id = ids[read];
      if (id === SENTENCE_END) {
        if (open > 0) {
          ids[write++] = SENTENCE_END;
          sentences++;
          open = 0;
        }
        continue;
      }
      const mapped = finalId === null ? id : finalId[id];
      if (mapped < 0) continue;
      ids[write++] = mapped;
      open++;
      words++;
    }
    ids.fill(0, write, this.used);
    this.used = write;
    return { length: write, words, sentences };
  }

  /** The ids so far (a view: valid until the memory grows). */
  ids(): Int32Array {
    return new Int32Array(this.memory.buffer, STREAM_OFFSET, this.used);
  }

  private grow(): void {
    const currentPages = this.memory.buffer.byteLength / PAGE_BYTES;
    const morePages = Math.min(currentPages, MAX_PAGES - currentPages);
    if (morePages <= 0) throw new RangeError('the id stream outgrew the 4 GiB of WebAssembly memory');
    this.memory.grow(morePages);
    this.view = new Int32Array(this.memory.buffer, STREAM_OFFSET);
  }
}
