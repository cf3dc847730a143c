import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ByteReader } from '../../src/io/byte-reader.js';

const dir = mkdtempSync(join(tmpdir(), 'embedkit-byte-reader-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function bytesOf(length: number, seed: number): Buffer {
  return Buffer.from(Array.from({ length }, (_, i) => (i * 31 + seed) & 0xff));
}

test('a whole-file read arrives chunk by chunk into one buffer, then reports the end', async () => {
  const file = join(dir, 'whole.bin');
  const content = bytesOf(1000, 1);
  writeFileSync(file, content);
  const reader = await ByteReader.open(file, 64);
  const progress: number[] = [];
  reader.onProgress = (read) => progress.push(read);
  assert.equal(await reader.ensure(10), 64, 'the first window');
  reader.position = 10;
  assert.ok(reader.startWholeRead());
  const buffer = reader.bytes;
  let arrivals = 0;
  while (await reader.arrived()) {
    arrivals++;
    assert.equal(reader.bytes, buffer, 'never another buffer');
    assert.ok(reader.end <= content.length);
  }
  assert.equal(arrivals, Math.ceil((1000 - 64) / 64));
  assert.deepEqual(reader.view, content);
  assert.equal(reader.position, 10);
  assert.equal(progress.at(-1), 1000);
  assert.ok(progress.every((read, i) => i === 0 || read > progress[i - 1]));
  assert.equal(await reader.ensure(10_000), 990, 'nothing more to read');
  assert.equal(await reader.arrived(), false);
  await reader.close();
});

test('a file that grows while read whole: the lent buffer keeps its bytes, reading goes on in a new window', async () => {
  const file = join(dir, 'growing.bin');
  const first = bytesOf(300, 2);
  const more = bytesOf(500, 3);
  writeFileSync(file, first);
  const reader = await ByteReader.open(file, 64);
  await reader.ensure(1);
  appendFileSync(file, more);
  assert.ok(reader.startWholeRead());
  const lent = reader.bytes;
  while (await reader.arrived());
  assert.equal(reader.end, 301, 'one byte more than the size at open tells that it grew');
  lent.fill(0xaa, 0, 250); // a parser writing its result behind its position
  const snapshot = Buffer.from(lent);
  reader.position = 250;
  assert.equal(await reader.ensure(400), 400);
  assert.deepEqual(lent, snapshot, 'the lent buffer is not moved within');
  assert.notEqual(reader.bytes.buffer, lent.buffer);
  const all = Buffer.concat([first, more]);
  assert.deepEqual(reader.bytes.subarray(reader.position, reader.position + 400), all.subarray(250, 650));
  assert.equal(reader.offsetOf(reader.position), 250);
  await reader.close();
});

test('gzip data is not read whole', async () => {
  const file = join(dir, 'data.gz');
  writeFileSync(file, gzipSync(bytesOf(5000, 4)));
  const reader = await ByteReader.open(file, 64);
  await reader.ensure(1);
  assert.equal(reader.startWholeRead(), false);
  assert.equal(await reader.arrived(), false);
  assert.equal(await reader.ensure(5000), 5000);
  assert.deepEqual(reader.bytes.subarray(reader.position, reader.position + 5000), bytesOf(5000, 4));
  await reader.close();
});
