import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { embedkit, type CliResult } from '../helpers/cli.js';
import { saveVectors } from '../../src/io/vectors-io.js';
import { KeyedVectors } from '../../src/vectors/keyed-vectors.js';
import { formatPrecision5 } from '../../src/cli/commands/vectors-eval.js';

const dir = mkdtempSync(join(tmpdir(), 'embedkit-cli-eval-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const vectorFile = join(dir, 'capitals.txt');
const analogyFile = join(dir, 'questions.txt');
const pairsFile = join(dir, 'pairs.tsv');

/**
 * The commands are registered on a `vectors` group of a fresh program, exactly as main.ts does it,
 * and run in a child process like the real CLI (which may not have them wired in yet).
 */
const driver = join(dir, 'driver.mjs');
const moduleUrl = (path: string) => JSON.stringify(new URL(path, import.meta.url).href);
writeFileSync(
  driver,
  `const { Command } = await import(${JSON.stringify(import.meta.resolve('commander'))});
const { configureProgram, runCli } = await import(${moduleUrl('../../src/cli/run.js')});
const { registerVectorsEval, registerVectorsGet } = await import(${moduleUrl('../../src/cli/commands/vectors-eval.js')});
const program = configureProgram(new Command('embedkit'));
const vectors = program.command('vectors');
registerVectorsEval(vectors);
registerVectorsGet(vectors);
await runCli(program, process.argv);
`,
);

function cli(args: string[], env: Record<string, string> = {}): CliResult {
  const result = spawnSync(process.execPath, [driver, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function json(args: string[]): unknown {
  const result = cli(args);
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout);
}

before(async () => {
  const capitals = new KeyedVectors(
    ['france', 'paris', 'germany', 'berlin', 'italy', 'rome'],
    Float32Array.of(1, 0, 1, 0, 0, 1, 1, 0, 1, 0, 0, 1, 0, 1, 0, 1, 1, 0, -1, 0, 0, 1, -1, 0.000123456),
    4,
  );
  await saveVectors(capitals, vectorFile);
  writeFileSync(analogyFile, ': capital\nfrance paris germany berlin\nfrance paris italy berlin\nspain madrid france paris\n: other\nparis france rome italy\n');
  writeFileSync(pairsFile, 'france\tgermany\t8\nparis\tberlin\t7\nfrance\trome\t1\nparis\tmadrid\t6\n');
});

test('eval --json: one object with the analogy and similarity results', () => {
  const result = json(['vectors', 'eval', vectorFile, '--analogies', analogyFile, '--similarity', pairsFile, '--similarity', pairsFile, '--json']) as {
    analogies: Record<string, unknown>[];
    similarity: Record<string, unknown>[];
  };
  assert.deepEqual(Object.keys(result), ['analogies', 'similarity']);
  assert.equal(result.analogies.length, 1);
  const [analogies] = result.analogies;
  for (const key of ['file', 'accuracy', 'seen', 'total', 'sections']) assert.ok(key in analogies, key);
  assert.deepEqual([analogies.file, analogies.method, analogies.correct, analogies.seen, analogies.total], [analogyFile, '3CosAdd', 2, 3, 4]);
  assert.deepEqual(analogies.sections, [
    { name: 'capital', accuracy: 0.5, correct: 1, seen: 2, total: 3 },
    { name: 'other', accuracy: 1, correct: 1, seen: 1, total: 1 },
  ]);
  assert.equal(result.similarity.length, 2, '--similarity repeats');
  const [pairs] = result.similarity;
  assert.deepEqual(Object.keys(pairs), ['file', 'spearman', 'pearson', 'pairs', 'oov', 'total']);
  assert.deepEqual([pairs.file, pairs.pairs, pairs.oov, pairs.total], [pairsFile, 3, 25, 4]);
  assert.equal(typeof pairs.spearman, 'number');
});

test('eval: options reach the evaluation (--cosmul, --restrict, --case-sensitive) and text output is a table', () => {
  const cosmul = json(['vectors', 'eval', vectorFile, '--analogies', analogyFile, '--cosmul', '--json']) as { analogies: { method: string }[]; similarity: unknown[] };
  assert.equal(cosmul.analogies[0].method, '3CosMul');
  assert.deepEqual(cosmul.similarity, []);
  const restricted = json(['vectors', 'eval', vectorFile, '--analogies', analogyFile, '--restrict', '4', '--json']) as { analogies: { seen: number }[] };
  assert.equal(restricted.analogies[0].seen, 1, 'italy and rome are outside the first 4 words');
  const text = cli(['vectors', 'eval', vectorFile, '--analogies', analogyFile, '--similarity', pairsFile]);
  assert.equal(text.status, 0, text.stderr);
  assert.match(text.stdout, /capital\s+50\.00%\s+1\/2/);
  assert.match(text.stdout, /overall\s+66\.67%\s+2\/3/);
  assert.match(text.stdout, /pairs\.tsv\s+-?\d\.\d{4}\s+-?\d\.\d{4}\s+3\/4\s+25\.0%/);
});

test('eval without test sets and without data is one clear error', () => {
  const result = cli(['vectors', 'eval', vectorFile], { EMBEDKIT_DATA: join(dir, 'no-data-here') });
  assert.equal(result.status, 1);
  assert.equal(result.stdout, '');
  assert.match(result.stderr, /^embedkit: .*EMBEDKIT_DATA.*\n$/);
  const badLine = join(dir, 'bad.txt');
  writeFileSync(badLine, ': s\nfrance paris\n');
  const bad = cli(['vectors', 'eval', vectorFile, '--analogies', badLine]);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /bad\.txt, line 2/);
});

test('get prints vectors as fastText print-word-vectors; unknown words are zeros with a note', () => {
  const text = cli(['vectors', 'get', vectorFile, 'rome', 'zebra', 'paris']);
  assert.equal(text.status, 0, text.stderr);
  assert.equal(text.stdout, 'rome 0 1 -1 0.00012346 \nzebra 0 0 0 0 \nparis 0 1 1 0 \n');
  assert.match(text.stderr, /"zebra"/);
  const parsed = json(['vectors', 'get', vectorFile, 'rome', 'zebra', '--json']);
  assert.deepEqual(parsed, [
    { word: 'rome', vector: [0, 1, -1, 0.000123456], oov: false },
    { word: 'zebra', vector: [0, 0, 0, 0], oov: true },
  ]);
});

test("formatPrecision5 writes what C++'s ostream writes at precision 5 (%.5g)", () => {
  const cases: [number, string][] = [
    [0.068811, '0.068811'],
    [-0.00044401, '-0.00044401'],
    [0.000012345678, '1.2346e-05'],
    [123456, '1.2346e+05'],
    [12345.6, '12346'],
    [1.5, '1.5'],
    [100, '100'],
    [0.1, '0.1'],
    [-2e-300, '-2e-300'],
    [0, '0'],
  ];
  for (const [value, expected] of cases) assert.equal(formatPrecision5(value), expected, String(value));
});

const vectorsHelp = embedkit(['vectors', '--help']).stdout;
const wired = /^\s+eval\b/m.test(vectorsHelp) && /^\s+get\b/m.test(vectorsHelp);

test('wired into the embedkit CLI', { skip: wired ? false : 'vectors eval is not registered in src/cli/commands/vectors.ts yet' }, () => {
  const result = embedkit(['vectors', 'get', vectorFile, 'paris', '--json']);
  assert.equal(result.status, 0, result.stderr);
  assert.deepEqual(JSON.parse(result.stdout), [{ word: 'paris', vector: [0, 1, 1, 0], oov: false }]);
  const evaluation = embedkit(['vectors', 'eval', vectorFile, '--analogies', analogyFile, '--json']);
  assert.equal(evaluation.status, 0, evaluation.stderr);
  assert.equal((JSON.parse(evaluation.stdout) as { analogies: { correct: number }[] }).analogies[0].correct, 2);
});
