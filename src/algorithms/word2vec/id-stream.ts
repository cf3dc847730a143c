/** End of a sentence in an id stream: windows never reach across it. */
export const SENTENCE_END = -1;

const CHUNK_IDS = 1 << 20;

export interface RemappedSize {
  /** Ids plus sentence ends. */
  length: number;
  words: number;
  sentences: number;
}

/**
 * Word ids in arrival order, sentences closed by SENTENCE_END, held in fixed 4 MiB chunks (never
 * copied to grow). The training corpus is kept this way, 4 bytes a token (6.8M tokens: 27 MB),
 * instead of re-reading and re-tokenizing the text every epoch, which would cost more than training.
 */
export class IdStreamBuilder {
  private readonly chunks: Int32Array[] = [];
  private current = new Int32Array(0);
  private used = 0;
  private openSentence = 0;
  tokens = 0;
  sentences = 0;

  push(id: number): void {
    if (this.used === this.current.length) this.newChunk();
    this.current[this.used++] = id;
    this.openSentence++;
    this.tokens++;
  }

  /** Closes the current sentence; an empty one leaves no trace. */
  endSentence(): void {
    if (this.openSentence === 0) return;
    if (this.used === this.current.length) this.newChunk();
    this.current[this.used++] = SENTENCE_END;
    this.openSentence = 0;
    this.sentences++;
  }

  /** The size of the stream once `finalId` (provisional id → final id, -1 to drop) is applied. */
  remappedSize(finalId: Int32Array | null): RemappedSize {
    this.endSentence();
    let length = 0;
    let words = 0;
    let sentences = 0;
    let open = 0;
    this.forEach((id) => {
      if (id === SENTENCE_END) {
        if (open > 0) {
          length++;
          sentences++;
          open = 0;
        }
      } else if (finalId === null || finalId[id] >= 0) {
        length++;
        words++;
        open++;
      }
    });
    return { length, words, sentences };
  }

  /** Writes the remapped stream (as measured by remappedSize) into `target`, dropping emptied sentences. */
  writeRemapped(finalId: Int32Array | null, target: Int32Array): void {
    this.endSentence();
    let write = 0;
    let open = 0;
    this.forEach((id) => {
      if (id === SENTENCE_END) {
        if (open > 0) {
          target[write++] = SENTENCE_END;
          open = 0;
        }
        return;
      }
      const mapped = finalId === null ? id : finalId[id];
      if (mapped < 0) return;
      target[write++] = mapped;
      open++;
    });
  }

  /** Drops the ids; the builder is empty afterwards. */
  release(): void {
    this.chunks.length = 0;
    this.current = new Int32Array(0);
    this.used = 0;
  }

  private forEach(visit: (id: number) => void): void {
    for (const chunk of this.chunks) {
      const length = chunk === this.current ? this.used : chunk.length;
      for (let i = 0; i < length; i++) visit(chunk[i]);
    }
  }

  private newChunk(): void {
    this.current = new Int32Array(CHUNK_IDS);
    this.chunks.push(this.current);
    this.used = 0;
  }
}
