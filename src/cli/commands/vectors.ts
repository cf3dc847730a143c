import { Command, InvalidArgumentError, Option } from 'commander';
import cliProgress from 'cli-progress';
import { EmbedkitError } from '../../errors.js';
import { describeVectorFile, loadVectors, saveVectors, VECTOR_FORMATS, type VectorFormat } from '../../io/vectors-io.js';
import type { KeyedVectors, Neighbour } from '../../vectors/keyed-vectors.js';
import { printJson, wantsProgress, type CommonOptions } from '../output.js';
import { registerVectorsTrain } from './vectors-train.js';
import { registerVectorsPlot } from './plot.js';
import { registerTrainBilingual } from './train-bilingual.js';
import { registerVectorsEval, registerVectorsGet } from './vectors-eval.js';

interface LoadOptions extends CommonOptions {
  limit?: number;
  from?: VectorFormat;
  unicodeErrors?: 'strict' | 'replace';
}

interface QueryOptions extends LoadOptions {
  topn: number;
}

/**
 * `embedkit vectors …`: query and convert pretrained word vectors (word2vec binary/text, fastText
 * .vec, GloVe; gzip read transparently).
 *
 * JSON shapes:
 *   similar, one word:   {"word": w, "neighbours": [{"word", "similarity"}…]}; several words: an array of those.
 *   analogy:             {"word": "a:b::c:?", "query": {"a","b","c"}, "method": "3CosAdd"|"3CosMul", "neighbours": […]}
 *                        ("a is to b as c is to ?": positive [b, c], negative [a]; with 3CosMul the
 *                        "similarity" field holds the 3CosMul score, which can exceed 1).
 *   Similarities are rounded to 6 decimals.
 *   info:                {"file", "format", "words", "dim", "fileBytes", "compressed"}
 *   convert:             {"input", "output", "inputFormat", "format", "words", "dim", "duplicates"}
 */
export function registerVectors(program: Command): void {
  const vectors = program.command('vectors').description('query, inspect and convert word vector files');

  withLoadOptions(
    vectors
      .command('similar')
      .description('nearest neighbours of each word by cosine similarity')
      .argument('<file>', 'vector file')
      .argument('<word...>', 'words to look up'),
  )
    .addOption(topnOption())
    .action(async (file: string, words: string[], options: QueryOptions) => {
      const kv = await loadForCli(file, options);
      const results = words.map((word) => {
        requireWord(kv, word, file, options);
        return { word, neighbours: kv.mostSimilar({ positive: [word], topn: options.topn }).map(rounded) };
      });
      if (options.json) {
        printJson(results.length === 1 ? results[0] : results);
        return;
      }
      process.stdout.write(results.map((result) => formatNeighbours(result.word, result.neighbours)).join('\n'));
    });

  withLoadOptions(
    vectors
      .command('analogy')
      .description('a is to b as c is to ?  (positive b, c; negative a)')
      .argument('<file>', 'vector file')
      .argument('<a>', 'a word (negative term)')
      .argument('<b>', 'what a relates to (positive term)')
      .argument('<c>', 'the word to relate the same way (positive term)'),
  )
    .addOption(topnOption())
    .option('--cosmul', 'use 3CosMul (Levy & Goldberg; scores are ratios, not cosines) instead of 3CosAdd', false)
    .action(async (file: string, a: string, b: string, c: string, options: QueryOptions & { cosmul: boolean }) => {
      const kv = await loadForCli(file, options);
      for (const word of [a, b, c]) requireWord(kv, word, file, options);
      const query = { positive: [b, c], negative: [a], topn: options.topn };
      const neighbours = (options.cosmul ? kv.mostSimilarCosmul(query) : kv.mostSimilar(query)).map(rounded);
      const label = `${a}:${b}::${c}:?`;
      if (options.json) {
        printJson({ word: label, query: { a, b, c }, method: options.cosmul ? '3CosMul' : '3CosAdd', neighbours });
        return;
      }
      process.stdout.write(formatNeighbours(`${a} is to ${b} as ${c} is to ?`, neighbours));
    });

  vectors
    .command('info')
    .description('format, word count and dimension of a vector file (from its header)')
    .argument('<file>', 'vector file')
    .addOption(fromOption())
    .option('--json', 'print one JSON object')
    .action(async (file: string, options: LoadOptions) => {
      const info = await describeVectorFile(file, { format: options.from });
      const result = { file, format: info.format, words: info.words, dim: info.dim, fileBytes: info.fileBytes, compressed: info.compressed };
      if (options.json) {
        printJson(result);
        return;
      }
      process.stdout.write(
        `file        ${file}\nformat      ${info.format}${info.compressed ? ' (gzip)' : ''}\nwords       ${info.words}\n` +
          `dimensions  ${info.dim}\nsize        ${formatBytes(info.fileBytes)}\n`,
      );
    });

  withLoadOptions(
    vectors
      .command('convert')
      .description('convert between word2vec binary, word2vec text and GloVe (input format detected)')
      .argument('<in>', 'input vector file')
      .argument('<out>', 'output file'),
  )
    .addOption(new Option('--to <format>', 'output format (default: from the extension: .bin, .txt, .vec)').choices(VECTOR_FORMATS))
    .action(async (input: string, output: string, options: LoadOptions & { to?: VectorFormat }) => {
      const loaded = await loadVectors(input, loadOptionsFor(options));
      const format = await saveVectors(loaded.vectors, output, { format: options.to });
      const result = {
        input,
        output,
        inputFormat: loaded.format,
        format,
        words: loaded.vectors.size,
        dim: loaded.vectors.dim,
        duplicates: loaded.duplicates,
      };
      if (options.json) {
        printJson(result);
        return;
      }
      const duplicates = loaded.duplicates ? ` (${loaded.duplicates} duplicate words dropped)` : '';
      process.stdout.write(`wrote ${result.words} words × ${result.dim} dimensions as ${format} to ${output}${duplicates}\n`);
    });

  registerVectorsTrain(vectors);
  registerVectorsPlot(vectors);
  registerTrainBilingual(vectors);
  registerVectorsEval(vectors);
  registerVectorsGet(vectors);
}

function withLoadOptions(command: Command): Command {
  return command
    .option('--limit <n>', 'read only the first N words of the file', positiveInteger)
    .addOption(fromOption())
    .addOption(new Option('--unicode-errors <mode>', 'invalid UTF-8 in words: fail or substitute U+FFFD').choices(['strict', 'replace']).default('strict'))
    .option('--json', 'print one JSON object');
}

function fromOption(): Option {
  return new Option('--from <format>', 'input format (default: detected)').choices(VECTOR_FORMATS);
}

function topnOption(): Option {
  return new Option('-k, --topn <n>', 'number of neighbours').argParser(positiveInteger).default(10);
}

function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(parsed) || parsed < 1) {
    throw new InvalidArgumentError('expected a positive integer');
  }
  return parsed;
}

function loadOptionsFor(options: LoadOptions) {
  return {
    format: options.from ?? ('auto' as const),
    limit: options.limit,
    unicodeErrors: options.unicodeErrors,
    onProgress: wantsProgress(options) ? progressBar() : undefined,
  };
}

async function loadForCli(file: string, options: LoadOptions): Promise<KeyedVectors> {
  return (await loadVectors(file, loadOptionsFor(options))).vectors;
}

/** A progress bar that appears only for files big enough to take a moment, and closes itself at 100%. */
function progressBar(): (bytesRead: number, totalBytes: number) => void {
  let bar: cliProgress.SingleBar | null = null;
  return (bytesRead, totalBytes) => {
    if (bar === null) {
      if (totalBytes < 64 * 1024 * 1024) return;
      bar = new cliProgress.SingleBar({ format: 'loading [{bar}] {percentage}% {value}/{total} MB', stream: process.stderr }, cliProgress.Presets.shades_classic);
      bar.start(Math.ceil(totalBytes / 1e6), 0);
    }
    bar.update(Math.floor(bytesRead / 1e6));
    if (bytesRead >= totalBytes) bar.stop();
  };
}

function requireWord(kv: KeyedVectors, word: string, file: string, options: LoadOptions): void {
  if (kv.get(word) !== null) return;
  const scope = options.limit !== undefined ? `the first ${kv.size} words` : `its ${kv.size} words`;
  throw new EmbedkitError('OOV', `unknown word "${word}" (not among ${scope})`, { file });
}

function rounded(neighbour: Neighbour): Neighbour {
  return { word: neighbour.word, similarity: Math.round(neighbour.similarity * 1e6) / 1e6 };
}

function formatNeighbours(title: string, neighbours: readonly Neighbour[]): string {
  const width = Math.max(4, ...neighbours.map((n) => n.word.length));
  const lines = neighbours.map((n, i) => `${String(i + 1).padStart(4)}  ${n.word.padEnd(width)}  ${n.similarity.toFixed(5)}`);
  return `${title}\n${lines.join('\n')}\n`;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

