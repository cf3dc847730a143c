import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nestedTexts } from '../../src/classify/nested-texts.js';

const split = (texts: string[]): string[][] => texts.map((t) => (t ? t.split(' ') : []));

test('a text inside a longer one is nested; equal texts, reorderings and partial overlaps are not', () => {
  const texts = split([
    'a charming and often affecting journey', // 0: container
    'often affecting', // 1: inside 0
    'charming and', // 2: inside 0
    'affecting often', // 3: same words, other order
    'a charming and often affecting journey', // 4: equal to 0, not a proper part
    'journey home', // 5: overlaps 0 by one token only
    'journey', // 6: inside 0 and 5
    '', // 7: empty
  ]);
  assert.deepEqual(Array.from(nestedTexts(texts)), [0, 1, 1, 0, 0, 0, 1, 0]);
});

test('texts longer than maxContainerLength are not searched, and the lookup budget stops the search', () => {
  const texts = split(['x y z w', 'y z']);
  assert.deepEqual(Array.from(nestedTexts(texts, { maxContainerLength: 3 })), [0, 0]);
  assert.deepEqual(Array.from(nestedTexts(texts, { maxContainerLength: 4 })), [0, 1]);
  assert.deepEqual(Array.from(nestedTexts(texts, { maxLookups: 0 })), [0, 0]);
});

test('agrees with a brute-force search on random texts over a small alphabet', () => {
  let seed = 12345;
  const next = (n: number): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) % n;
  };
  const texts = Array.from({ length: 300 }, () => Array.from({ length: 1 + next(7) }, () => 'abc'[next(3)]));
  const expected = texts.map((part, j) =>
    texts.some((text, i) => i !== j && text.length > part.length && ` ${text.join(' ')} `.includes(` ${part.join(' ')} `)) ? 1 : 0,
  );
  assert.deepEqual(Array.from(nestedTexts(texts)), expected);
  assert.ok(expected.some((e) => e === 1) && expected.some((e) => e === 0), 'both cases occur');
});
