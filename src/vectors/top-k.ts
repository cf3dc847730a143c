/**
 * The k best of n scores by a fixed-size min-heap: O(n log k) and no full sort, since queries
 * want 10 neighbours out of hundreds of thousands. NaN scores never qualify. Equal scores favour
 * the lower index so that results do not depend on heap order.
 */
export class TopK {
  private readonly heapScores: Float64Array;
  private readonly heapIndices: Int32Array;
  private size = 0;

  constructor(readonly capacity: number) {
    this.heapScores = new Float64Array(Math.max(capacity, 1));
    this.heapIndices = new Int32Array(Math.max(capacity, 1));
  }

  /** Offers scores[0, count) except the indices in `excluded` (a handful: the query words). */
  selectFrom(scores: Float64Array, count: number, excluded: Int32Array = EMPTY): this {
    this.size = 0;
    if (this.capacity === 0) return this;
    for (let i = 0; i < count; i++) {
      const score = scores[i];
      if (!(score === score)) continue;
      if (this.size === this.capacity && !ranksAbove(score, i, this.heapScores[0], this.heapIndices[0])) continue;
      if (excluded.length !== 0 && contains(excluded, i)) continue;
      if (this.size < this.capacity) this.push(score, i);
      else this.replaceWorst(score, i);
    }
    return this;
  }

  /** The selected indices, best first (drains the heap). */
  takeSortedIndices(): Int32Array {
    const result = new Int32Array(this.size);
    for (let out = this.size - 1; out >= 0; out--) {
      result[out] = this.heapIndices[0];
      const lastScore = this.heapScores[this.size - 1];
      const lastIndex = this.heapIndices[this.size - 1];
      this.size--;
      if (this.size > 0) this.siftDown(0, lastScore, lastIndex);
    }
    return result;
  }

  private push(score: number, index: number): void {
    let slot = this.size++;
    while (slot > 0) {
      const parent = (slot - 1) >> 1;
      if (!ranksAbove(this.heapScores[parent], this.heapIndices[parent], score, index)) break;
      this.heapScores[slot] = this.heapScores[parent];
      this.heapIndices[slot] = this.heapIndices[parent];
      slot = parent;
    }
    this.heapScores[slot] = score;
    this.heapIndices[slot] = index;
  }

  private replaceWorst(score: number, index: number): void {
    this.siftDown(0, score, index);
  }

  /** Places (score, index) at or below slot, keeping the worst entry at the root. */
  private siftDown(slot: number, score: number, index: number): void {
    const size = this.size;
    for (;;) {
      const left = 2 * slot + 1;
      if (left >= size) break;
      let worse = left;
      const right = left + 1;
      if (right < size && ranksAbove(this.heapScores[left], this.heapIndices[left], this.heapScores[right], this.heapIndices[right])) {
        worse = right;
      }
      if (!ranksAbove(score, index, this.heapScores[worse], this.heapIndices[worse])) break;
      this.heapScores[slot] = this.heapScores[worse];
      this.heapIndices[slot] = this.heapIndices[worse];
      slot = worse;
    }
    this.heapScores[slot] = score;
    this.heapIndices[slot] = index;
  }
}

const EMPTY = new Int32Array(0);

function ranksAbove(score: number, index: number, otherScore: number, otherIndex: number): boolean {
  return score > otherScore || (score === otherScore && index < otherIndex);
}

function contains(values: Int32Array, value: number): boolean {
  for (let i = 0; i < values.length; i++) if (values[i] === value) return true;
  return false;
}
