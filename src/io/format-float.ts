/**
 * The shortest decimal text that reads back as exactly the same float32, so a text file written
 * here round-trips bit for bit (what numpy's repr of a float32 gives; the C tool's "%lf" does not).
 *
 * For p = 1, 2, … 9 significant digits, the value is rounded to p digits as an integer mantissa m
 * and a power of ten; m·10^k with m < 2^53 and |k| ≤ 22 is one correctly rounded double
 * operation, i.e. exactly what a reader's parse gives, so `Math.fround(candidate) === value` is
 * the round-trip test. The first p that passes is the shortest. The digits are then written as
 * bytes, in the layout of JS's Number→string, without building strings: writing a text file of
 * millions of values is otherwise dominated by string garbage. Nine digits always suffice for
 * float32; values whose power of ten is outside the exact range fall back to toPrecision.
 */
const POWERS_OF_TEN = new Float64Array(61).map((_, i) => 10 ** i);
const MAX_SIGNIFICANT_DIGITS = 9;
/** Most stored weights need 7–9 digits: one probe at 6 saves walking up from 1 for them. */
const PROBE_DIGITS = 6;
/** Longest text written: "-1.23456789e-38". */
export const MAX_FLOAT32_TEXT_BYTES = 16;

const CHAR_0 = 0x30;
const CHAR_MINUS = 0x2d;
const CHAR_PLUS = 0x2b;
const CHAR_DOT = 0x2e;
const CHAR_E = 0x65;

const digitScratch = new Uint8Array(24);
const textScratch = Buffer.alloc(64);

/** The shortest round-trip text of a float32 value (as a string). */
export function formatFloat32(value: number): string {
  const end = writeFloat32Text(textScratch, 0, value);
  return textScratch.toString('latin1', 0, end);
}

/** Writes the shortest round-trip text of `value` at target[offset…]; returns the end offset. */
export function writeFloat32Text(target: Uint8Array, offset: number, value: number): number {
  if (value === 0) {
    if (Object.is(value, -0)) target[offset++] = CHAR_MINUS;
    target[offset] = CHAR_0;
    return offset + 1;
  }
  if (!Number.isFinite(value)) return writeAscii(target, offset, Number.isNaN(value) ? 'nan' : value > 0 ? 'inf' : '-inf');
  const magnitude = Math.abs(value);
  const leadingExponent = Math.floor(Math.log10(magnitude));
  const firstTry = roundTripsWith(magnitude, leadingExponent, PROBE_DIGITS) ? 1 : PROBE_DIGITS + 1;
  for (let digits = firstTry; digits <= MAX_SIGNIFICANT_DIGITS; digits++) {
    const shift = leadingExponent - digits + 1;
    if (shift > 22 || shift < -22) break;
    const mantissa = mantissaFor(magnitude, shift);
    if (Math.fround(valueOf(mantissa, shift)) === magnitude) return writeDecimal(target, offset, value < 0, mantissa, shift);
  }
  return writeAscii(target, offset, slowFormat(value));
}

function roundTripsWith(magnitude: number, leadingExponent: number, digits: number): boolean {
  const shift = leadingExponent - digits + 1;
  if (shift > 22 || shift < -22) return false;
  return Math.fround(valueOf(mantissaFor(magnitude, shift), shift)) === magnitude;
}

/** The value rounded to an integer mantissa at 10^shift (an approximation; the caller verifies). */
function mantissaFor(magnitude: number, shift: number): number {
  return Math.round(shift >= 0 ? magnitude / POWERS_OF_TEN[shift] : magnitude * POWERS_OF_TEN[-shift]);
}

/** mantissa · 10^shift as the correctly rounded double (|shift| ≤ 22, mantissa < 2^53). */
function valueOf(mantissa: number, shift: number): number {
  return shift >= 0 ? mantissa * POWERS_OF_TEN[shift] : mantissa / POWERS_OF_TEN[-shift];
}

/** sign · mantissa · 10^shift, laid out as Number.prototype.toString would. */
function writeDecimal(target: Uint8Array, offset: number, negative: boolean, mantissa: number, shift: number): number {
  while (mantissa % 10 === 0) {
    mantissa /= 10;
    shift++;
  }
  let count = 0;
  for (let rest = mantissa; rest > 0; rest = Math.floor(rest / 10)) digitScratch[digitScratch.length - ++count] = CHAR_0 + (rest % 10);
  const digits = digitScratch.length - count;
  const pointPosition = count + shift;
  if (negative) target[offset++] = CHAR_MINUS;
  if (shift >= 0 && pointPosition <= 21) {
    for (let i = 0; i < count; i++) target[offset++] = digitScratch[digits + i];
    for (let i = 0; i < shift; i++) target[offset++] = CHAR_0;
  } else if (pointPosition > 0 && pointPosition <= 21) {
    for (let i = 0; i < count; i++) {
      if (i === pointPosition) target[offset++] = CHAR_DOT;
      target[offset++] = digitScratch[digits + i];
    }
  } else if (pointPosition <= 0 && pointPosition > -6) {
    target[offset++] = CHAR_0;
    target[offset++] = CHAR_DOT;
    for (let i = 0; i < -pointPosition; i++) target[offset++] = CHAR_0;
    for (let i = 0; i < count; i++) target[offset++] = digitScratch[digits + i];
  } else {
    target[offset++] = digitScratch[digits];
    if (count > 1) {
      target[offset++] = CHAR_DOT;
      for (let i = 1; i < count; i++) target[offset++] = digitScratch[digits + i];
    }
    const exponent = pointPosition - 1;
    target[offset++] = CHAR_E;
    target[offset++] = exponent >= 0 ? CHAR_PLUS : CHAR_MINUS;
    offset = writeAscii(target, offset, String(Math.abs(exponent)));
  }
  return offset;
}

function writeAscii(target: Uint8Array, offset: number, text: string): number {
  for (let i = 0; i < text.length; i++) target[offset++] = text.charCodeAt(i);
  return offset;
}

/** Far from 1 (beyond 1e±22 or so): try each precision through the string conversions. */
function slowFormat(value: number): string {
  for (let digits = 1; digits < MAX_SIGNIFICANT_DIGITS; digits++) {
    const text = value.toPrecision(digits);
    if (Math.fround(Number(text)) === value) return String(Number(text));
  }
  return String(Number(value.toPrecision(MAX_SIGNIFICANT_DIGITS)));
}
