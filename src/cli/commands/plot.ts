import { Command, InvalidArgumentError, Option } from 'commander';
import { loadVectors } from '../../io/vectors-io.js';
import { kMeans } from '../../viz/kmeans.js';
import { writePlot } from '../../viz/plot-output.js';
import { PROJECTION_METHODS, projectWords, selectWords, unitRowsOf, type ProjectionMethod } from '../../viz/projection.js';
import { renderScatterSvg } from '../../viz/scatter-svg.js';
import { printJson, type CommonOptions } from '../output.js';

interface PlotOptions extends CommonOptions {
  words?: string[];
  neighboursOf?: string;
  k: number;
  top?: number;
  method: ProjectionMethod;
  clusters?: number;
  seed: number;
  limit?: number;
  out: string;
}

/**
 * `embedkit vectors plot <file> --out plot.svg|png|html`: a labelled 2-D map of some words (given words,
 * a word's neighbourhood, or the N most frequent), by PCA or UMAP of their unit vectors, optionally
 * coloured by k-means cluster.
 *
 * JSON: {"file", "out", "format", "method", "explainedVarianceRatio"? (PCA), "points": [{"word", "x", "y", "cluster"?}]}
 */
export function registerVectorsPlot(vectors: Command): void {
  vectors
    .command('plot')
    .description('plot words in 2-D (PCA or UMAP) as SVG, PNG or a self-contained HTML page')
    .argument('<file>', 'vector file')
    .option('--words <word...>', 'words to plot')
    .option('--neighbours-of <word>', 'plot this word and its nearest neighbours')
    .option('-k <n>', 'neighbours of --neighbours-of', positiveInteger, 20)
    .option('--top <n>', 'plot the first N words of the file (the most frequent); the default when nothing else is chosen', positiveInteger)
    .addOption(new Option('--method <method>', 'projection').choices(PROJECTION_METHODS).default('pca'))
    .option('--clusters <k>', 'colour points by k-means cluster (cosine)', positiveInteger)
    .option('--seed <n>', 'seed for UMAP and k-means', nonNegativeInteger, 1)
    .option('--limit <n>', 'read only the first N words of the file', positiveInteger)
    .requiredOption('--out <path>', 'output: .svg, .png or .html')
    .option('--json', 'print one JSON object')
    .action(async (file: string, options: PlotOptions) => {
      const kv = (await loadVectors(file, { limit: options.limit })).vectors;
      const words = selectWords(kv, { words: options.words, neighboursOf: options.neighboursOf, k: options.k, top: options.top });
      const projection = projectWords(kv, words, { method: options.method, dims: 2, seed: options.seed });
      let groups: Int32Array | undefined;
      if (options.clusters !== undefined) {
        groups = kMeans(unitRowsOf(kv, words), words.length, kv.dim, options.clusters, options.seed).assignments;
      }
      const title = options.neighboursOf !== undefined ? `Neighbours of ${options.neighboursOf} (${options.method.toUpperCase()})` : `${words.length} words (${options.method.toUpperCase()})`;
      const svg = renderScatterSvg(projection.coordinates, 2, words, {
        title,
        groups,
        emphasise: options.neighboursOf !== undefined ? [options.neighboursOf] : [],
      });
      const format = await writePlot(svg, options.out, title);
      if (options.json) {
        printJson({
          file,
          out: options.out,
          format,
          method: projection.method,
          explainedVarianceRatio: projection.explainedVarianceRatio?.map((r) => Math.round(r * 1e6) / 1e6),
          points: words.map((word, i) => ({
            word,
            x: Math.round(projection.coordinates[2 * i] * 1e6) / 1e6,
            y: Math.round(projection.coordinates[2 * i + 1] * 1e6) / 1e6,
            ...(groups ? { cluster: groups[i] } : {}),
          })),
        });
        return;
      }
      const variance = projection.explainedVarianceRatio
        ? ` (axes keep ${projection.explainedVarianceRatio.map((r) => `${(r * 100).toFixed(1)}%`).join(' + ')} of the variance)`
        : '';
      process.stdout.write(`wrote ${words.length} words as ${format} to ${options.out}${variance}\n`);
    });
}

function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(parsed) || parsed < 1) throw new InvalidArgumentError('expected a positive integer');
  return parsed;
}

function nonNegativeInteger(value: string): number {
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(parsed)) throw new InvalidArgumentError('expected a non-negative integer');
  return parsed;
}
