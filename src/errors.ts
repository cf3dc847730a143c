/** Where in the input a problem was found. */
export interface ErrorPlace {
  file?: string;
  line?: number;
  byteOffset?: number;
  field?: string;
}

/**
 * The one error type of embedkit. The CLI prints `message` as one line and exits non-zero;
 * any other exception is a bug.
 */
export class EmbedkitError extends Error {
  readonly code: string;
  readonly place: ErrorPlace;

  constructor(code: string, message: string, place: ErrorPlace = {}) {
    super(EmbedkitError.format(message, place));
    this.name = 'EmbedkitError';
    this.code = code;
    this.place = place;
  }

  private static format(message: string, place: ErrorPlace): string {
    const where: string[] = [];
    if (place.file !== undefined) where.push(place.file);
    if (place.line !== undefined) where.push(`line ${place.line}`);
    if (place.byteOffset !== undefined) where.push(`byte ${place.byteOffset}`);
    if (place.field !== undefined) where.push(`field "${place.field}"`);
    return where.length ? `${where.join(', ')}: ${message}` : message;
  }
}
