/**
 * Decimal numbers parsed straight from bytes, so reading a text vector file does not build one JS
 * string per value. The common case (at most 15 significant digits, decimal exponent within ±22)
 * is exact: an integer mantissa below 2^53 times or divided by an exactly representable power of
 * ten is one correctly rounded IEEE operation (Clinger's fast path), i.e. the same double as
 * `parseFloat`. Anything longer falls back to `parseFloat` on the token's text.
 */

const POWERS_OF_TEN = new Float64Array(23).map((_, i) => 10 ** i);
const MAX_FAST_DIGITS = 15;

const CHAR_0 = 0x30;
const CHAR_PLUS = 0x2b;
const CHAR_MINUS = 0x2d;
const CHAR_DOT = 0x2e;
const CHAR_E_UPPER = 0x45;
const CHAR_E_LOWER = 0x65;

/** Set by parseDecimal: false when the bytes were not a number (the return value is then NaN). */
export let lastParseOk = true;

const SPECIAL_VALUES: ReadonlyMap<string, number> = new Map([
  ['nan', NaN],
  ['inf', Infinity],
  ['infinity', Infinity],
]);

/** Set by the parsers: where the number ended (for parseField, the end of the field). */
export let lastParseEnd = 0;

const SPACE = 0x20;
const TAB = 0x09;

/**
 * Parses bytes[start, end) as a whole decimal number: `[+-]digits[.digits][e[+-]digits]`, also
 * `.5`, `5.`, and (case-insensitive) `nan`, `inf`, `infinity` as Python's float() accepts them.
 * Reports failure through `lastParseOk` rather than an exception or an object, so the hot loop
 * allocates nothing.
 */
export function parseDecimal(bytes: Uint8Array, start: number, end: number): number {
  const value = scanDecimal(bytes, start, end);
  if (lastParseOk && lastParseEnd === end) return value;
  lastParseOk = true;
  lastParseEnd = end;
  return parseSpecial(bytes, start, end);
}

/**
 * Parses the field starting at `start` that ends at the next space or tab (or at `end`), in the
 * same pass that finds its end; `lastParseEnd` is then the field's end. One scan per value is
 * what makes reading text vectors fast.
 */
export function parseField(bytes: Uint8Array, start: number, end: number): number {
  const value = scanDecimal(bytes, start, end);
  if (lastParseOk && (lastParseEnd === end || bytes[lastParseEnd] === SPACE || bytes[lastParseEnd] === TAB)) return value;
  let fieldEnd = lastParseEnd;
  while (fieldEnd < end && bytes[fieldEnd] !== SPACE && bytes[fieldEnd] !== TAB) fieldEnd++;
  lastParseOk = true;
  lastParseEnd = fieldEnd;
  return parseSpecial(bytes, start, fieldEnd);
}

/** The longest decimal at bytes[start…] (stopping at the first byte that cannot continue it). */
function scanDecimal(bytes: Uint8Array, start: number, end: number): number {
  lastParseOk = true;
  let i = start;
  let negative = false;
  if (i < end && (bytes[i] === CHAR_MINUS || bytes[i] === CHAR_PLUS)) {
    negative = bytes[i] === CHAR_MINUS;
    i++;
  }
  let mantissa = 0;
  let significantDigits = 0;
  let exponent = 0;
  let sawDigit = false;
  while (i < end) {
    const digit = bytes[i] - CHAR_0;
    if (digit < 0 || digit > 9) break;
    sawDigit = true;
    if (mantissa !== 0 || digit !== 0) {
      if (significantDigits < MAX_FAST_DIGITS) mantissa = mantissa * 10 + digit;
      else exponent++;
      significantDigits++;
    }
    i++;
  }
  if (i < end && bytes[i] === CHAR_DOT) {
    i++;
    while (i < end) {
      const digit = bytes[i] - CHAR_0;
      if (digit < 0 || digit > 9) break;
      sawDigit = true;
      if (mantissa !== 0 || digit !== 0) {
        if (significantDigits < MAX_FAST_DIGITS) {
          mantissa = mantissa * 10 + digit;
          exponent--;
        }
        significantDigits++;
      } else {
        exponent--;
      }
      i++;
    }
  }
  if (!sawDigit) return fail(i);
  if (i < end && (bytes[i] === CHAR_E_LOWER || bytes[i] === CHAR_E_UPPER)) {
    i++;
    let exponentNegative = false;
    if (i < end && (bytes[i] === CHAR_MINUS || bytes[i] === CHAR_PLUS)) {
      exponentNegative = bytes[i] === CHAR_MINUS;
      i++;
    }
    let explicitExponent = 0;
    const exponentStart = i;
    while (i < end) {
      const digit = bytes[i] - CHAR_0;
      if (digit < 0 || digit > 9) break;
      // Saturate: beyond this the value is 0 or Infinity whatever the mantissa.
      if (explicitExponent < 100000) explicitExponent = explicitExponent * 10 + digit;
      i++;
    }
    if (i === exponentStart) return fail(i);
    exponent += exponentNegative ? -explicitExponent : explicitExponent;
  }
  lastParseEnd = i;
  if (mantissa === 0) return negative ? -0 : 0;
  if (significantDigits > MAX_FAST_DIGITS || exponent > 22 || exponent < -22) {
    return parseFloat(latin1(bytes, start, i));
  }
  const magnitude = exponent >= 0 ? mantissa * POWERS_OF_TEN[exponent] : mantissa / POWERS_OF_TEN[-exponent];
  return negative ? -magnitude : magnitude;
}

function parseSpecial(bytes: Uint8Array, start: number, end: number): number {
  if (end - start > 9) return fail();
  let text = latin1(bytes, start, end).toLowerCase();
  let sign = 1;
  if (text.startsWith('-') || text.startsWith('+')) {
    if (text[0] === '-') sign = -1;
    text = text.slice(1);
  }
  const value = SPECIAL_VALUES.get(text);
  if (value === undefined) return fail();
  return sign * value;
}

function fail(at?: number): number {
  lastParseOk = false;
  if (at !== undefined) lastParseEnd = at;
  return NaN;
}

function latin1(bytes: Uint8Array, start: number, end: number): string {
  let text = '';
  for (let i = start; i < end; i++) text += String.fromCharCode(bytes[i]);
  return text;
}
