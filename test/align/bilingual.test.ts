import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mergePair, pseudoBilingualSentences, trainBilingual } from '../../src/align/bilingual.js';
import { LanguageTokenizer, toSimplified } from '../../src/align/language-text.js';
import { parseColumns, readSentencePairs } from '../../src/align/sentence-pairs.js';
import { Random } from '../../src/util/random.js';

const dir = mkdtempSync(join(tmpdir(), 'embedkit-bilingual-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('a merged pair holds every tagged token of both sides, in a seeded random order', () => {
  const zh = ['zh:我', 'zh:爱', 'zh:猫'];
  const en = ['en:i', 'en:love', 'en:cats'];
  const merged = mergePair(zh, en, new Random(1));
  assert.deepEqual(merged.slice().sort(), [...zh, ...en].sort());
  assert.deepEqual(mergePair(zh, en, new Random(1)), merged, 'same seed, same order');
  const rounds = [...pseudoBilingualSentences([[zh, en]], 4, 7)];
  assert.equal(rounds.length, 4);
  assert.ok(new Set(rounds.map((r) => r.join(' '))).size > 1, 'each round is shuffled afresh');
  assert.deepEqual([...pseudoBilingualSentences([[zh, en]], 4, 7)], rounds);
});

test('Chinese text is simplified and segmented, then tagged; English lower-cased and tagged', () => {
  assert.equal(toSimplified('我能很輕鬆地讀西班牙文。'), '我能很轻松地读西班牙文。');
  assert.deepEqual(new LanguageTokenizer('zh').tokenizeTagged('貓在吃魚。'), ['zh:猫', 'zh:在', 'zh:吃', 'zh:鱼']);
  assert.deepEqual(new LanguageTokenizer('en').tokenizeTagged('I love Cats!'), ['en:i', 'en:love', 'en:cats']);
});

test('sentence pairs are read by column, and a short line is reported with its number', async () => {
  const file = join(dir, 'pairs.tsv');
  writeFileSync(file, 'I love cats.\t我爱猫。\tCC-BY\n\nDogs run.\t狗跑。\tCC-BY\n');
  const pairs = await readSentencePairs(file);
  assert.deepEqual(pairs.map((p) => [p.english, p.chinese, p.line]), [['I love cats.', '我爱猫。', 1], ['Dogs run.', '狗跑。', 3]]);
  const swapped = join(dir, 'swapped.tsv');
  writeFileSync(swapped, '我爱猫。\tI love cats.\n');
  assert.equal((await readSentencePairs(swapped, parseColumns('1,0')))[0].english, 'I love cats.');
  writeFileSync(swapped, 'only one field\n');
  await assert.rejects(readSentencePairs(swapped), (e: Error & { code?: string }) => e.code === 'BAD_PAIR' && e.message.includes('line 1'));
  assert.throws(() => parseColumns('0,0'), { code: 'BAD_OPTION' } as object);
});

test('trainBilingual puts translations of a tiny parallel corpus close together', async () => {
  // Two topics that never share a sentence: cat/fish and car/road.
  const lines: string[] = [];
  for (let i = 0; i < 60; i++) {
    lines.push('the cat eats fish\t猫吃鱼');
    lines.push('the car drives on the road\t汽车在路上开');
  }
  const file = join(dir, 'tiny.tsv');
  writeFileSync(file, lines.join('\n') + '\n');
  const mono = join(dir, 'mono-en.txt');
  writeFileSync(mono, 'the cat eats fish\n'.repeat(20));
  const { vectors } = await trainBilingual(file, { monoTgt: mono, dim: 16, epochs: 20, repeat: 3, minCount: 1, seed: 3, threads: 1, sample: 0 });
  assert.ok(vectors.has('zh:猫') && vectors.has('en:cat'));
  assert.ok(vectors.similarity('zh:猫', 'en:cat') > vectors.similarity('zh:猫', 'en:car'));
  assert.ok(vectors.similarity('zh:汽车', 'en:road') > vectors.similarity('zh:汽车', 'en:fish'));
});
