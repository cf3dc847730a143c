/**
 * Compares strings by Unicode code point, the order that does not depend on the platform or the
 * locale. JavaScript's `<` compares UTF-16 code units instead, which puts U+E000..U+FFFF after
 * the astral characters (stored as surrogates D800..DFFF); shifting the units fixes that.
 */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x - y;
  }
  return a.length - b.length;
}
