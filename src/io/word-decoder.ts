import { EmbedkitError } from '../errors.js';
import { isUtf8 } from 'node:buffer';
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

  /**
   * Words joined by '\n' decoded in one call, or null where that could differ from decoding them one
   * by one: an encoding other than UTF-8 (its bytes for '\n' may differ), or bytes invalid in strict
   * mode (the caller then decodes word by word to name the offending one), or a byte-order mark
   * (TextDecoder drops it at the start of each word, so only word by word gives the same). In UTF-8
   * an invalid sequence never swallows the ASCII byte after it, so replacements stay in their word.
   */
  decodeJoined(bytes: Buffer): string | null {
    if (this.decoder.encoding !== 'utf-8') return null;
    let text: string;
    // Valid UTF-8 decodes the same either way, and Buffer's decoder is several times faster.
    if (isUtf8(bytes)) text = bytes.toString('utf8');
    else if (this.unicodeErrors === 'strict') return null;
    else text = this.decoder.decode(bytes);
    return text.includes('\uFEFF') ? null : text;
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
