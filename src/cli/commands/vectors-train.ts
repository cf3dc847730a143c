import type { Command } from 'commander';
import { EmbedkitError } from '../../errors.js';
import { trainWord2Vec } from '../../algorithms/word2vec/train.js';
import type { Word2VecOptions, Word2VecProgress } from '../../algorithms/word2vec/options.js';
import { VECTOR_FORMATS, formatFromExtension, isVectorFormat, saveVectors, type VectorFormat } from '../../io/vectors-io.js';
import { Vocabulary } from '../../vocab/vocabulary.js';
import { printJson, wantsProgress, type CommonOptions } from '../output.js';

interface TrainCliOptions extends CommonOptions {
  out: string;
  algo: string;
  dim?: string;
  window?: string;
  negative?: string;
  hs?: boolean;
  sample?: string;
  minCount?: string;
  epochs?: string;
  alpha?: string;
  minAlpha?: string;
  threads?: string;
  seed?: string;
  preset?: string;
  maxVocab?: string;
  lang?: string;
  format?: string;
  saveVocab?: string;
  vocab?: string;
}

/** `embedkit vectors train`: registered on the `vectors` command group. */
export function registerVectorsTrain(vectors: Command): void {
  vectors
    .command('train')
    .description('train word vectors (Word2Vec skip-gram or CBOW) on text files, one sentence per line, plain or .gz')
    .argument('<files...>', 'training text files')
    .requiredOption('--out <file>', 'output vectors: .bin word2vec binary, .txt/.vec word2vec text (or --format)')
    .option('--algo <algo>', 'sg (skip-gram) or cbow', 'cbow')
    .option('--dim <n>', 'vector size (default 100)')
    .option('--window <n>', 'context window (default 5)')
    .option('--negative <k>', 'negative samples per word, 0 for none (default 5)')
    .option('--hs', 'hierarchical softmax (with negative sampling unless --negative 0)')
    .option('--sample <t>', 'subsampling threshold of frequent words (default 1e-3)')
    .option('--min-count <n>', 'ignore words rarer than this (default 5)')
    .option('--epochs <n>', 'passes over the corpus (default 5)')
    .option('--alpha <a>', 'initial learning rate (default 0.025; with --preset c: 0.05 for cbow)')
    .option('--min-alpha <a>', 'final learning rate (default 1e-4)')
    .option('--threads <n>', 'worker threads (default 1: deterministic; more: faster, not reproducible)')
    .option('--seed <n>', 'random seed (default 1)')
    .option('--preset <name>', '"c": the C word2vec tool defaults')
    .option('--max-vocab <n>', 'keep only the n most frequent words')
    .option('--lang <lang>', 'tokenizer language: auto, en, zh, ja (default auto)')
    .option('--format <format>', `output format: ${VECTOR_FORMATS.join(', ')}`)
    .option('--save-vocab <file>', 'also save the counted vocabulary (JSON)')
    .option('--vocab <file>', 'train with this saved vocabulary instead of counting one')
    .option('--json', 'print one JSON object with the result')
    .action(async (files: string[], options: TrainCliOptions) => {
      await runTrain(files, options);
    });
}

async function runTrain(files: string[], cli: TrainCliOptions): Promise<void> {
  if (cli.algo !== 'sg' && cli.algo !== 'cbow') {
    const later = cli.algo === 'glove' || cli.algo === 'fasttext';
    throw new EmbedkitError(
      'BAD_OPTION',
      later ? `--algo ${cli.algo} is not available yet; use sg or cbow` : `--algo must be sg or cbow, got ${JSON.stringify(cli.algo)}`,
      { field: 'algo' },
    );
  }
  const format = outputFormat(cli.out, cli.format);
  if (cli.preset !== undefined && cli.preset !== 'c') {
    throw new EmbedkitError('BAD_OPTION', `--preset must be c, got ${JSON.stringify(cli.preset)}`, { field: 'preset' });
  }
  if (cli.lang !== undefined && !['auto', 'en', 'zh', 'ja'].includes(cli.lang)) {
    throw new EmbedkitError('BAD_OPTION', `--lang must be auto, en, zh or ja, got ${JSON.stringify(cli.lang)}`, { field: 'lang' });
  }
  const progressLine = wantsProgress(cli) ? new ProgressLine() : undefined;
  const options: Word2VecOptions = {
    preset: cli.preset === 'c' ? 'c' : undefined,
    sg: cli.algo === 'sg' ? 1 : 0,
    dim: number(cli.dim),
    window: number(cli.window),
    negative: number(cli.negative),
    hs: cli.hs ? 1 : undefined,
    sample: number(cli.sample),
    minCount: number(cli.minCount),
    epochs: number(cli.epochs),
    alpha: number(cli.alpha),
    minAlpha: number(cli.minAlpha),
    threads: number(cli.threads),
    seed: number(cli.seed),
    maxVocabSize: number(cli.maxVocab),
    tokenizer: cli.lang ? { lang: cli.lang as 'auto' | 'en' | 'zh' | 'ja' } : {},
    vocabulary: cli.vocab !== undefined ? await Vocabulary.load(cli.vocab) : undefined,
    onProgress: progressLine ? (p) => progressLine.show(p) : undefined,
  };

  const started = performance.now();
  const result = await trainWord2Vec({ files }, options);
  progressLine?.end();
  await saveVectors(result.vectors, cli.out, { format });
  if (cli.saveVocab !== undefined) await result.vocabulary.save(cli.saveVocab);
  const seconds = (performance.now() - started) / 1000;

  const epochs = result.history.length;
  const wordsPerSec = result.seconds.train > 0 ? (result.corpusWords * epochs) / result.seconds.train : 0;
  if (cli.json) {
    printJson({
      out: cli.out,
      words: result.vocabulary.size,
      dim: result.vectors.dim,
      epochs,
      seconds,
      wordsPerSec,
      corpusWords: result.corpusWords,
      history: result.history,
    });
  } else {
    process.stdout.write(
      `wrote ${result.vocabulary.size} vectors of ${result.vectors.dim} dimensions to ${cli.out} ` +
        `(${epochs} epochs, ${Math.round(wordsPerSec)} words/s, ${seconds.toFixed(1)} s)\n`,
    );
  }
}

/** Checked before training, so a bad --out or --format fails fast. */
function outputFormat(out: string, format: string | undefined): VectorFormat {
  if (format === undefined) return formatFromExtension(out);
  if (!isVectorFormat(format)) {
    throw new EmbedkitError('BAD_OPTION', `--format must be one of ${VECTOR_FORMATS.join(', ')}, got ${JSON.stringify(format)}`, {
      field: 'format',
    });
  }
  return format;
}

/** undefined stays undefined (the library default); anything else must be a number, checked by the library. */
function number(text: string | undefined): number | undefined {
  return text === undefined ? undefined : Number(text);
}

/** One self-overwriting status line on stderr. */
class ProgressLine {
  private shown = false;

  show(p: Word2VecProgress): void {
    const eta = Number.isFinite(p.etaSeconds) ? `${Math.round(p.etaSeconds)}s` : '?';
    const line =
      `training ${(p.progress * 100).toFixed(1).padStart(5)}%  ${Math.round(p.wordsPerSec).toLocaleString('en-US')} words/s  ` +
      `alpha ${p.alpha.toFixed(5)}  loss ${p.loss.toFixed(4)}  eta ${eta}`;
    process.stderr.write(`\r${line}\x1b[K`);
    this.shown = true;
  }

  end(): void {
    if (this.shown) process.stderr.write('\n');
  }
}
