import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readDataset } from '../../src/classify/dataset.js';
import { EmbedkitError } from '../../src/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'embedkit-dataset-'));
function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

test('reads TSV, plain and gzip, skipping blank lines and CRLF', async () => {
  const text = 'pos\tgood film\r\n\nneg\tbad, bad film\n';
  for (const path of [file('a.tsv', text), file('a.tsv.gz', gzipSync(text))]) {
    const data = await readDataset(path);
    assert.deepEqual(data.labels, ['pos', 'neg']);
    assert.deepEqual(data.texts, ['good film', 'bad, bad film']);
  }
});

test('reads CSV with a header, quoted fields and chosen columns', async () => {
  const path = file('b.csv', 'label,review\n1,"fine, ""really"" fine"\n0,"two\nlines"\n');
  const data = await readDataset(path);
  assert.deepEqual(data.labels, ['1', '0']);
  assert.deepEqual(data.texts, ['fine, "really" fine', 'two\nlines']);
  await assert.rejects(readDataset(path, { textColumn: 'body' }), (e: unknown) => {
    assert.ok(e instanceof EmbedkitError);
    assert.match(e.message, /b\.csv, line 1: no text column "body".*columns: label, review/);
    return true;
  });
});

test('reads JSONL and names the line of a malformed row', async () => {
  const good = file('c.jsonl', '{"text": "hi", "label": "greet"}\n{"text": "bye", "label": 2}\n');
  assert.deepEqual(await readDataset(good), { texts: ['hi', 'bye'], labels: ['greet', '2'] });
  const bad = file('d.jsonl', '{"text": "hi", "label": "x"}\n{"text": "oops"\n');
  await assert.rejects(readDataset(bad), /d\.jsonl, line 2: not valid JSON/);
  const noLabel = file('e.jsonl', '{"text": "hi"}\n');
  await assert.rejects(readDataset(noLabel), /e\.jsonl, line 1, field "label": missing label/);
});

test('a TSV row without a tab, an empty file and a missing file fail clearly', async () => {
  await assert.rejects(readDataset(file('f.tsv', 'pos\tok\nno tab here\n')), /f\.tsv, line 2: expected "label<TAB>text"/);
  await assert.rejects(readDataset(file('g.tsv', '\n\n')), /g\.tsv: no labelled examples/);
  await assert.rejects(readDataset(join(dir, 'missing.tsv')), /missing\.tsv: no such file/);
});
