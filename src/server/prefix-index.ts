/**
 * Prefix completion over a vocabulary: the words sorted once (by UTF-16 code units, which keeps every
 * prefix's matches contiguous), then two binary searches bound the matches; among them the most
 * frequent (lowest row: files are frequency-ordered) are returned first.
 */
export class PrefixIndex {
  private readonly sorted: Int32Array;

  constructor(private readonly words: readonly string[]) {
    this.sorted = Int32Array.from(words.keys()).sort((a, b) => (words[a] < words[b] ? -1 : words[a] > words[b] ? 1 : 0));
  }

  complete(prefix: string, limit: number): string[] {
    const start = this.lowerBound(prefix);
    const best: number[] = [];
    for (let i = start; i < this.sorted.length; i++) {
      const row = this.sorted[i];
      if (!this.words[row].startsWith(prefix)) break;
      if (best.length < limit) best.push(row);
      else if (row < best[best.length - 1]) best[best.length - 1] = row;
      else continue;
      best.sort((a, b) => a - b);
    }
    return best.map((row) => this.words[row]);
  }

  private lowerBound(prefix: string): number {
    let low = 0;
    let high = this.sorted.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.words[this.sorted[mid]] < prefix) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
