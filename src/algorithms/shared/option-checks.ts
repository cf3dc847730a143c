// Validation of numeric and flag options, shared by the trainers' option resolvers: each returns
// the fallback for undefined and throws BAD_OPTION naming the field for anything out of range.
import { EmbedkitError } from '../../errors.js';

export function pickFlag(value: unknown, fallback: 0 | 1, field: string): 0 | 1 {
  if (value === undefined) return fallback;
  if (value === 0 || value === 1) return value;
  if (value === true || value === false) return value ? 1 : 0;
  throw new EmbedkitError('BAD_OPTION', `${field} must be 0 or 1, got ${JSON.stringify(value)}`, { field });
}

export function pickBoolean(value: unknown, fallback: boolean, field: string): boolean {
  if (value === undefined) return fallback;
  if (typeof value === 'boolean') return value;
  throw new EmbedkitError('BAD_OPTION', `${field} must be true or false, got ${JSON.stringify(value)}`, { field });
}

/** An integer in [min, max]. */
export function pickInteger(value: unknown, fallback: number, field: string, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new EmbedkitError('BAD_OPTION', `${field} must be an integer in [${min}, ${max}], got ${JSON.stringify(value)}`, { field });
  }
  return value;
}

/** A finite number in [min, max] when `minIncluded`, else in (min, max]. */
export function pickNumber(value: unknown, fallback: number, field: string, min: number, max: number, minIncluded: boolean): number {
  if (value === undefined) return fallback;
  const ok = typeof value === 'number' && Number.isFinite(value) && (minIncluded ? value >= min : value > min) && value <= max;
  if (!ok) {
    throw new EmbedkitError('BAD_OPTION', `${field} must be a number in ${minIncluded ? '[' : '('}${min}, ${max}], got ${JSON.stringify(value)}`, { field });
  }
  return value as number;
}
