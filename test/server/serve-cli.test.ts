import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saveVectors } from '../../src/io/vectors-io.js';
import { tinyStore } from './tiny-store.js';

const serveModule = new URL('../../src/cli/commands/serve.js', import.meta.url).href;
const runModule = new URL('../../src/cli/run.js', import.meta.url).href;

/** `embedkit serve …` as its own process (the command is registered on a bare program, as main.ts will). */
function serve(args: string[]) {
  const script =
    `import { Command } from 'commander'; import { registerServe } from ${JSON.stringify(serveModule)};` +
    `import { configureProgram, runCli } from ${JSON.stringify(runModule)};` +
    `const program = configureProgram(new Command('embedkit')); registerServe(program);` +
    `await runCli(program, ['node', 'embedkit', 'serve', ...${JSON.stringify(args)}]);`;
  return spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: new URL('../../..', import.meta.url), stdio: ['ignore', 'pipe', 'pipe'] });
}

test('serve --json prints its URL once listening on 127.0.0.1, answers, and stops on SIGTERM', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'embedkit-serve-'));
  try {
    const file = join(dir, 'tiny.txt');
    await saveVectors(tinyStore(), file);
    const child = serve([file, '--port', '0', '--json']);
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    while (!stdout.includes('\n')) await once(child.stdout, 'data');
    const started = JSON.parse(stdout.trim());
    assert.match(started.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.deepEqual({ words: started.words, dim: started.dim, classifier: started.classifier }, { words: 18, dim: 8, classifier: null });
    const neighbours = (await (await fetch(`${started.url}/api/neighbours?word=dog&k=1`)).json()) as { neighbours: unknown[] };
    assert.equal(neighbours.neighbours.length, 1);
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    assert.equal(code, 0);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('serve: a missing vectors file is one error line and exit code 1', async () => {
  const child = serve(['no-such-file.bin', '--port', '0']);
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const [code] = await once(child, 'exit');
  assert.equal(code, 1);
  assert.match(stderr, /^embedkit: .*no-such-file\.bin/);
  assert.equal(stderr.trim().split('\n').length, 1);
});
