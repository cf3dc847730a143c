import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadMapping, saveMapping } from '../../src/align/mapping-file.js';
import { Random } from '../../src/util/random.js';
import { randomRows } from './fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'embedkit-align-map-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('a mapping saved and loaded comes back bit for bit, info included', async () => {
  const random = new Random(4);
  const dim = 5;
  const mapping = {
    dim,
    w: randomRows(dim, dim, random),
    sourceMean: randomRows(1, dim, random),
    targetMean: randomRows(1, dim, random),
    info: { source: 'zh.vec', refine: 2 },
  };
  const path = join(dir, 'map.bin');
  await saveMapping(path, mapping);
  const loaded = await loadMapping(path);
  assert.equal(loaded.dim, dim);
  assert.deepEqual(loaded.w, mapping.w);
  assert.deepEqual(loaded.sourceMean, mapping.sourceMean);
  assert.deepEqual(loaded.targetMean, mapping.targetMean);
  assert.deepEqual(loaded.info, mapping.info);
  assert.match(readFileSync(path).subarray(0, 40).toString('latin1'), /^\{"format":"embedkit-alignment"/);
});

test('a truncated or foreign mapping file is refused with its name', async () => {
  const path = join(dir, 'map2.bin');
  await saveMapping(path, { dim: 2, w: new Float32Array(4), sourceMean: new Float32Array(2), targetMean: new Float32Array(2), info: {} });
  const bytes = readFileSync(path);
  writeFileSync(path, bytes.subarray(0, bytes.length - 3));
  await assert.rejects(loadMapping(path), (error: Error & { code?: string }) => error.code === 'BAD_MAPPING' && error.message.includes(path));
  writeFileSync(path, 'hello\nworld');
  await assert.rejects(loadMapping(path), { code: 'BAD_MAPPING' } as object);
  await assert.rejects(loadMapping(join(dir, 'missing.bin')), { code: 'FILE_NOT_FOUND' } as object);
});
