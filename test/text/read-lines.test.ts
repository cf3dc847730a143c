import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readLines, readLinesNumbered } from '../../src/text/read-lines.js';
import { EmbedkitError } from '../../src/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'embedkit-read-lines-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

async function collect(files: string | string[]): Promise<string[]> {
  const lines: string[] = [];
  for await (const line of readLines(files)) lines.push(line);
  return lines;
}

test('plain text: LF, CRLF, empty lines, no final newline', async () => {
  const file = join(dir, 'plain.txt');
  writeFileSync(file, 'first\r\nsecond\n\nfourth\r\nlast without newline');
  assert.deepEqual(await collect(file), ['first', 'second', '', 'fourth', 'last without newline']);
});

test('a final newline adds no empty line; an empty file has no lines', async () => {
  const withNewline = join(dir, 'final.txt');
  writeFileSync(withNewline, 'a\nb\n');
  assert.deepEqual(await collect(withNewline), ['a', 'b']);
  const empty = join(dir, 'empty.txt');
  writeFileSync(empty, '');
  assert.deepEqual(await collect(empty), []);
});

test('gzip by extension, and by magic bytes under another name', async () => {
  const content = 'one\r\ntwo\nthree';
  const gz = join(dir, 'lines.txt.gz');
  writeFileSync(gz, gzipSync(content));
  assert.deepEqual(await collect(gz), ['one', 'two', 'three']);
  const disguised = join(dir, 'disguised.txt');
  writeFileSync(disguised, gzipSync(content));
  assert.deepEqual(await collect(disguised), ['one', 'two', 'three']);
});

test('several files are read one after another', async () => {
  const a = join(dir, 'a.txt');
  const b = join(dir, 'b.txt.gz');
  writeFileSync(a, 'a1\na2');
  writeFileSync(b, gzipSync('b1\n'));
  assert.deepEqual(await collect([a, b]), ['a1', 'a2', 'b1']);
});

test('a byte-order mark is dropped; numbering starts at 1', async () => {
  const file = join(dir, 'bom.txt');
  writeFileSync(file, '\ufeffhello\nworld\n');
  const numbered: Array<[number, string]> = [];
  for await (const { line, lineNumber } of readLinesNumbered(file)) numbered.push([lineNumber, line]);
  assert.deepEqual(numbered, [[1, 'hello'], [2, 'world']]);
});

test('multi-byte characters across chunk boundaries and a line longer than a chunk', async () => {
  // 3-byte characters; 1 MiB is not a multiple of 3, so chunk boundaries fall inside characters.
  const longLine = '猫'.repeat(800_000);
  const file = join(dir, 'long.txt');
  writeFileSync(file, `short\n${longLine}\r\nend`);
  const lines = await collect(file);
  assert.equal(lines.length, 3);
  assert.equal(lines[0], 'short');
  assert.equal(lines[1].length, longLine.length);
  assert.ok(lines[1] === longLine, 'the long line comes back intact');
  assert.equal(lines[2], 'end');
});

test('stopping early is allowed', async () => {
  const file = join(dir, 'many.txt');
  writeFileSync(file, 'x\n'.repeat(1000));
  let seen = 0;
  for await (const line of readLines(file)) {
    assert.equal(line, 'x');
    if (++seen === 3) break;
  }
  assert.equal(seen, 3);
});

test('a missing file throws EmbedkitError naming it', async () => {
  const missing = join(dir, 'no-such-file.txt');
  await assert.rejects(collect(missing), (error: unknown) => {
    return error instanceof EmbedkitError && error.code === 'FILE_NOT_FOUND' && error.message.includes('no-such-file.txt');
  });
});

test('corrupt gzip throws EmbedkitError naming the file', async () => {
  const file = join(dir, 'broken.gz');
  const good = gzipSync('line one\nline two\n'.repeat(100));
  writeFileSync(file, good.subarray(0, good.length - 12));
  await assert.rejects(collect(file), (error: unknown) => {
    return error instanceof EmbedkitError && error.code === 'BAD_GZIP' && error.place.file === file;
  });
});

test('a directory is not a file', async () => {
  await assert.rejects(collect(dir), EmbedkitError);
});
