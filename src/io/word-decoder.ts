import { EmbedkitError } from '../errors.js';
import { TextDecoder } from 'node:util';

/** What to do with a word whose bytes are not valid in the encoding: gensim's `unicode_errors`. */
export type UnicodeErrors = 'strict' | 'replace';

/**
 * Turns a word's bytes into a string. Pure-ASCII words (nearly all of them in English vectors)
 * take a fast path; the rest go through TextDecoder, which either throws on invalid bytes
 * ('strict', gensim's default) or substitutes U+FFFD ('replace').
 */
export class WordDecoder {
  private readonly decoder: TextDecoder;

  constructor(
    readonly file: string,
    encoding = 'utf-8',
    readonly unicodeErrors: UnicodeErrors = 'strict',
  ) {
    try {
      this.decoder = new TextDecoder(encoding, { fatal: unicodeErrors === 'strict' });
    } catch {
      throw new EmbedkitError('BAD_OPTION', `unknown text encoding "${encoding}"`, { file, field: 'encoding' });
    }
    if (unicodeErrors !== 'strict' && unicodeErrors !== 'replace') {
      throw new EmbedkitError('BAD_OPTION', `unicodeErrors must be "strict" or "replace", not "${String(unicodeErrors)}"`, {
        file,
        field: 'unicodeErrors',
      });
    }
  }

  /** The encoding's canonical name ('utf-8', 'windows-1252', …). */
  get encoding(): string {
    return this.decoder.encoding;
  }

  /** `line` is for the error message only (text formats); `fileOffset` is where the word starts. */
  decode(bytes: Buffer, start: number, end: number, fileOffset: number, line?: number): string {
    let ascii = true;
    for (let i = start; i < end; i++) {
      if (bytes[i] >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (ascii) return bytes.toString('latin1', start, end);
    try {
      return this.decoder.decode(bytes.subarray(start, end));
    } catch {
      throw new EmbedkitError(
        'BAD_ENCODING',
        `word is not valid ${this.decoder.encoding} (bytes ${bytes.subarray(start, Math.min(end, start + 40)).toString('hex')}); ` +
          `use unicodeErrors "replace" to load it anyway`,
        { file: this.file, line, byteOffset: fileOffset },
      );
    }
  }
}
