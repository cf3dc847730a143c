/**
 * Load speed of the vector readers: writes a word2vec binary file of ≥ 100 MB (250k words × 100
 * dims) and the same vectors as word2vec text into the system temp folder, loads each, prints MB/s
 * next to a plain chunked read of the same file (the disk/page-cache ceiling), then deletes them.
 * MB/s is given per wall-clock second and per CPU second of this process: on a shared machine the
 * second is the steadier figure.
 * Run: node dist/bench/vectors-load.js [words] [dim]
 */
import { open, rm, stat } from 'node:fs/promises';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadVectors, saveVectors } from '../src/io/vectors-io.js';
import { KeyedVectors } from '../src/vectors/keyed-vectors.js';
import { Random } from '../src/util/random.js';

const words = Number(process.argv[2] ?? 250_000);
const dim = Number(process.argv[3] ?? 100);

function syntheticVectors(): KeyedVectors {
  const random = new Random(1);
  const vocabulary = Array.from({ length: words }, (_, i) => (i % 10 === 0 ? `wörd${i}` : `word${i}`));
  const vectors = new Float32Array(words * dim);
  for (let i = 0; i < vectors.length; i++) vectors[i] = random.normal() * 0.3;
  return new KeyedVectors(vocabulary, vectors, dim);
}

async function rawReadSeconds(path: string): Promise<number> {
  const started = performance.now();
  const handle = await open(path, 'r');
  const buffer = Buffer.allocUnsafe(8 * 1024 * 1024);
  let position = 0;
  for (;;) {
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
    if (bytesRead === 0) break;
    position += bytesRead;
  }
  await handle.close();
  return (performance.now() - started) / 1000;
}

async function measure(label: string, path: string, expected: KeyedVectors): Promise<void> {
  const bytes = (await stat(path)).size;
  const megabytes = bytes / 1e6;
  const raw = await rawReadSeconds(path);
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const { vectors } = await loadVectors(path);
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  if (vectors.size !== expected.size || vectors.vectors[vectors.vectors.length - 1] !== expected.vectors[expected.vectors.length - 1]) {
    throw new Error(`${label}: the loaded vectors differ from the written ones`);
  }
  console.log(
    `${label.padEnd(14)} ${megabytes.toFixed(1).padStart(7)} MB  load ${seconds.toFixed(2).padStart(6)} s  ` +
      `${(megabytes / seconds).toFixed(0).padStart(5)} MB/s  (CPU ${cpuSeconds.toFixed(2)} s, ${(megabytes / cpuSeconds).toFixed(0)} MB/s per CPU second)  ` +
      `plain read ${(megabytes / raw).toFixed(0)} MB/s`,
  );
}

const dir = mkdtempSync(join(tmpdir(), 'embedkit-bench-vectors-'));
try {
  console.log(`${words} words × ${dim} dims, files in ${dir}`);
  const kv = syntheticVectors();
  const binary = join(dir, 'vectors.bin');
  const text = join(dir, 'vectors.txt');
  let started = performance.now();
  await saveVectors(kv, binary);
  console.log(`write word2vec-bin  ${((performance.now() - started) / 1000).toFixed(2)} s`);
  started = performance.now();
  await saveVectors(kv, text);
  console.log(`write word2vec-text ${((performance.now() - started) / 1000).toFixed(2)} s`);
  await measure('word2vec-bin', binary, kv);
  await measure('word2vec-text', text, kv);
} finally {
  await rm(dir, { recursive: true, force: true });
}
