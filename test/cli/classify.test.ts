import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { embedkit } from '../helpers/cli.js';
import { syntheticSentiment } from '../helpers/text-fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'embedkit-cli-classify-'));
const trainFile = join(dir, 'train.tsv');
const testFile = join(dir, 'test.tsv');
const model = join(dir, 'model');
const write = (file: string, data: { texts: string[]; labels: string[] }): void =>
  writeFileSync(file, data.texts.map((t, i) => `${data.labels[i]}\t${t}`).join('\n') + '\n');
write(trainFile, syntheticSentiment(400, 1));
write(testFile, syntheticSentiment(100, 2));

test('classify train → eval → predict, with --json', () => {
  const train = embedkit(['classify', 'train', trainFile, '--out', model, '--epochs', '15', '--lr', '0.01', '--json']);
  assert.equal(train.status, 0, train.stderr);
  const trained = JSON.parse(train.stdout);
  assert.deepEqual(trained.labels, ['neg', 'pos']);
  assert.ok(existsSync(join(model, 'model.json')));

  const evaluation = embedkit(['classify', 'eval', model, testFile, '--json']);
  assert.equal(evaluation.status, 0, evaluation.stderr);
  const report = JSON.parse(evaluation.stdout);
  assert.ok(report.accuracy > 0.95, `accuracy ${report.accuracy}`);
  assert.equal(typeof report.macroF1, 'number');
  assert.equal(report.confusion.labels.length, 2);

  const plain = embedkit(['classify', 'eval', model, testFile]);
  assert.match(plain.stdout, /accuracy\s+\d\.\d{4}/);
  assert.match(plain.stdout, /confusion matrix/);

  const predict = embedkit(['classify', 'predict', model, 'a wonderful film', 'an awful plot', '--json']);
  assert.equal(predict.status, 0, predict.stderr);
  const { predictions } = JSON.parse(predict.stdout);
  assert.deepEqual(predictions.map((p: { label: string }) => p.label), ['pos', 'neg']);
  assert.ok(predictions[0].probability > 0.5);
});

test('bad input exits non-zero with one line naming the problem, and never damages an existing model', () => {
  const before = readFileSync(join(model, 'model.json'), 'utf8');
  const bad = join(dir, 'bad.tsv');
  writeFileSync(bad, 'pos\tfine\nno tab on this line\n');
  const cases: [string[], RegExp][] = [
    [['classify', 'train', join(dir, 'missing.tsv'), '--out', model], /missing\.tsv: no such file/],
    [['classify', 'train', bad, '--out', model], /bad\.tsv, line 2: expected "label<TAB>text"/],
    [['classify', 'train', write1(join(dir, 'one.tsv'), 'pos\ta\npos\tb\n'), '--out', model], /need at least two classes/],
    [['classify', 'train', write1(join(dir, 'c.csv'), 'label,body\npos,a\n'), '--out', model], /no text column/],
    [['classify', 'train', write1(join(dir, 'empty.tsv'), ''), '--out', model], /no labelled examples/],
    [['classify', 'eval', join(dir, 'nope'), testFile], /nope/],
  ];
  for (const [args, message] of cases) {
    const result = embedkit(args);
    assert.notEqual(result.status, 0, args.join(' '));
    assert.match(result.stderr, message);
    assert.equal(result.stderr.trim().split('\n').length, 1, `one line: ${result.stderr}`);
    assert.doesNotMatch(result.stderr, /\n\s+at /);
  }
  assert.equal(readFileSync(join(model, 'model.json'), 'utf8'), before);
});

function write1(file: string, content: string): string {
  writeFileSync(file, content);
  return file;
}

test('classify train --vectors --freeze starts from pretrained vectors and keeps them fixed', () => {
  const vectorsFile = join(dir, 'pre.vec');
  const words = ['great', 'wonderful', 'excellent', 'loved', 'awful', 'boring', 'terrible', 'hated'];
  writeFileSync(vectorsFile, `${words.length} 4\n` + words.map((w, i) => `${w} ${i < 4 ? '1 0.5' : '-1 -0.5'} 0.${i} 0.25`).join('\n') + '\n');
  const out = join(dir, 'frozen');
  const result = embedkit(['classify', 'train', trainFile, '--out', out, '--vectors', vectorsFile, '--freeze', '--epochs', '5', '--json']);
  assert.equal(result.status, 0, result.stderr);
  const trained = JSON.parse(result.stdout);
  assert.equal(trained.pretrained.found, words.length);
  const config = JSON.parse(readFileSync(join(out, 'model.json'), 'utf8'));
  assert.match(JSON.stringify(config), /"trainable":false/);
  const noFreeze = embedkit(['classify', 'train', trainFile, '--out', join(dir, 'x'), '--freeze']);
  assert.notEqual(noFreeze.status, 0);
  assert.match(noFreeze.stderr, /--freeze needs --vectors/);
});
