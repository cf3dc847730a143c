// API latency of `embedkit serve`: GET /api/neighbours (k = 10) over a 100k × 100 store, 50 concurrent
// clients (autocannon), the server in its own process so load generation does not share its event loop.
//   node dist/bench/serve.js [--words 100000] [--dim 100] [--connections 50] [--seconds 10]
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { createServer } from '../src/server/app.js';
import { KeyedVectors } from '../src/vectors/keyed-vectors.js';
import { Random } from '../src/util/random.js';

interface Histogram {
  p50: number;
  p90: number;
  p99: number;
  average: number;
  max: number;
}
interface AutocannonResult {
  latency: Histogram;
  requests: { average: number; total: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  duration: number;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;
// autocannon ships no type declarations.
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const { values } = parseArgs({
  options: {
    server: { type: 'boolean', default: false },
    words: { type: 'string', default: '100000' },
    dim: { type: 'string', default: '100' },
    connections: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '10' },
  },
});
const words = Number(values.words);
const dim = Number(values.dim);

if (values.server) {
  // Child: build the random store, listen on a free port, report it to the parent.
  const random = new Random(42);
  const vectors = new Float32Array(words * dim);
  for (let i = 0; i < vectors.length; i++) vectors[i] = random.normal();
  const store = new KeyedVectors(Array.from({ length: words }, (_, i) => `w${i}`), vectors, dim);
  store.unitVectors();
  const app = await createServer({ vectors: store, assetsDir: null });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  process.send!({ url });
  process.on('message', () => void app.close().then(() => process.exit(0)));
} else {
  const child = fork(fileURLToPath(import.meta.url), ['--server', '--words', String(words), '--dim', String(dim)]);
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (message: { url: string }) => resolve(message.url));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  const random = new Random(7);
  const connections = Number(values.connections);
  const seconds = Number(values.seconds);
  console.log(`neighbours (k = 10) over ${words.toLocaleString('en')} × ${dim} random vectors, ${connections} connections, ${seconds} s`);
  // Warm-up: first requests JIT-compile the scoring loop.
  for (let i = 0; i < 20; i++) await fetch(`${url}/api/neighbours?word=w${i}&k=10`).then((r) => r.arrayBuffer());
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    // 50 clients queue behind one CPU-bound event loop: latency is queue depth × service time, so allow
    // more than autocannon's 10 s default before calling a request lost on a busy machine.
    timeout: 30,
    requests: [{ method: 'GET', setupRequest: (request: Record<string, unknown>) => ({ ...request, path: `/api/neighbours?word=w${random.int(words)}&k=10` }) }],
  });
  console.log(`requests    ${result.requests.total} (${result.requests.average.toFixed(1)}/s)`);
  console.log(`latency     p50 ${result.latency.p50} ms   p90 ${result.latency.p90} ms   p99 ${result.latency.p99} ms   max ${result.latency.max} ms`);
  console.log(`errors      ${result.errors}   timeouts ${result.timeouts}   non-2xx ${result.non2xx}`);
  // With n clients always waiting, p50 ≈ n × (time per query): this is the time per query.
  console.log(`service     ${((seconds * 1000) / Math.max(1, result.requests.total)).toFixed(1)} ms per query (one event loop)`);
  child.send('stop');
  if (result.errors + result.timeouts + result.non2xx > 0) process.exitCode = 1;
}
