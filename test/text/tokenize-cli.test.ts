import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const dir = mkdtempSync(join(tmpdir(), 'embedkit-tokenize-cli-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

const commandUrl = new URL('../../src/cli/commands/tokenize.js', import.meta.url).href;
const runUrl = new URL('../../src/cli/run.js', import.meta.url).href;
// Resolved here so that the child finds it whatever its working directory.
const commanderUrl = pathToFileURL(createRequire(import.meta.url).resolve('commander')).href;

/**
 * Runs `embedkit tokenize ...args` in a child process with only this command registered, through the
 * same CLI shell as bin/embedkit (so errors become one stderr line and an exit code).
 */
function run(args: string[], input = ''): { stdout: string; stderr: string; status: number | null } {
  const script = [
    `import { Command } from ${JSON.stringify(commanderUrl)};`,
    `import { registerTokenize } from ${JSON.stringify(commandUrl)};`,
    `import { runCli } from ${JSON.stringify(runUrl)};`,
    "const program = new Command('embedkit');",
    'registerTokenize(program);',
    "await runCli(program, ['node', 'embedkit', 'tokenize', ...JSON.parse(process.argv[1])]);",
  ].join('\n');
  return spawnSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(args)], {
    input,
    encoding: 'utf8',
  });
}

function stdoutOf(...args: string[]): string {
  const result = run(args);
  assert.equal(result.stderr, '');
  assert.equal(result.status, 0);
  return result.stdout;
}

test('one Chinese text: tokens joined by " / "', () => {
  const out = stdoutOf('猫是最爱的动物。');
  assert.match(out, /^猫 \/ 是 \/ .* \/ 动物\n$/);
});

test('--json with one text prints {tokens}', () => {
  assert.deepEqual(JSON.parse(stdoutOf('--json', "Don't stop!")), { tokens: ["don't", 'stop'] });
});

test('several texts: one line each, or {results} in JSON', () => {
  assert.equal(stdoutOf('Hello world', 'Second text'), 'hello / world\nsecond / text\n');
  assert.deepEqual(JSON.parse(stdoutOf('--json', 'A b', 'c')), {
    results: [
      { text: 'A b', tokens: ['a', 'b'] },
      { text: 'c', tokens: ['c'] },
    ],
  });
});

test('--no-lowercase, --keep-punctuation, --lang', () => {
  assert.equal(stdoutOf('--no-lowercase', '--keep-punctuation', 'Hi, Bob!'), 'Hi / , / Bob / !\n');
  assert.equal(stdoutOf('--lang', 'en', '北京'), '北 / 京\n');
});

test('--file reads every line, gzip too', () => {
  const file = join(dir, 'texts.txt.gz');
  writeFileSync(file, gzipSync('first line\r\n\nthird'));
  assert.equal(stdoutOf('--file', file), 'first / line\n\nthird\n');
  const json = JSON.parse(stdoutOf('--file', file, '--json'));
  assert.deepEqual(json.results.map((r: { text: string }) => r.text), ['first line', '', 'third']);
});

test('a missing --file: one line on stderr naming it, exit code 1', () => {
  const result = run(['--file', join(dir, 'absent.txt')]);
  assert.equal(result.status, 1);
  assert.equal(result.stdout, '');
  assert.match(result.stderr, /^embedkit: .*absent\.txt.*no such file\n$/);
});

test('no text and no --file: stdin lines', () => {
  const result = run([], 'One two\r\n我爱北京\n');
  assert.equal(result.stderr, '');
  assert.equal(result.stdout, 'one / two\n我 / 爱 / 北京\n');
});
