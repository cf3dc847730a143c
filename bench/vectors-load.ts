/**
 * Load speed of the vector readers: writes a word2vec binary file of ≥ 100 MB (250k words × 100
 * dims) and the same vectors as word2vec text into the system temp folder, loads each, prints MB/s
 * next to what merely reading the same file costs (the disk/page-cache ceiling): `cat file >
 * /dev/null`, a plain fs.readFileSync, and a chunked read like the loader's; then deletes them.
 * Every figure is the best of `rounds` (page cache warm after the first). MB/s is given per
 * wall-clock second and, for the loader, per CPU second of this process: on a shared machine the
 * second is the steadier figure. Then, so that no cost hides behind the load, load + the first
 * mostSimilar (which normalises every row) and load + `words` (every word made a string).
 * Run: node dist/bench/vectors-load.js [words] [dim] [rounds] [formats: bin,text (default both)]
 */
import { spawnSync } from 'node:child_process';
import { open, rm, stat } from 'node:fs/promises';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadVectors, saveVectors } from '../src/io/vectors-io.js';
import { KeyedVectors } from '../src/vectors/keyed-vectors.js';
import { Random } from '../src/util/random.js';

const words = Number(process.argv[2] ?? 250_000);
const dim = Number(process.argv[3] ?? 100);
const rounds = Number(process.argv[4] ?? 3);
const formats = (process.argv[5] ?? 'bin,text').split(',');

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

function catSeconds(path: string): number {
  const started = performance.now();
  const result = spawnSync('cat', [path], { stdio: 'ignore' });
  if (result.status !== 0) throw new Error(`cat ${path} failed`);
  return (performance.now() - started) / 1000;
}

function readFileSyncSeconds(path: string): number {
  const started = performance.now();
  readFileSync(path);
  return (performance.now() - started) / 1000;
}

async function best(seconds: () => number | Promise<number>): Promise<number> {
  let fastest = Infinity;
  for (let round = 0; round < rounds; round++) fastest = Math.min(fastest, await seconds());
  return fastest;
}

async function measure(label: string, path: string, expected: KeyedVectors): Promise<void> {
  const bytes = (await stat(path)).size;
  const megabytes = bytes / 1e6;
  const cat = await best(() => catSeconds(path));
  const whole = await best(() => readFileSyncSeconds(path));
  const chunked = await best(() => rawReadSeconds(path));
  let seconds = Infinity;
  let cpuSeconds = Infinity;
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const { vectors } = await loadVectors(path);
    const cpu = process.cpuUsage(cpuBefore);
    seconds = Math.min(seconds, (performance.now() - started) / 1000);
    cpuSeconds = Math.min(cpuSeconds, (cpu.user + cpu.system) / 1e6);
    if (vectors.size !== expected.size || vectors.vectors[vectors.vectors.length - 1] !== expected.vectors[expected.vectors.length - 1]) {
      throw new Error(`${label}: the loaded vectors differ from the written ones`);
    }
  }
  const rate = (s: number): string => `${(megabytes / s).toFixed(0)} MB/s`;
  console.log(
    `${label.padEnd(14)} ${megabytes.toFixed(1).padStart(7)} MB  load ${seconds.toFixed(2).padStart(6)} s  ${rate(seconds).padStart(10)}  ` +
      `(CPU ${cpuSeconds.toFixed(2)} s, ${rate(cpuSeconds)} per CPU second);  ` +
      `cat > /dev/null ${rate(cat)}, readFileSync ${rate(whole)}, chunked read ${rate(chunked)}`,
  );
  // What a caller pays before its first answer, so that no cost hides behind the load: the
  // first query normalises every row; asking for every word makes every string.
  const probe = expected.words[1];
  const wanted = expected.mostSimilar({ positive: probe, topn: 10 }).map((n) => n.word);
  const firstQuery = await best(async () => {
    const started = performance.now();
    const { vectors } = await loadVectors(path);
    const found = vectors.mostSimilar({ positive: probe, topn: 10 }).map((n) => n.word);
    const elapsed = (performance.now() - started) / 1000;
    if (found.join() !== wanted.join()) throw new Error(`${label}: the first query's answer differs from the written store's`);
    return elapsed;
  });
  const allWords = await best(async () => {
    const started = performance.now();
    const { vectors } = await loadVectors(path);
    const count = vectors.words.length;
    const elapsed = (performance.now() - started) / 1000;
    if (count !== expected.size || vectors.words[count - 1] !== expected.words[count - 1]) throw new Error(`${label}: the words differ`);
    return elapsed;
  });
  console.log(
    `${''.padEnd(14)} load + first mostSimilar ${firstQuery.toFixed(2)} s (${rate(firstQuery)}); ` + `load + every word as a string ${allWords.toFixed(2)} s (${rate(allWords)})`,
  );
}

const dir = mkdtempSync(join(tmpdir(), 'embedkit-bench-vectors-'));
try {
  console.log(`${words} words × ${dim} dims, best of ${rounds}, files in ${dir}`);
  const kv = syntheticVectors();
  const binary = join(dir, 'vectors.bin');
  const text = join(dir, 'vectors.txt');
  for (const [format, path] of [
    ['bin', binary],
    ['text', text],
  ]) {
    if (!formats.includes(format)) continue;
    const label = `word2vec-${format}`;
    const started = performance.now();
    await saveVectors(kv, path);
    console.log(`write ${label.padEnd(13)} ${((performance.now() - started) / 1000).toFixed(2)} s`);
    await measure(label, path, kv);
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
