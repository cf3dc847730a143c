import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import { EmbedkitError } from '../errors.js';
import type { TextClassifier } from '../classify/text-classifier.js';
import type { KeyedVectors, Neighbour } from '../vectors/keyed-vectors.js';
import { projectWords, selectWords } from '../viz/projection.js';
import { ApiError, badRequest, errorBody } from './api-error.js';
import { explainPrediction } from './explain.js';
import { PrefixIndex } from './prefix-index.js';
import { integerParam, MAX_K, oneOfParam, wordListParam, wordParam } from './request-params.js';

export interface ServerOptions {
  vectors: KeyedVectors;
  classifier?: TextClassifier | null;
  /** Folder of the page's files; default: the package's `web/`. null serves the API only. */
  assetsDir?: string | null;
  /** Largest accepted request body; default 64 KiB. */
  bodyLimit?: number;
  /** Most words one projection may hold; default 2000 (UMAP of more takes many seconds). */
  maxProjectedWords?: number;
  /** Name shown by /api/info (e.g. the vectors file's name). */
  name?: string;
}

const MAX_TEXT_LENGTH = 10_000;
const MAX_COMPLETIONS = 50;

/** The package's web/ folder: dist/src/server/app.js → ../../../web (or src/server/app.ts → ../../web). */
export function defaultAssetsDir(): string {
  for (const relative of ['../../../web/', '../../web/']) {
    const dir = fileURLToPath(new URL(relative, import.meta.url));
    if (existsSync(`${dir}index.html`)) return dir;
  }
  throw new EmbedkitError('MISSING_ASSETS', 'the web page files (web/index.html) are missing from the installation');
}

/**
 * The HTTP JSON API over a vectors store (and optionally a text classifier), plus the projector page.
 * Returned ready but not listening: call `listen` (the CLI binds 127.0.0.1 by default). The library
 * never logs; every error answers `{"error": {"code", "message"}}` with a 4xx status, and anything
 * unexpected a bare 500 without details.
 */
export async function createServer(options: ServerOptions): Promise<FastifyInstance> {
  const { vectors } = options;
  const classifier = options.classifier ?? null;
  const maxProjected = options.maxProjectedWords ?? 2000;
  const prefixes = new PrefixIndex(vectors.words);
  const app = Fastify({ logger: false, bodyLimit: options.bodyLimit ?? 64 * 1024 });

  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Content-Security-Policy', "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'");
    reply.header('Referrer-Policy', 'no-referrer');
    return payload;
  });
  app.setErrorHandler((error: FastifyError | ApiError | EmbedkitError, _request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof ApiError) return reply.status(error.statusCode).send(errorBody(error.code, error.message));
    if (error instanceof EmbedkitError) {
      const status = error.code === 'OOV' ? 404 : 400;
      return reply.status(status).send(errorBody(error.code === 'OOV' ? 'UNKNOWN_WORD' : error.code, error.message));
    }
    const status = (error as FastifyError).statusCode;
    if (status !== undefined && status >= 400 && status < 500) {
      const code = status === 413 ? 'BODY_TOO_LARGE' : status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'BAD_REQUEST';
      return reply.status(status).send(errorBody(code, error.message));
    }
    return reply.status(500).send(errorBody('INTERNAL', 'internal server error'));
  });
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send(errorBody('NOT_FOUND', `no such resource: ${request.method} ${request.url.slice(0, 200)}`));
  });

  const requireWord = (word: string): void => {
    if (!vectors.has(word)) throw new ApiError(404, 'UNKNOWN_WORD', `word "${word}" is not in the vocabulary`);
  };

  app.get('/api/info', async () => ({
    name: options.name ?? null,
    words: vectors.size,
    dim: vectors.dim,
    methods: ['pca', 'umap'],
    maxProjectedWords: maxProjected,
    classifier: classifier ? { labels: classifier.labels } : null,
  }));

  app.get('/api/neighbours', async (request) => {
    const query = request.query as Record<string, unknown>;
    const word = wordParam(query, 'word');
    const k = integerParam(query, 'k', 10, 1, MAX_K);
    requireWord(word);
    return { word, neighbours: vectors.similarByWord(word, k).map(rounded) };
  });

  app.get('/api/similarity', async (request) => {
    const query = request.query as Record<string, unknown>;
    const a = wordParam(query, 'a');
    const b = wordParam(query, 'b');
    requireWord(a);
    requireWord(b);
    return { a, b, similarity: round(vectors.similarity(a, b)) };
  });

  app.get('/api/analogy', async (request) => {
    const query = request.query as Record<string, unknown>;
    const [a, b, c] = [wordParam(query, 'a'), wordParam(query, 'b'), wordParam(query, 'c')];
    const k = integerParam(query, 'k', 10, 1, MAX_K);
    for (const word of [a, b, c]) requireWord(word);
    return { a, b, c, neighbours: vectors.mostSimilar({ positive: [b, c], negative: [a], topn: k }).map(rounded) };
  });

  app.get('/api/complete', async (request) => {
    const query = request.query as Record<string, unknown>;
    const prefix = wordParam(query, 'prefix');
    const limit = integerParam(query, 'limit', 10, 1, MAX_COMPLETIONS);
    return { prefix, words: prefixes.complete(prefix, limit) };
  });

  const project = (params: Record<string, unknown>) => {
    const words = wordListParam(params, 'words', maxProjected);
    const word = params.word === undefined || params.word === '' ? undefined : wordParam(params, 'word');
    const k = integerParam(params, 'k', 30, 1, Math.min(MAX_K, maxProjected));
    const top = params.top === undefined || params.top === '' ? undefined : integerParam(params, 'top', 100, 1, maxProjected);
    const method = oneOfParam(params, 'method', ['pca', 'umap'] as const, 'pca');
    const dims = integerParam(params, 'dims', 2, 2, 3) as 2 | 3;
    if (word !== undefined) requireWord(word);
    for (const w of words ?? []) requireWord(w);
    const chosen = selectWords(vectors, { words, neighboursOf: word, k, top: top ?? (word === undefined && !words ? 100 : undefined) });
    if (chosen.length > maxProjected) throw badRequest(`at most ${maxProjected} words can be projected, ${chosen.length} asked`);
    const projection = projectWords(vectors, chosen, { method, dims, seed: 1 });
    return {
      method,
      dims,
      explainedVarianceRatio: projection.explainedVarianceRatio?.map(round),
      points: chosen.map((w, i) => {
        const at = i * dims;
        const point: Record<string, string | number> = { word: w, x: round(projection.coordinates[at]), y: round(projection.coordinates[at + 1]) };
        if (dims === 3) point.z = round(projection.coordinates[at + 2]);
        return point;
      }),
    };
  };
  app.get('/api/project', async (request) => project(request.query as Record<string, unknown>));
  app.post('/api/project', async (request) => project(bodyObject(request.body)));

  app.post('/api/predict', async (request) => {
    if (classifier === null) throw new ApiError(404, 'NO_CLASSIFIER', 'this server was started without a classifier (--classifier <dir>)');
    const text = bodyObject(request.body).text;
    if (typeof text !== 'string') throw badRequest('"text" must be a string');
    if (text.length > MAX_TEXT_LENGTH) throw badRequest(`"text" is longer than ${MAX_TEXT_LENGTH} characters`);
    const explanation = explainPrediction(classifier, text);
    return {
      ...explanation,
      probability: round(explanation.probability),
      probabilities: explanation.probabilities.map(round),
      logits: explanation.logits.map(round),
      tokens: explanation.tokens.map((t) => ({ ...t, contribution: round(t.contribution) })),
    };
  });

  if (options.assetsDir !== null) {
    await app.register(fastifyStatic, {
      root: options.assetsDir ?? defaultAssetsDir(),
      index: ['index.html'],
      dotfiles: 'deny',
      wildcard: false,
    });
  }
  return app;
}

function bodyObject(body: unknown): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw badRequest('the body must be a JSON object');
  return body as Record<string, unknown>;
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

function rounded(neighbour: Neighbour): Neighbour {
  return { word: neighbour.word, similarity: round(neighbour.similarity) };
}
