import { EmbedkitError } from '../errors.js';
import { segmentPerCharacter, segmentWithIntl, segmentWithJieba } from './segmenters.js';

export interface TokenizeOptions {
  /**
   * 'auto': every run of script is handled by its own rules (Han → Chinese words, Han mixed with kana →
   * Japanese words, Latin/Cyrillic/... → space and punctuation rules). 'zh' / 'ja' force the Chinese /
   * Japanese segmenter on every Han or kana run. 'en' uses no dictionary at all: Han and kana become one
   * token per character, as BERT's basic tokenizer does.
   */
  lang?: 'auto' | 'en' | 'zh' | 'ja';
  /** Default true. */
  lowercase?: boolean;
  /** Punctuation and symbols (\p{P}, \p{S}): dropped (default) or kept, a run of one repeated mark as one token. */
  punctuation?: 'drop' | 'keep';
  /** Chinese segmenter: jieba's dictionary (default) or ICU's word breaker (Intl.Segmenter). Japanese always uses ICU. */
  segmenter?: 'jieba' | 'intl';
}

export type TokenizerConfig = Required<TokenizeOptions>;

const LANGS = ['auto', 'en', 'zh', 'ja'] as const;
const PUNCTUATION_MODES = ['drop', 'keep'] as const;
const SEGMENTERS = ['jieba', 'intl'] as const;

// Scripts written without spaces between words. Han and kana go to a Chinese or Japanese segmenter;
// the South-East Asian scripts go to ICU's dictionary word breaker.
const HAN_AND_KANA = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30FC\uFF70\u3006`;
const SOUTH_EAST_ASIAN = String.raw`\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}`;
// A letter, mark or digit of any script except those above (a negative lookahead: as fast here as the
// `v` flag's set subtraction, and within the ES2022 target).
const NOT_SPACELESS = String.raw`(?![${HAN_AND_KANA}${SOUTH_EAST_ASIAN}])`;
const WORD_CHAR = String.raw`(?:${NOT_SPACELESS}[\p{L}\p{M}\p{N}])`;
const LETTER = String.raw`(?:${NOT_SPACELESS}[\p{L}\p{M}])`;
// Reached only where no word precedes the apostrophe (a word would have taken it: it's, don't).
const CLITIC = String.raw`['’](?:[sSmMdD]|[rR][eE]|[vV][eE]|[lL][lL]|[eE][mM])(?![\p{L}\p{M}\p{N}])`;

/**
 * One pass over the text finds the next token and which rule made it:
 *   1: a run of Han/kana, 2: a run of a South-East Asian script,
 *   3: a word: letters, marks, digits, joined by an apostrophe before letters (don't, it’s), by a hyphen
 *      (state-of-the-art), or by '.'/',' between digits (3.14, 1,000); or an English clitic split off by
 *      an earlier tokenizer ("it 's", "they 're", Penn Treebank style) kept whole as 's, 're, …,
 *   (unnumbered): separators, skipped,
 *   4: any other single character, punctuation or symbol, repeated copies of it included ("...", "!!").
 */
const TOKEN_PATTERN = new RegExp(
  String.raw`([${HAN_AND_KANA}]+)|([${SOUTH_EAST_ASIAN}]+)|(${CLITIC}|${WORD_CHAR}+(?:['’]${LETTER}+|[\-‐]${WORD_CHAR}+|(?<=\p{N})[.,]\p{N}${WORD_CHAR}*)*)|[\s\p{Cc}\p{Cf}]+|(.)\4*`,
  'gu',
);
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}\u30FC\uFF70]/u;

export class Tokenizer {
  private readonly config: TokenizerConfig;

  constructor(options: TokenizeOptions = {}) {
    this.config = {
      lang: pick(options.lang, LANGS, 'auto', 'lang'),
      lowercase: pickBoolean(options.lowercase, true, 'lowercase'),
      punctuation: pick(options.punctuation, PUNCTUATION_MODES, 'drop', 'punctuation'),
      segmenter: pick(options.segmenter, SEGMENTERS, 'jieba', 'segmenter'),
    };
  }

  /** Every field filled in, so that a saved model re-tokenizes exactly as it was trained. */
  getConfig(): TokenizerConfig {
    return { ...this.config };
  }

  /** Validates as the constructor does: unknown values throw EmbedkitError naming the field. */
  static fromConfig(config: unknown): Tokenizer {
    if (config === null || typeof config !== 'object' || Array.isArray(config)) {
      throw new EmbedkitError('BAD_TOKENIZER_CONFIG', 'tokenizer config must be an object');
    }
    return new Tokenizer(config as TokenizeOptions);
  }

  tokenize(text: string): string[] {
    const { lowercase, punctuation } = this.config;
    const source = lowercase ? text.toLowerCase() : text;
    const keepPunctuation = punctuation === 'keep';
    const tokens: string[] = [];
    // The pattern is shared; lastIndex is reset each call and nothing here can re-enter.
    const pattern = TOKEN_PATTERN;
    pattern.lastIndex = 0;
    let match: RegExpExecArray | null;
    while ((match = pattern.exec(source)) !== null) {
      if (match[3] !== undefined) tokens.push(match[3]);
      else if (match[1] !== undefined) this.segmentHanAndKana(match[1], tokens);
      else if (match[2] !== undefined) segmentWithIntl(match[2], 'und', tokens);
      else if (match[4] !== undefined && keepPunctuation) tokens.push(match[0]);
    }
    return tokens;
  }

  private segmentHanAndKana(run: string, out: string[]): void {
    const { lang, segmenter } = this.config;
    if (lang === 'en') segmentPerCharacter(run, out);
    else if (lang === 'ja' || (lang === 'auto' && KANA.test(run))) segmentWithIntl(run, 'ja', out);
    else if (segmenter === 'intl') segmentWithIntl(run, 'zh', out);
    else segmentWithJieba(run, out);
  }
}

const defaultTokenizers = new Map<string, Tokenizer>();

/** Convenience form of `new Tokenizer(options).tokenize(text)`; tokenizers are reused per option set. */
export function tokenize(text: string, options: TokenizeOptions = {}): string[] {
  const key = `${options.lang}|${options.lowercase}|${options.punctuation}|${options.segmenter}`;
  let tokenizer = defaultTokenizers.get(key);
  if (tokenizer === undefined) {
    tokenizer = new Tokenizer(options);
    defaultTokenizers.set(key, tokenizer);
  }
  return tokenizer.tokenize(text);
}

function pick<T extends string>(value: unknown, allowed: readonly T[], fallback: T, field: string): T {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new EmbedkitError(
    'BAD_TOKENIZER_CONFIG',
    `${field} must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`,
    { field },
  );
}

function pickBoolean(value: unknown, fallback: boolean, field: string): boolean {
  if (value === undefined) return fallback;
  if (typeof value === 'boolean') return value;
  throw new EmbedkitError('BAD_TOKENIZER_CONFIG', `${field} must be true or false, got ${JSON.stringify(value)}`, {
    field,
  });
}
