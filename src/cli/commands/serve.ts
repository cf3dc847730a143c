import { Command, InvalidArgumentError } from 'commander';
import { basename } from 'node:path';
import { TextClassifier } from '../../classify/text-classifier.js';
import { EmbedkitError } from '../../errors.js';
import { loadVectors } from '../../io/vectors-io.js';
import { createServer } from '../../server/app.js';
import { printJson, type CommonOptions } from '../output.js';

interface ServeOptions extends CommonOptions {
  classifier?: string;
  port: number;
  host: string;
  limit?: number;
}

/**
 * `embedkit serve <vectors> [--classifier dir] [--port 7000] [--host 127.0.0.1]`: the JSON API
 * (docs/server-api.md) and the projector page, until interrupted. Bound to 127.0.0.1 unless --host says
 * otherwise: the API has no authentication.
 *
 * JSON (once listening): {"url", "words", "dim", "classifier": labels | null}
 */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve a vectors file (and a classifier) over HTTP: JSON API + an interactive projector page')
    .argument('<vectors>', 'vector file')
    .option('--classifier <dir>', 'a text classifier saved by `classify train`: enables /api/predict')
    .option('--port <n>', 'port (0 = any free port)', port, 7000)
    .option('--host <address>', 'address to bind; other than 127.0.0.1 exposes the API to the network', '127.0.0.1')
    .option('--limit <n>', 'load only the first N words', positiveInteger)
    .option('--json', 'print one JSON object once listening')
    .action(async (file: string, options: ServeOptions) => {
      const vectors = (await loadVectors(file, { limit: options.limit })).vectors;
      const classifier = options.classifier === undefined ? null : await TextClassifier.load(options.classifier);
      const app = await createServer({ vectors, classifier, name: basename(file) });
      let url: string;
      try {
        url = await app.listen({ port: options.port, host: options.host });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new EmbedkitError('LISTEN_FAILED', `cannot listen on ${options.host}:${options.port}${code ? ` (${code})` : ''}`, { field: 'port' });
      }
      const stop = () => void app.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      if (options.json) {
        printJson({ url, words: vectors.size, dim: vectors.dim, classifier: classifier ? classifier.labels : null });
        return;
      }
      process.stdout.write(
        `serving ${vectors.size} words × ${vectors.dim} dimensions${classifier ? ` and a classifier (${classifier.labels.join(', ')})` : ''}\n` +
          `open ${url}/  (API: ${url}/api/info; Ctrl-C to stop)\n`,
      );
    });
}

function port(value: string): number {
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || parsed > 65535) throw new InvalidArgumentError('expected a port number from 0 to 65535');
  return parsed;
}

function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(parsed) || parsed < 1) throw new InvalidArgumentError('expected a positive integer');
  return parsed;
}
