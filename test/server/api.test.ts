import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { createServer } from '../../src/server/app.js';
import { tinyStore } from './tiny-store.js';
import { tinyClassifier } from './tiny-classifier.js';

let app: FastifyInstance;
let bare: FastifyInstance;

before(async () => {
  app = await createServer({ vectors: tinyStore(), classifier: await tinyClassifier(), name: 'tiny' });
  bare = await createServer({ vectors: tinyStore(), assetsDir: null, bodyLimit: 1024 });
});
after(async () => {
  await app.close();
  await bare.close();
});

async function get(path: string, server = app) {
  const response = await server.inject({ method: 'GET', url: path });
  return { status: response.statusCode, body: response.json(), headers: response.headers };
}

async function post(path: string, payload: unknown, server = app) {
  const response = await server.inject({ method: 'POST', url: path, payload: payload as object });
  return { status: response.statusCode, body: response.json() };
}

function assertError(result: { status: number; body: { error?: { code: string; message: string } } }, status: number, code: string) {
  assert.equal(result.status, status, JSON.stringify(result.body));
  assert.equal(result.body.error?.code, code);
  assert.equal(typeof result.body.error?.message, 'string');
  assert.ok(!/\n\s+at /.test(result.body.error!.message), 'no stack trace');
}

test('info describes the store and the classifier', async () => {
  const { status, body } = await get('/api/info');
  assert.equal(status, 200);
  assert.deepEqual(body, { name: 'tiny', words: 18, dim: 8, methods: ['pca', 'umap'], maxProjectedWords: 2000, classifier: { labels: ['neg', 'pos'] } });
});

test('neighbours: sorted by cosine, k respected, Chinese words work', async () => {
  const { status, body } = await get('/api/neighbours?word=cat&k=3');
  assert.equal(status, 200);
  assert.equal(body.word, 'cat');
  assert.equal(body.neighbours.length, 3);
  assert.deepEqual(new Set(body.neighbours.map((n: { word: string }) => n.word)), new Set(['dog', '狗', '猫']));
  for (let i = 1; i < 3; i++) assert.ok(body.neighbours[i - 1].similarity >= body.neighbours[i].similarity);
  const chinese = await get(`/api/neighbours?word=${encodeURIComponent('苹果')}&k=2`);
  assert.equal(chinese.status, 200);
  assert.ok(chinese.body.neighbours.every((n: { word: string }) => ['apple', 'cherry', '香蕉', 'banana', 'lemon'].includes(n.word)));
  assert.equal((await get('/api/neighbours?word=cat')).body.neighbours.length, 10);
});

test('similarity, analogy and completion', async () => {
  const similarity = await get('/api/similarity?a=cat&b=dog');
  assert.equal(similarity.status, 200);
  assert.ok(similarity.body.similarity > 0.9 && similarity.body.similarity <= 1);
  assert.ok((await get('/api/similarity?a=cat&b=apple')).body.similarity < 0.3);
  const analogy = await get('/api/analogy?a=man&b=king&c=woman&k=3');
  assert.equal(analogy.status, 200);
  assert.ok(analogy.body.neighbours.slice(0, 2).some((n: { word: string }) => n.word === 'queen'));
  assert.ok(!analogy.body.neighbours.some((n: { word: string }) => ['man', 'king', 'woman'].includes(n.word)));
  assert.deepEqual((await get('/api/complete?prefix=pr')).body, { prefix: 'pr', words: ['prince', 'princess'] });
  assert.deepEqual((await get(`/api/complete?prefix=${encodeURIComponent('香')}`)).body.words, ['香蕉']);
  assert.deepEqual((await get('/api/complete?prefix=zz')).body.words, []);
  // Most frequent (earliest) first among many matches, limit respected.
  assert.deepEqual((await get('/api/complete?prefix=c&limit=1')).body.words, ['cat']);
});

test('project: a neighbourhood in 3-D by GET, chosen words by POST, PCA variance reported', async () => {
  const three = await get('/api/project?word=cat&k=4&dims=3');
  assert.equal(three.status, 200);
  assert.equal(three.body.points.length, 5);
  assert.equal(three.body.points[0].word, 'cat');
  assert.ok(three.body.points.every((p: { z: number }) => Number.isFinite(p.z)));
  assert.equal(three.body.explainedVarianceRatio.length, 3);
  const chosen = await post('/api/project', { words: ['cat', 'dog', 'apple', '香蕉', 'king'], method: 'umap', dims: 2 });
  assert.equal(chosen.status, 200);
  assert.deepEqual(chosen.body.points.map((p: { word: string }) => p.word), ['cat', 'dog', 'apple', '香蕉', 'king']);
  assert.equal(chosen.body.explainedVarianceRatio, undefined);
  const top = await post('/api/project', { top: 10 });
  assert.equal(top.body.points.length, 10);
  assertError(await post('/api/project', { words: ['cat', 'nope'] }), 404, 'UNKNOWN_WORD');
  assertError(await post('/api/project', { words: 'cat' }), 400, 'BAD_REQUEST');
  assertError(await post('/api/project', { top: 5, method: 'tsne' }), 400, 'BAD_REQUEST');
  assertError(await post('/api/project', { top: 5, dims: 4 }), 400, 'BAD_REQUEST');
});

test('predict: label, probability and per-word contributions; 404 without a classifier', async () => {
  const { status, body } = await post('/api/predict', { text: 'a great fun film' });
  assert.equal(status, 200);
  assert.equal(body.label, 'pos');
  assert.ok(body.probability > 0.5);
  assert.equal(body.method, 'linear');
  assert.deepEqual(body.tokens.map((t: { token: string }) => t.token), ['a', 'great', 'fun', 'film']);
  assert.ok(body.tokens[1].contribution > 0);
  assertError(await post('/api/predict', { text: 3 }), 400, 'BAD_REQUEST');
  assertError(await post('/api/predict', { text: 'x'.repeat(10_001) }), 400, 'BAD_REQUEST');
  assertError(await post('/api/predict', { text: 'great' }, bare), 404, 'NO_CLASSIFIER');
});

test('validation: missing, repeated, overlong or out-of-range parameters are 400 JSON errors; unknown words 404', async () => {
  assertError(await get('/api/neighbours'), 400, 'BAD_REQUEST');
  assertError(await get('/api/neighbours?word=cat&word=dog'), 400, 'BAD_REQUEST');
  assertError(await get(`/api/neighbours?word=${'a'.repeat(101)}`), 400, 'BAD_REQUEST');
  assert.equal((await get(`/api/neighbours?word=${encodeURIComponent('猫'.repeat(100))}`)).status, 404, '100 CJK characters is within the limit');
  assertError(await get('/api/neighbours?word=cat&k=1001'), 400, 'BAD_REQUEST');
  assertError(await get('/api/neighbours?word=cat&k=0'), 400, 'BAD_REQUEST');
  assertError(await get('/api/neighbours?word=cat&k=2.5'), 400, 'BAD_REQUEST');
  assertError(await get('/api/neighbours?word=nope'), 404, 'UNKNOWN_WORD');
  assertError(await get('/api/analogy?a=man&b=king&c=nope'), 404, 'UNKNOWN_WORD');
  assertError(await get('/api/similarity?a=cat'), 400, 'BAD_REQUEST');
  assertError(await get('/api/nothing'), 404, 'NOT_FOUND');
  const broken = await app.inject({ method: 'POST', url: '/api/project', payload: '{"words": [', headers: { 'content-type': 'application/json' } });
  assertError({ status: broken.statusCode, body: broken.json() }, 400, 'BAD_REQUEST');
  const huge = await bare.inject({ method: 'POST', url: '/api/project', payload: { words: Array(500).fill('cat') } });
  assertError({ status: huge.statusCode, body: huge.json() }, 413, 'BODY_TOO_LARGE');
});

test('static files: the page is served, nothing outside the assets folder is reachable', async () => {
  const page = await app.inject({ method: 'GET', url: '/' });
  assert.equal(page.statusCode, 200);
  assert.match(page.headers['content-type'] as string, /text\/html/);
  assert.ok(page.body.includes('embedkit projector'));
  assert.match(page.headers['content-security-policy'] as string, /default-src 'self'/);
  assert.equal((await app.inject({ method: 'GET', url: '/app.js' })).statusCode, 200);
  for (const path of [
    '/../package.json',
    '/%2e%2e/package.json',
    '/%2E%2E/%2E%2E/package.json',
    '/..%2fpackage.json',
    '/..%2f..%2fpackage.json',
    '/%2e%2e%2fpackage.json',
    '/....//package.json',
    '/..\\package.json',
    '/%5c..%5cpackage.json',
    '/web/../package.json',
    '/app.js/../../package.json',
    '/%00/etc/passwd',
    '/../../../../etc/passwd',
    '//etc/passwd',
    '/.git/config',
    '/package.json',
  ]) {
    const response = await app.inject({ method: 'GET', url: path });
    assert.ok(response.statusCode >= 400 && response.statusCode < 500, `${path} → ${response.statusCode}`);
    assert.ok(!response.body.includes('"name": "embedkit"') && !response.body.includes('root:'), `${path} leaked a file`);
    assert.equal(response.json().error.code.length > 0, true);
  }
  assert.equal((await bare.inject({ method: 'GET', url: '/' })).statusCode, 404);
});

test('over a real socket, raw traversal paths (no client-side normalisation) are refused too', async () => {
  const server = await createServer({ vectors: tinyStore() });
  const url = new URL(await server.listen({ port: 0, host: '127.0.0.1' }));
  try {
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/..%2f..%2fpackage.json', '/%2e%2e%2f%2e%2e%2fetc%2fpasswd', '/./../src/errors.ts']) {
      const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request({ host: url.hostname, port: url.port, path, method: 'GET' }, (res) => {
          let body = '';
          res.on('data', (chunk) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on('error', reject);
        req.end();
      });
      assert.ok(status >= 400 && status < 500, `${path} → ${status}`);
      assert.ok(body.startsWith('{"error":'), `${path}: ${body.slice(0, 80)}`);
    }
  } finally {
    await server.close();
  }
});
