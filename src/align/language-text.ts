import { Converter } from 'opencc-js';
import { EmbedkitError } from '../errors.js';
import { Tokenizer } from '../text/tokenize.js';

/** The two languages of this toolkit's translation tasks; tags are `zh:` / `en:`. */
export type Language = 'zh' | 'en';
export const LANGUAGES: readonly Language[] = ['zh', 'en'];

export function isLanguage(value: unknown): value is Language {
  return value === 'zh' || value === 'en';
}

export function checkLanguage(value: unknown, field: string): Language {
  if (!isLanguage(value)) throw new EmbedkitError('BAD_OPTION', `${field} must be zh or en, got ${JSON.stringify(value)}`, { field });
  return value;
}

/** `zh:猫`: a word of a bilingual space, marked with its language so identical strings stay apart. */
export function tagWord(language: Language, word: string): string {
  return `${language}:${word}`;
}

/** The word without its `lang:` tag, or null when it carries another tag (or none). */
export function untagWord(language: Language, tagged: string): string | null {
  const prefix = `${language}:`;
  return tagged.startsWith(prefix) ? tagged.slice(prefix.length) : null;
}

let toSimplifiedConverter: ((text: string) => string) | undefined;

/**
 * Traditional (Taiwan usage included) to simplified characters, by OpenCC's phrase and character
 * tables: Tatoeba mixes both scripts and a word must get one vector, not two.
 */
export function toSimplified(text: string): string {
  const convert = (toSimplifiedConverter ??= Converter({ from: 'tw', to: 'cn' }));
  return convert(text);
}

/**
 * Text to the words of a language: Chinese is converted to simplified script and segmented with
 * jieba; English is lower-cased and split by the project tokenizer. Punctuation is dropped on both.
 */
export class LanguageTokenizer {
  readonly language: Language;
  private readonly tokenizer: Tokenizer;

  constructor(language: Language) {
    this.language = checkLanguage(language, 'language');
    this.tokenizer = new Tokenizer({ lang: language, punctuation: 'drop' });
  }

  tokenize(text: string): string[] {
    return this.tokenizer.tokenize(this.language === 'zh' ? toSimplified(text) : text);
  }

  /** Tokens with their `lang:` tag. */
  tokenizeTagged(text: string): string[] {
    const tokens = this.tokenize(text);
    for (let i = 0; i < tokens.length; i++) tokens[i] = tagWord(this.language, tokens[i]);
    return tokens;
  }
}
