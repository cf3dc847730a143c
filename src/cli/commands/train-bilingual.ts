import type { Command } from 'commander';
import { trainBilingual } from '../../align/bilingual.js';
import { parseColumns } from '../../align/sentence-pairs.js';
import { EmbedkitError } from '../../errors.js';
import { formatFromExtension, saveVectors } from '../../io/vectors-io.js';
import { integerOption, numberOption } from '../parse-options.js';
import { printJson, wantsProgress, type CommonOptions } from '../output.js';

interface TrainBilingualCliOptions extends CommonOptions {
  out: string;
  monoSrc?: string[];
  monoTgt?: string[];
  columns?: string;
  repeat: number;
  algo: string;
  dim?: number;
  window?: number;
  negative?: number;
  sample?: number;
  minCount?: number;
  epochs?: number;
  threads?: number;
  seed?: number;
  maxVocab?: number;
}

/**
 * `embedkit vectors train-bilingual <pairs.tsv>`: one Chinese–English space from sentence pairs
 * (pseudo-bilingual word2vec), words saved with their `zh:` / `en:` tags.
 *
 * JSON: {"pairs", "out", "words", "zhWords", "enWords", "dim", "epochs", "corpusWords", "seconds"}
 */
export function registerTrainBilingual(vectors: Command): void {
  vectors
    .command('train-bilingual')
    .description('train one Chinese–English word vector space on sentence pairs (merged, shuffled, tagged zh:/en:)')
    .argument('<pairs>', 'TSV of sentence pairs, english<TAB>chinese[<TAB>…] (Tatoeba), plain or .gz')
    .requiredOption('--out <file>', 'output vectors: .bin word2vec binary, .txt/.vec word2vec text')
    .option('--mono-src <file...>', 'monolingual Chinese text to mix in (one sentence or paragraph a line)')
    .option('--mono-tgt <file...>', 'monolingual English text to mix in')
    .option('--columns <e,c>', '0-based columns of the English and Chinese sentences (default 0,1)')
    .option('--repeat <n>', 'shuffled copies of each pair', integerOption, 20)
    .option('--algo <algo>', 'sg (skip-gram) or cbow', 'sg')
    .option('--dim <n>', 'vector size (default 100)', integerOption)
    .option('--window <n>', 'context window (default 10)', integerOption)
    .option('--negative <k>', 'negative samples (default 5)', integerOption)
    .option('--sample <t>', 'subsampling threshold (default 1e-3)', numberOption)
    .option('--min-count <n>', 'ignore words rarer than this (default 2)', integerOption)
    .option('--epochs <n>', 'passes over the corpus (default 5)', integerOption)
    .option('--threads <n>', 'worker threads (default 1)', integerOption)
    .option('--seed <n>', 'random seed (default 1)', integerOption)
    .option('--max-vocab <n>', 'keep only the n most frequent words', integerOption)
    .option('--json', 'print one JSON object with the result')
    .action(async (pairs: string, options: TrainBilingualCliOptions) => {
      if (options.algo !== 'sg' && options.algo !== 'cbow') {
        throw new EmbedkitError('BAD_OPTION', `--algo must be sg or cbow, got ${JSON.stringify(options.algo)}`, { field: 'algo' });
      }
      const format = formatFromExtension(options.out);
      const started = performance.now();
      const result = await trainBilingual(pairs, {
        monoSrc: options.monoSrc,
        monoTgt: options.monoTgt,
        columns: options.columns === undefined ? undefined : parseColumns(options.columns),
        repeat: options.repeat,
        sg: options.algo === 'sg' ? 1 : 0,
        dim: options.dim,
        window: options.window,
        negative: options.negative,
        sample: options.sample,
        minCount: options.minCount,
        epochs: options.epochs,
        threads: options.threads,
        seed: options.seed,
        maxVocabSize: options.maxVocab,
        onEpochEnd: wantsProgress(options) ? (epoch) => process.stderr.write(`epoch ${epoch.epoch}: loss ${epoch.loss.toFixed(4)}\n`) : undefined,
      });
      await saveVectors(result.vectors, options.out, { format });
      const seconds = (performance.now() - started) / 1000;
      const words = result.vectors.words;
      const zhWords = words.filter((w) => w.startsWith('zh:')).length;
      const enWords = words.filter((w) => w.startsWith('en:')).length;
      if (options.json) {
        printJson({
          pairs,
          out: options.out,
          words: words.length,
          zhWords,
          enWords,
          dim: result.vectors.dim,
          epochs: result.history.length,
          corpusWords: result.corpusWords,
          seconds,
        });
        return;
      }
      process.stdout.write(
        `wrote ${words.length} vectors (${zhWords} zh:, ${enWords} en:) of ${result.vectors.dim} dimensions to ${options.out} (${seconds.toFixed(1)} s)\n`,
      );
    });
}
