import { Option, type Command } from 'commander';
import { printJson, type CommonOptions } from '../output.js';
import { Tokenizer, type TokenizeOptions } from '../../text/tokenize.js';
import { numberedLinesOf, readLines } from '../../text/read-lines.js';

interface TokenizeCommandOptions extends CommonOptions {
  lang: NonNullable<TokenizeOptions['lang']>;
  segmenter: NonNullable<TokenizeOptions['segmenter']>;
  lowercase: boolean;
  keepPunctuation?: boolean;
  file?: string;
}

const SEPARATOR = ' / ';

export function registerTokenize(program: Command): void {
  program
    .command('tokenize')
    .description('split text into the tokens embedkit counts and embeds (Chinese and Japanese are word-segmented)')
    .argument('[text...]', 'texts to tokenize, one result line each; without texts or --file, lines are read from stdin')
    .addOption(new Option('--lang <lang>', 'language rules').choices(['auto', 'en', 'zh', 'ja']).default('auto'))
    .addOption(new Option('--segmenter <name>', 'Chinese word segmenter').choices(['jieba', 'intl']).default('jieba'))
    .option('--no-lowercase', 'keep the original case')
    .option('--keep-punctuation', 'keep punctuation and symbols as tokens')
    .option('--file <path>', 'tokenize every line of a text file (.gz is fine)')
    .option('--json', 'print one JSON object instead of lines')
    .action(async (texts: string[], options: TokenizeCommandOptions) => {
      const tokenizer = new Tokenizer({
        lang: options.lang,
        segmenter: options.segmenter,
        lowercase: options.lowercase,
        punctuation: options.keepPunctuation ? 'keep' : 'drop',
      });
      if (texts.length === 1 && options.file === undefined) {
        const tokens = tokenizer.tokenize(texts[0]);
        if (options.json) printJson({ tokens });
        else process.stdout.write(tokens.join(SEPARATOR) + '\n');
        return;
      }
      const results: Array<{ text: string; tokens: string[] }> = [];
      // `tokenize --file big.txt | head` closes stdout early: stop reading instead of crashing on EPIPE.
      // The listener stays for the rest of the process, as the error of the last write may come late.
      let outputError: NodeJS.ErrnoException | undefined;
      process.stdout.on('error', (error: NodeJS.ErrnoException) => {
        outputError ??= error;
      });
      for await (const text of inputTexts(texts, options.file)) {
        if (outputError !== undefined) break;
        const tokens = tokenizer.tokenize(text);
        if (options.json) results.push({ text, tokens });
        else process.stdout.write(tokens.join(SEPARATOR) + '\n');
      }
      if (outputError !== undefined && outputError.code !== 'EPIPE') throw outputError;
      if (options.json && outputError === undefined) printJson({ results });
    });
}

/** The command-line texts, then the file's lines; stdin's lines when there is neither. */
async function* inputTexts(texts: string[], file: string | undefined): AsyncIterable<string> {
  yield* texts;
  if (file !== undefined) {
    yield* readLines(file);
  } else if (texts.length === 0) {
    for await (const { line } of numberedLinesOf(process.stdin, '<stdin>')) yield line;
  }
}
