import { badRequest } from './api-error.js';

export const MAX_WORD_LENGTH = 100;
export const MAX_K = 1000;

type Params = Record<string, unknown> | undefined | null;

/** A required word parameter: a single string of 1–100 characters (code points). */
export function wordParam(params: Params, name: string): string {
  const value = params?.[name];
  if (value === undefined || value === null || value === '') throw badRequest(`missing parameter "${name}"`);
  if (typeof value !== 'string') throw badRequest(`parameter "${name}" must be one string`);
  if ([...value].length > MAX_WORD_LENGTH) throw badRequest(`parameter "${name}" is longer than ${MAX_WORD_LENGTH} characters`);
  return value;
}

/** An optional integer in [min, max]; query strings arrive as text, JSON bodies as numbers. */
export function integerParam(params: Params, name: string, fallback: number, min: number, max: number): number {
  const value = params?.[name];
  if (value === undefined || value === null || value === '') return fallback;
  const parsed = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
    throw badRequest(`parameter "${name}" must be an integer from ${min} to ${max}`);
  }
  return parsed;
}

export function oneOfParam<T extends string>(params: Params, name: string, choices: readonly T[], fallback: T): T {
  const value = params?.[name];
  if (value === undefined || value === null || value === '') return fallback;
  if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
    throw badRequest(`parameter "${name}" must be one of ${choices.join(', ')}`);
  }
  return value as T;
}

/** An optional list of words (a JSON array of strings), at most `max` of them. */
export function wordListParam(params: Params, name: string, max: number): string[] | undefined {
  const value = params?.[name];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((w) => typeof w !== 'string')) throw badRequest(`"${name}" must be an array of strings`);
  if (value.length > max) throw badRequest(`"${name}" may hold at most ${max} words`);
  for (const word of value as string[]) {
    if (word === '' || [...word].length > MAX_WORD_LENGTH) throw badRequest(`each of "${name}" must have 1 to ${MAX_WORD_LENGTH} characters`);
  }
  return value as string[];
}
