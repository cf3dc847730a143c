import { EmbedkitError } from '../errors.js';

export interface HuffmanTree {
  /** V × maxCodeLength, row-major: the 0/1 branch taken at each inner node, from the root down. */
  codes: Uint8Array;
  /** V × maxCodeLength: the inner node visited at each step, ids 0..V-2, the root (V-2) first. */
  points: Int32Array;
  /** Per word: how many entries of its row are used. */
  lengths: Uint8Array;
  /** Row stride of `codes` and `points`: the longest code in this tree (at most the cap asked for). */
  maxCodeLength: number;
}

/**
 * The Huffman tree of hierarchical softmax, built exactly as word2vec's CreateBinaryTree. word2vec
 * requires counts sorted descending; here any order is accepted: words are visited by count descending
 * (ties by id), which is the identity for sorted input and so gives word2vec's codes bit for bit.
 */
export function huffman(counts: ArrayLike<number>, maxCodeLength = 40): HuffmanTree {
  const size = counts.length;
  if (!Number.isInteger(maxCodeLength) || maxCodeLength < 1 || maxCodeLength > 255) {
    throw new EmbedkitError('BAD_OPTION', `maxCodeLength must be an integer in 1..255, got ${maxCodeLength}`, {
      field: 'maxCodeLength',
    });
  }
  const order = sortedByCountDescending(counts);

  // Nodes 0..V-1 are the words in `order`, V..2V-2 the inner nodes in creation order. Two cursors
  // merge the two smallest each step: one walks the words upward from the rarest, the other the inner
  // nodes, which are created in non-decreasing count order.
  const nodeCount = new Float64Array(Math.max(2 * size - 1, 0));
  const parent = new Int32Array(nodeCount.length);
  const branch = new Uint8Array(nodeCount.length);
  for (let i = 0; i < size; i++) nodeCount[i] = counts[order[i]];
  let wordCursor = size - 1;
  let innerCursor = size;
  let made = 0;
  const takeSmallest = (): number => {
    if (wordCursor >= 0 && (innerCursor >= size + made || nodeCount[wordCursor] < nodeCount[innerCursor])) {
      return wordCursor--;
    }
    return innerCursor++;
  };
  while (made < size - 1) {
    const first = takeSmallest();
    const second = takeSmallest();
    const node = size + made;
    nodeCount[node] = nodeCount[first] + nodeCount[second];
    parent[first] = node;
    parent[second] = node;
    branch[second] = 1;
    made++;
  }

  const root = 2 * size - 2;
  const lengths = new Uint8Array(size);
  let longest = 0;
  for (let rank = 0; rank < size; rank++) {
    let length = 0;
    for (let node = rank; node !== root && size > 1; node = parent[node]) length++;
    if (length > maxCodeLength) {
      throw new EmbedkitError(
        'CODE_TOO_LONG',
        `a Huffman code of ${length} bits exceeds maxCodeLength ${maxCodeLength}; the counts are too skewed`,
        { field: 'maxCodeLength' },
      );
    }
    lengths[order[rank]] = length;
    longest = Math.max(longest, length);
  }

  const stride = Math.max(longest, 1);
  const codes = new Uint8Array(size * stride);
  const points = new Int32Array(size * stride);
  for (let rank = 0; rank < size; rank++) {
    const word = order[rank];
    const length = lengths[word];
    // Walking up gives the path leaf-first; it is stored root-first.
    let step = length - 1;
    for (let node = rank; step >= 0; node = parent[node], step--) {
      codes[word * stride + step] = branch[node];
      points[word * stride + step] = parent[node] - size;
    }
  }
  return { codes, points, lengths, maxCodeLength: stride };
}

function sortedByCountDescending(counts: ArrayLike<number>): Int32Array {
  const order = new Int32Array(counts.length);
  let sorted = true;
  for (let i = 0; i < counts.length; i++) {
    const count = counts[i];
    if (!(count >= 0) || !Number.isFinite(count)) {
      throw new EmbedkitError('BAD_COUNT', `count must be a finite number >= 0, got ${count}`, { field: `counts[${i}]` });
    }
    order[i] = i;
    if (i > 0 && count > counts[i - 1]) sorted = false;
  }
  if (!sorted) order.sort((a, b) => counts[b] - counts[a] || a - b);
  return order;
}
