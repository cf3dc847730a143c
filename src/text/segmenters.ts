import { createRequire } from 'node:module';

/**
 * Word segmenters for scripts written without spaces. Each is built once, on first use, because
 * loading jieba's dictionary takes a noticeable fraction of a second and most texts never need it.
 */

interface JiebaInstance {
  cut(sentence: string, hmm?: boolean | null): string[];
}
interface JiebaModule {
  Jieba: { withDict(dict: Uint8Array): JiebaInstance };
}

// jieba is a CommonJS native addon and tokenize() is synchronous, so it is loaded with require.
const require = createRequire(import.meta.url);

let jieba: JiebaInstance | undefined;

function getJieba(): JiebaInstance {
  if (jieba === undefined) {
    const { Jieba } = require('@node-rs/jieba') as JiebaModule;
    const { dict } = require('@node-rs/jieba/dict.js') as { dict: Uint8Array };
    jieba = Jieba.withDict(dict);
  }
  return jieba;
}

/** Chinese words of a run of Han characters, by jieba's dictionary plus its HMM for unknown words. */
export function segmentWithJieba(run: string, out: string[]): void {
  const words = getJieba().cut(run, true);
  for (let i = 0; i < words.length; i++) out.push(words[i]);
}

const intlSegmenters = new Map<string, Intl.Segmenter>();

function getIntlSegmenter(locale: string): Intl.Segmenter {
  let segmenter = intlSegmenters.get(locale);
  if (segmenter === undefined) {
    segmenter = new Intl.Segmenter(locale, { granularity: 'word' });
    intlSegmenters.set(locale, segmenter);
  }
  return segmenter;
}

/** Words of a run by ICU's dictionary-based word breaker (Japanese, Chinese, Thai, Khmer, ...). */
export function segmentWithIntl(run: string, locale: string, out: string[]): void {
  for (const piece of getIntlSegmenter(locale).segment(run)) {
    // The runs handed in contain no spaces, but ICU may still return separators as segments.
    if (piece.isWordLike !== false || piece.segment.trim() !== '') out.push(piece.segment);
  }
}

/** One token per code point: what BERT-style tokenizers do with Han when no dictionary is wanted. */
export function segmentPerCharacter(run: string, out: string[]): void {
  for (const character of run) out.push(character);
}
