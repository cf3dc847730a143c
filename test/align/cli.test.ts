import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saveVectors } from '../../src/io/vectors-io.js';
import { KeyedVectors } from '../../src/vectors/keyed-vectors.js';
import { Random } from '../../src/util/random.js';
import { multiply, randomOrthogonal, randomRows } from './fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'embedkit-align-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** The three commands on a fresh program, as main.ts will wire them, run in a child process. */
const driver = join(dir, 'driver.mjs');
const moduleUrl = (path: string) => JSON.stringify(new URL(path, import.meta.url).href);
writeFileSync(
  driver,
  `const { Command } = await import(${JSON.stringify(import.meta.resolve('commander'))});
const { configureProgram, runCli } = await import(${moduleUrl('../../src/cli/run.js')});
const { registerAlign } = await import(${moduleUrl('../../src/cli/commands/align.js')});
const { registerTranslate } = await import(${moduleUrl('../../src/cli/commands/translate.js')});
const { registerTrainBilingual } = await import(${moduleUrl('../../src/cli/commands/train-bilingual.js')});
const program = configureProgram(new Command('embedkit'));
registerAlign(program);
registerTranslate(program);
registerTrainBilingual(program.command('vectors'));
await runCli(program, process.argv);
`,
);

function cli(args: string[]) {
  const result = spawnSync(process.execPath, [driver, ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

// Chinese vectors = English vectors rotated (plus noise): a dictionary of half the words is enough.
const english = ['the', 'cat', 'dog', 'eats', 'fish', 'runs', 'red', 'big', 'house', 'tree', 'water', 'bird'];
const chinese = ['的', '猫', '狗', '吃', '鱼', '跑', '红', '大', '房子', '树', '水', '鸟'];
const dim = 12;
const random = new Random(17);
const enVectors = randomRows(english.length, dim, random);
const zhVectors = multiply(enVectors, english.length, dim, randomOrthogonal(dim, random));
for (let i = 0; i < zhVectors.length; i++) zhVectors[i] += 0.02 * random.normal();
const enFile = join(dir, 'en.vec');
const zhFile = join(dir, 'zh.vec');
const taggedFile = join(dir, 'bilingual.vec');
const dictionaryFile = join(dir, 'dict.tsv');
const mapFile = join(dir, 'zh-en.map');
await saveVectors(new KeyedVectors(english, enVectors, dim), enFile);
await saveVectors(new KeyedVectors(chinese, zhVectors, dim), zhFile);
const taggedVectors = new Float32Array(2 * english.length * dim);
taggedVectors.set(enVectors);
taggedVectors.set(enVectors, english.length * dim);
await saveVectors(new KeyedVectors([...english.map((w) => `en:${w}`), ...chinese.map((w) => `zh:${w}`)], taggedVectors, dim), taggedFile);
writeFileSync(dictionaryFile, chinese.slice(0, 12).map((zh, i) => `${zh}\t${english[i]}`).join('\n') + '\n');

test('align --json reports the pairs used and writes a mapping that translate uses, both ways', () => {
  const aligned = cli(['align', zhFile, enFile, '--dictionary', dictionaryFile, '--out', mapFile, '--refine', '1', '--json']);
  assert.equal(aligned.status, 0, aligned.stderr);
  const report = JSON.parse(aligned.stdout);
  assert.equal(report.pairsUsed, 12);
  assert.equal(report.dim, dim);
  assert.equal(report.refinement.length, 1);

  const forward = cli(['translate', '猫', '鸟', '鲸', '--vectors', zhFile, '--target-vectors', enFile, '--map', mapFile, '-k', '2', '--json']);
  assert.equal(forward.status, 0, forward.stderr);
  const results = JSON.parse(forward.stdout);
  assert.deepEqual(Object.keys(results[0]).sort(), ['translations', 'word']);
  assert.equal(results[0].word, '猫');
  assert.equal(results[0].translations.length, 2);
  assert.deepEqual(Object.keys(results[0].translations[0]).sort(), ['score', 'word']);
  assert.equal(results[0].translations[0].word, 'cat');
  assert.equal(results[1].translations[0].word, 'bird');
  assert.deepEqual(results[2], { word: '鲸', translations: [], oov: true });

  const backward = cli(['translate', 'dog', '--vectors', enFile, '--target-vectors', zhFile, '--map', mapFile, '--inverse', '--from', 'en', '--to', 'zh', '--csls', '--json']);
  assert.equal(backward.status, 0, backward.stderr);
  assert.equal(JSON.parse(backward.stdout)[0].translations[0].word, '狗');
});

test('translate on a tagged bilingual file takes and prints untagged words; traditional input is simplified', () => {
  const result = cli(['translate', '貓', '--vectors', taggedFile, '-k', '1', '--json']);
  assert.equal(result.status, 0, result.stderr);
  assert.deepEqual(JSON.parse(result.stdout), [{ word: '貓', translations: [{ word: 'cat', score: 1 }] }]);
  const text = cli(['translate', 'fish', '--vectors', taggedFile, '--from', 'en', '--to', 'zh', '-k', '1']);
  assert.equal(text.stdout, 'fish\t鱼 1.000\n');
});

test('translate --sentences prints the best candidate line of each sentence', () => {
  const sentences = join(dir, 'zh.txt');
  const candidates = join(dir, 'en.txt');
  writeFileSync(sentences, '猫吃鱼。\n狗跑\n鸟喝水\n');
  writeFileSync(candidates, 'The dog runs.\nThe bird ... water\nthe cat eats fish\n');
  const result = cli(['translate', '--sentences', sentences, '--candidates', candidates, '--vectors', taggedFile, '--weighting', 'mean', '--json']);
  assert.equal(result.status, 0, result.stderr);
  const matches = JSON.parse(result.stdout);
  assert.deepEqual(matches.map((m: { index: number; best: number }) => [m.index, m.best]), [[0, 2], [1, 0], [2, 1]]);
  assert.deepEqual(Object.keys(matches[0]).sort(), ['best', 'index', 'score']);
});

test('translate fails with one line for untagged vectors without --target-vectors', () => {
  const result = cli(['translate', '猫', '--vectors', zhFile]);
  assert.equal(result.status, 1);
  assert.equal(result.stderr.trim().split('\n').length, 1);
  assert.match(result.stderr, /tagged/);
});

test('vectors train-bilingual --json writes a tagged file', () => {
  const pairs = join(dir, 'pairs.tsv');
  const lines: string[] = [];
  for (let i = 0; i < 30; i++) lines.push('The cat eats fish.\t貓吃魚。\tCC-BY', 'The dog runs.\t狗在跑。\tCC-BY');
  writeFileSync(pairs, lines.join('\n') + '\n');
  const out = join(dir, 'trained.vec');
  const result = cli(['vectors', 'train-bilingual', pairs, '--out', out, '--dim', '8', '--epochs', '2', '--min-count', '1', '--json']);
  assert.equal(result.status, 0, result.stderr);
  const report = JSON.parse(result.stdout);
  assert.equal(report.out, out);
  assert.equal(report.dim, 8);
  assert.equal(report.words, report.zhWords + report.enWords);
  assert.ok(report.zhWords >= 4 && report.enWords >= 5);
  const translated = cli(['translate', '猫', '--vectors', out, '--json']);
  assert.equal(translated.status, 0, translated.stderr);
  assert.ok(JSON.parse(translated.stdout)[0].translations.every((t: { word: string }) => !t.word.includes(':')));
});
