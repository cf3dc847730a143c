import { InvalidArgumentError } from 'commander';

/** Commander parser for whole-number options: rejects "12abc", "-3" and "1.5" with a clear message. */
export function integerOption(value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError(`"${value}" is not a non-negative whole number.`);
  return Number(value);
}

/** Commander parser for real-number options. */
export function numberOption(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new InvalidArgumentError(`"${value}" is not a number.`);
  return n;
}
