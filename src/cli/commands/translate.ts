import type { Command } from 'commander';
import { EmbedkitError } from '../../errors.js';
import { hasTag, languageSpace, type LanguageSpace } from '../../align/language-space.js';
import { checkLanguage, LanguageTokenizer, toSimplified, type Language } from '../../align/language-text.js';
import { loadMapping } from '../../align/mapping-file.js';
import { matchSentences, sentenceVectors, type SentenceWeighting } from '../../align/sentence-vectors.js';
import { translateWords, type WordTranslation } from '../../align/translate-words.js';
import { loadVectors } from '../../io/vectors-io.js';
import { readLines } from '../../text/read-lines.js';
import { integerOption } from '../parse-options.js';
import { printJson, type CommonOptions } from '../output.js';

interface TranslateCliOptions extends CommonOptions {
  vectors: string;
  targetVectors?: string;
  map?: string;
  inverse?: boolean;
  from: string;
  to: string;
  topn: number;
  csls?: boolean;
  wordsFile?: string;
  sentences?: string;
  candidates?: string;
  weighting: string;
  limit?: number;
  maxRank: number;
}

/**
 * `embedkit translate`: word translation and sentence matching in a shared space: either one
 * bilingual store with `zh:`/`en:` tags (from `vectors train-bilingual`), or two monolingual
 * stores and the mapping `align` learned (--vectors: the mapping's source language,
 * --target-vectors: its target; --inverse to translate the other way with the same mapping).
 * Words are given and printed without tags.
 *
 * JSON: words:     [{"word", "translations": [{"word", "score"}…]} | {"word", "translations": [], "oov": true}]
 *       sentences: [{"index", "best", "score"}] (best: 0-based candidate line, -1 when the sentence has no known word)
 */
export function registerTranslate(program: Command): void {
  program
    .command('translate')
    .description('translate words, or match sentences to their translations, with aligned word vectors')
    .argument('[words...]', 'words to translate (untagged)')
    .requiredOption('--vectors <file>', 'bilingual tagged vectors, or the source-language vectors of a mapping')
    .option('--target-vectors <file>', 'target-language vectors (with --map, or spaces already aligned)')
    .option('--map <file>', 'mapping learned by `embedkit align` (source = --vectors, target = --target-vectors)')
    .option('--inverse', '--vectors is the mapping’s target side and --target-vectors its source side')
    .option('--from <lang>', 'language of the input: zh or en', 'zh')
    .option('--to <lang>', 'language to translate into: zh or en', 'en')
    .option('-k, --topn <n>', 'translations per word', integerOption, 5)
    .option('--csls', 'rank by CSLS (cross-domain similarity local scaling) instead of cosine')
    .option('--words-file <file>', 'more words to translate, one per line')
    .option('--sentences <file>', 'sentences to match, one per line (sentence mode)')
    .option('--candidates <file>', 'candidate translations, one per line (sentence mode)')
    .option('--weighting <w>', 'sentence vectors: sif (weighted mean, first principal component removed) or mean', 'sif')
    .option('--limit <n>', 'read only the first n vectors of each file', integerOption)
    .option('--max-rank <n>', 'candidate translations (and CSLS neighbourhoods): the n most frequent target words; 0 for all', integerOption, 20_000)
    .option('--json', 'print one JSON array')
    .action(async (words: string[], options: TranslateCliOptions) => {
      const from = checkLanguage(options.from, 'from');
      const to = checkLanguage(options.to, 'to');
      if (from === to) throw new EmbedkitError('BAD_OPTION', '--from and --to must differ', { field: 'to' });
      const sentenceMode = options.sentences !== undefined || options.candidates !== undefined;
      if (sentenceMode && (options.sentences === undefined || options.candidates === undefined)) {
        throw new EmbedkitError('BAD_OPTION', 'sentence mode needs both --sentences and --candidates', { field: 'candidates' });
      }
      if (options.topn < 1) throw new EmbedkitError('BAD_OPTION', '--topn must be at least 1', { field: 'topn' });
      const { source, target } = await loadSpaces(options, from, to);
      if (sentenceMode) {
        await runSentences(source, target, options, from, to);
        return;
      }
      const queries = [...words, ...(options.wordsFile === undefined ? [] : await readWordList(options.wordsFile))];
      if (queries.length === 0) throw new EmbedkitError('NO_INPUT', 'no words to translate: give words or --words-file', { field: 'words' });
      const results = translateWords(source, candidatesOf(target, options.maxRank), queries.map((word) => lookupForm(source, word, from)), {
        topn: options.topn,
        csls: options.csls ?? false,
        neighbourRank: options.maxRank === 0 ? Infinity : options.maxRank,
      });
      for (let i = 0; i < results.length; i++) results[i].word = queries[i];
      if (options.json) {
        printJson(results.map(rounded));
        return;
      }
      process.stdout.write(results.map(formatTranslation).join(''));
    });
}

async function loadSpaces(options: TranslateCliOptions, from: Language, to: Language): Promise<{ source: LanguageSpace; target: LanguageSpace }> {
  const limit = options.limit === undefined || options.limit === 0 ? undefined : options.limit;
  const sourceStore = (await loadVectors(options.vectors, { limit })).vectors;
  if (options.targetVectors === undefined) {
    if (options.map !== undefined) {
      throw new EmbedkitError('BAD_OPTION', '--map needs --target-vectors: a mapping joins two vector files', { field: 'target-vectors' });
    }
    if (!hasTag(sourceStore, from) || !hasTag(sourceStore, to)) {
      throw new EmbedkitError('UNTAGGED_VECTORS', `one vector file must hold both languages tagged "${from}:" and "${to}:"; otherwise give --target-vectors (and --map)`, {
        file: options.vectors,
      });
    }
    return { source: languageSpace(sourceStore, { tag: from }), target: languageSpace(sourceStore, { tag: to }) };
  }
  const targetStore = (await loadVectors(options.targetVectors, { limit })).vectors;
  if (targetStore.dim !== sourceStore.dim) {
    throw new EmbedkitError('BAD_SHAPE', `${sourceStore.dim} dimensions here but ${targetStore.dim} in ${options.targetVectors}`, { file: options.vectors });
  }
  const sourceTag = hasTag(sourceStore, from) ? from : undefined;
  const targetTag = hasTag(targetStore, to) ? to : undefined;
  if (options.map === undefined) {
    return {
      source: languageSpace(sourceStore, { tag: sourceTag, language: from }),
      target: languageSpace(targetStore, { tag: targetTag, language: to }),
    };
  }
  const mapping = await loadMapping(options.map);
  if (mapping.dim !== sourceStore.dim) {
    throw new EmbedkitError('BAD_SHAPE', `the mapping is for ${mapping.dim} dimensions, the vectors have ${sourceStore.dim}`, { file: options.map });
  }
  // x·W is compared with y; with --inverse the stores swap roles in the mapping, and comparing
  // x with y·W is the same as comparing x·Wᵀ with y (W is orthogonal).
  if (options.inverse) {
    return {
      source: languageSpace(sourceStore, { tag: sourceTag, language: from, mean: mapping.targetMean }),
      target: languageSpace(targetStore, { tag: targetTag, language: to, mean: mapping.sourceMean, mapping: mapping.w }),
    };
  }
  return {
    source: languageSpace(sourceStore, { tag: sourceTag, language: from, mean: mapping.sourceMean, mapping: mapping.w }),
    target: languageSpace(targetStore, { tag: targetTag, language: to, mean: mapping.targetMean }),
  };
}

/**
 * The most frequent target words only: rare words have noisy vectors, and CSLS costs
 * targets × neighbourhood × dim, which must stay interactive.
 */
function candidatesOf(target: LanguageSpace, maxRank: number): LanguageSpace {
  if (maxRank === 0 || maxRank >= target.count) return target;
  return { ...target, count: maxRank };
}

/** A Chinese word in traditional script is looked up in simplified form when only that exists. */
function lookupForm(space: LanguageSpace, word: string, language: Language): string {
  const untagged = word.startsWith(`${language}:`) ? word.slice(language.length + 1) : word;
  if (space.index(untagged) >= 0 || language !== 'zh') return untagged;
  const simplified = toSimplified(untagged);
  return space.index(simplified) >= 0 ? simplified : untagged;
}

async function runSentences(source: LanguageSpace, target: LanguageSpace, options: TranslateCliOptions, from: Language, to: Language): Promise<void> {
  const weighting = options.weighting as SentenceWeighting;
  if (weighting !== 'sif' && weighting !== 'mean') {
    throw new EmbedkitError('BAD_OPTION', `--weighting must be sif or mean, got ${JSON.stringify(options.weighting)}`, { field: 'weighting' });
  }
  const sourceTokenizer = new LanguageTokenizer(from);
  const targetTokenizer = new LanguageTokenizer(to);
  const sentences: string[][] = [];
  for await (const line of readLines(options.sentences!)) sentences.push(sourceTokenizer.tokenize(line));
  const candidates: string[][] = [];
  for await (const line of readLines(options.candidates!)) candidates.push(targetTokenizer.tokenize(line));
  if (candidates.length === 0) throw new EmbedkitError('NO_INPUT', 'no candidate lines', { file: options.candidates });
  const match = matchSentences(sentenceVectors(source, sentences, { weighting }), sentenceVectors(target, candidates, { weighting }));
  const results = sentences.map((tokens, index) => {
    const known = tokens.some((token) => source.index(token) >= 0);
    return { index, best: known ? match.best[index] : -1, score: known ? round(match.scores[index]) : 0 };
  });
  if (options.json) {
    printJson(results);
    return;
  }
  process.stdout.write(results.map((r) => `${r.index}\t${r.best}\t${r.score}\n`).join(''));
}

async function readWordList(file: string): Promise<string[]> {
  const words: string[] = [];
  for await (const line of readLines(file)) {
    const word = line.trim();
    if (word !== '') words.push(word);
  }
  return words;
}

function rounded(result: WordTranslation): WordTranslation {
  return { ...result, translations: result.translations.map((t) => ({ word: t.word, score: round(t.score) })) };
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

function formatTranslation(result: WordTranslation): string {
  if (result.oov) return `${result.word}\t(no vector)\n`;
  return `${result.word}\t${result.translations.map((t) => `${t.word} ${t.score.toFixed(3)}`).join('  ')}\n`;
}
