import type { Command } from 'commander';
import { EmbedkitError } from '../../errors.js';
import { trainWord2Vec } from '../../algorithms/word2vec/train.js';
import type { Word2VecOptions, Word2VecProgress } from '../../algorithms/word2vec/options.js';
import { VECTOR_FORMATS, formatFromExtension, isVectorFormat, saveVectors, type VectorFormat } from '../../io/vectors-io.js';
import { Vocabulary } from '../../vocab/vocabulary.js';
import { trainGlove } from '../../algorithms/glove/index.js';
import { trainFastText } from '../../algorithms/fasttext/index.js';
import type { KeyedVectors } from '../../vectors/keyed-vectors.js';
import { writeTrainingCurves } from '../../viz/training-curves.js';
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
  xMax?: string;
  memory?: string;
  minn?: string;
  maxn?: string;
  bucket?: string;
  shuffle?: boolean;
  cbow?: boolean;
  plot?: string;
}

/** What every trainer returns, as far as this command needs it. */
interface TrainOutcome {
  vectors: KeyedVectors;
  vocabulary: Vocabulary;
  history: readonly object[];
  /** Corpus tokens per epoch and seconds of training, for words/s (Word2Vec and subwords). */
  wordsPerSec?: number;
}

/** `embedkit vectors train`: registered on the `vectors` command group. */
export function registerVectorsTrain(vectors: Command): void {
  vectors
    .command('train')
    .description('train word vectors (Word2Vec skip-gram/CBOW, GloVe, or fastText-style subwords) on text files, one sentence per line, plain or .gz')
    .argument('<files...>', 'training text files')
    .requiredOption('--out <file>', 'output vectors: .bin word2vec binary, .txt/.vec word2vec text (or --format)')
    .option('--algo <algo>', 'sg (skip-gram), cbow, glove, or fasttext (subword skip-gram; --cbow for CBOW)', 'cbow')
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
    .option('--x-max <n>', 'GloVe: weighting cutoff x_max (default 100)')
    .option('--memory <GB>', 'GloVe: memory for co-occurrence counting before spilling to disk (default 2)')
    .option('--minn <n>', 'fasttext: shortest character n-gram (default 3)')
    .option('--maxn <n>', 'fasttext: longest character n-gram (default 6; 0 = no subwords)')
    .option('--bucket <n>', 'fasttext: hash buckets for n-grams (default 2000000)')
    .option('--cbow', 'fasttext: CBOW instead of skip-gram')
    .option('--no-shuffle', 'fasttext: read lines in corpus order (as fastText) instead of in shuffled blocks')
    .option('--plot <file>', 'write the loss (or GloVe cost) per epoch as .svg, .png or .html')
    .option('--json', 'print one JSON object with the result')
    .action(async (files: string[], options: TrainCliOptions) => {
      await runTrain(files, options);
    });
}

async function runTrain(files: string[], cli: TrainCliOptions): Promise<void> {
  if (!['sg', 'cbow', 'glove', 'fasttext'].includes(cli.algo)) {
    throw new EmbedkitError('BAD_OPTION', `--algo must be sg, cbow, glove or fasttext, got ${JSON.stringify(cli.algo)}`, { field: 'algo' });
  }
  const format = outputFormat(cli.out, cli.format, cli.algo);
  if (cli.preset !== undefined && cli.preset !== 'c') {
    throw new EmbedkitError('BAD_OPTION', `--preset must be c, got ${JSON.stringify(cli.preset)}`, { field: 'preset' });
  }
  if (cli.lang !== undefined && !['auto', 'en', 'zh', 'ja'].includes(cli.lang)) {
    throw new EmbedkitError('BAD_OPTION', `--lang must be auto, en, zh or ja, got ${JSON.stringify(cli.lang)}`, { field: 'lang' });
  }
  const progressLine = wantsProgress(cli) ? new ProgressLine() : undefined;
  const tokenizer = cli.lang ? { lang: cli.lang as 'auto' | 'en' | 'zh' | 'ja' } : {};
  const vocabulary = cli.vocab !== undefined ? await Vocabulary.load(cli.vocab) : undefined;

  const started = performance.now();
  let result: TrainOutcome;
  if (cli.algo === 'glove') {
    const glove = await trainGlove(
      { files },
      {
        preset: cli.preset === 'c' ? 'c' : undefined,
        dim: number(cli.dim),
        window: number(cli.window),
        xMax: number(cli.xMax),
        epochs: number(cli.epochs),
        learningRate: number(cli.alpha),
        minCount: number(cli.minCount),
        maxVocab: number(cli.maxVocab),
        memoryGB: number(cli.memory),
        threads: number(cli.threads),
        seed: number(cli.seed),
        tokenizer,
        vocabulary,
        onProgress: progressLine ? (p) => progressLine.show({ progress: p.progress, rate: `${Math.round(p.recordsPerSec).toLocaleString('en-US')} pairs/s`, etaSeconds: p.etaSeconds }) : undefined,
        onEpochEnd: progressLine ? (e) => progressLine.note(`epoch ${e.epoch}: cost ${e.cost.toFixed(4)} (${e.seconds.toFixed(1)} s)`) : undefined,
      },
    );
    result = glove;
  } else if (cli.algo === 'fasttext') {
    const subword = await trainFastText(
      { files },
      {
        cbow: cli.cbow === true,
        dim: number(cli.dim),
        window: number(cli.window),
        negative: number(cli.negative),
        minCount: number(cli.minCount),
        minn: number(cli.minn),
        maxn: number(cli.maxn),
        bucket: number(cli.bucket),
        shuffle: cli.shuffle,
        epochs: number(cli.epochs),
        alpha: number(cli.alpha),
        minAlpha: number(cli.minAlpha),
        sample: number(cli.sample),
        maxVocabSize: number(cli.maxVocab),
        threads: number(cli.threads),
        seed: number(cli.seed),
        tokenizer,
        vocabulary,
        onProgress: progressLine ? (p) => progressLine.showWords(p) : undefined,
      },
    );
    const epochs = subword.history.length;
    result = { ...subword, wordsPerSec: subword.seconds.train > 0 ? (subword.corpusWords * epochs) / subword.seconds.train : 0 };
  } else {
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
      tokenizer,
      vocabulary,
      onProgress: progressLine ? (p) => progressLine.showWords(p) : undefined,
    };
    const word2vec = await trainWord2Vec({ files }, options);
    const epochs = word2vec.history.length;
    result = { ...word2vec, wordsPerSec: word2vec.seconds.train > 0 ? (word2vec.corpusWords * epochs) / word2vec.seconds.train : 0 };
  }
  progressLine?.end();
  await saveVectors(result.vectors, cli.out, { format });
  if (cli.saveVocab !== undefined) await result.vocabulary.save(cli.saveVocab);
  if (cli.plot !== undefined) await writeTrainingCurves(result.history as Parameters<typeof writeTrainingCurves>[0], cli.plot, `${cli.algo} training`);
  const seconds = (performance.now() - started) / 1000;

  const epochs = result.history.length;
  if (cli.json) {
    printJson({
      out: cli.out,
      algo: cli.algo,
      format,
      words: result.vocabulary.size,
      dim: result.vectors.dim,
      epochs,
      seconds,
      wordsPerSec: result.wordsPerSec,
      history: result.history,
    });
  } else {
    const rate = result.wordsPerSec !== undefined ? `, ${Math.round(result.wordsPerSec).toLocaleString('en-US')} words/s` : '';
    process.stdout.write(
      `wrote ${result.vocabulary.size} vectors of ${result.vectors.dim} dimensions to ${cli.out} (${format}; ` +
        `${epochs} epochs${rate}, ${seconds.toFixed(1)} s)\n`,
    );
  }
}

/** Checked before training, so a bad --out or --format fails fast. */
function outputFormat(out: string, format: string | undefined, algo: string): VectorFormat {
  if (format === undefined) {
    // A subword model saved as .bin keeps its n-gram buckets (fastText's format), so unseen words still get vectors.
    if (algo === 'fasttext' && out.toLowerCase().endsWith('.bin')) return 'fasttext-bin';
    return formatFromExtension(out);
  }
  if (format === 'fasttext-bin' && algo !== 'fasttext') {
    throw new EmbedkitError('BAD_OPTION', '--format fasttext-bin needs --algo fasttext', { field: 'format' });
  }
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

  showWords(p: Word2VecProgress): void {
    this.show({
      progress: p.progress,
      rate: `${Math.round(p.wordsPerSec).toLocaleString('en-US')} words/s  alpha ${p.alpha.toFixed(5)}  loss ${p.loss.toFixed(4)}`,
      etaSeconds: p.etaSeconds,
    });
  }

  show(p: { progress: number; rate: string; etaSeconds: number }): void {
    const eta = Number.isFinite(p.etaSeconds) ? `${Math.round(p.etaSeconds)}s` : '?';
    process.stderr.write(`\rtraining ${(p.progress * 100).toFixed(1).padStart(5)}%  ${p.rate}  eta ${eta}\x1b[K`);
    this.shown = true;
  }

  /** A line that stays (e.g. the cost of an epoch), above the status line. */
  note(line: string): void {
    process.stderr.write(`\r${line}\x1b[K\n`);
  }

  end(): void {
    if (this.shown) process.stderr.write('\n');
  }
}
