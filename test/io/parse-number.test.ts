import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lastParseEnd, lastParseOk, parseDecimal, parseField } from '../../src/io/parse-number.js';
import { formatFloat32 } from '../../src/io/format-float.js';
import { Random } from '../../src/util/random.js';

function parse(text: string): { value: number; ok: boolean } {
  const bytes = Buffer.from(`  ${text}  `, 'latin1');
  const value = parseDecimal(bytes, 2, bytes.length - 2);
  return { value, ok: lastParseOk };
}

test('parseDecimal gives exactly parseFloat for ordinary decimals', () => {
  const samples = ['0', '-0', '1', '-1.5', '0.418', '3.14159', '.5', '5.', '+2', '1e3', '1E-3', '-2.5e+10', '0.000123', '123456789012345',
    '-0.65992', '0.062743', '1e22', '1e-22', '9007199254740991'];
  for (const sample of samples) {
    const { value, ok } = parse(sample);
    assert.ok(ok, sample);
    assert.ok(Object.is(value, parseFloat(sample)), `${sample}: ${value} vs ${parseFloat(sample)}`);
  }
});

test('parseDecimal matches parseFloat on random numbers, including the slow path', () => {
  const random = new Random(7);
  for (let i = 0; i < 20000; i++) {
    const digits = 1 + random.int(19);
    let mantissa = '';
    for (let d = 0; d < digits; d++) mantissa += String(random.int(10));
    const point = random.int(digits + 1);
    let text = `${mantissa.slice(0, point)}.${mantissa.slice(point)}`;
    if (random.float() < 0.5) text = '-' + text;
    if (random.float() < 0.4) text += `e${random.int(80) - 40}`;
    const { value, ok } = parse(text);
    assert.ok(ok, text);
    assert.ok(Object.is(value, parseFloat(text)), `${text}: ${value} vs ${parseFloat(text)}`);
  }
});

test('parseDecimal keeps 17 significant digits exact (gensim high-precision fixture value)', () => {
  assert.equal(parse('-0.0008546282343595379').value, -0.0008546282343595379);
  assert.equal(parse('-8.269973595356034e-05').value, -8.269973595356034e-5);
});

test('parseDecimal accepts Python float spellings of special values', () => {
  assert.ok(Number.isNaN(parse('nan').value) && parse('NaN').ok);
  assert.equal(parse('inf').value, Infinity);
  assert.equal(parse('-Infinity').value, -Infinity);
  assert.equal(parse('1e400').value, Infinity);
  assert.equal(parse('1e-400').value, 0);
});

test('parseDecimal rejects what is not a number', () => {
  for (const bad of ['', '-', '+', '.', 'e5', '1e', '1e+', '1.2.3', 'abc', '--1', '0x10', '1_0', '1,5', 'infinit', '12a']) {
    const { value, ok } = parse(bad);
    assert.equal(ok, false, `"${bad}" was accepted`);
    assert.ok(Number.isNaN(value));
  }
});

test('parseField parses up to the next space or tab and reports where the field ended', () => {
  const cases: [string, number, boolean, number][] = [
    ['1.5 2', 1.5, true, 3],
    ['-2e3\t7', -2000, true, 4],
    ['42', 42, true, 2],
    ['nan 1', NaN, true, 3],
    ['-inf', -Infinity, true, 4],
    ['1.5x 2', NaN, false, 4],
    ['abc def', NaN, false, 3],
    ['1e 2', NaN, false, 2],
  ];
  for (const [text, value, ok, end] of cases) {
    const parsed = parseField(Buffer.from(text), 0, text.length);
    assert.equal(lastParseOk, ok, text);
    assert.equal(lastParseEnd, end, text);
    assert.ok(Object.is(parsed, value), `${text}: ${parsed}`);
  }
});

test('formatFloat32 writes the shortest text that reads back as the same float32', () => {
  assert.equal(formatFloat32(0.5), '0.5');
  assert.equal(formatFloat32(Math.fround(0.1)), '0.1');
  assert.equal(formatFloat32(Math.fround(1 / 3)), '0.33333334');
  assert.equal(formatFloat32(Math.fround(-0.65992)), '-0.65992');
  assert.equal(formatFloat32(-0), '-0');
  assert.equal(formatFloat32(NaN), 'nan');
  assert.equal(formatFloat32(-Infinity), '-inf');
  const bits = new Uint32Array(1);
  const floats = new Float32Array(bits.buffer);
  const random = new Random(3);
  for (let i = 0; i < 20000; i++) {
    bits[0] = random.nextUint32();
    const value = floats[0];
    if (!Number.isFinite(value)) continue;
    const text = formatFloat32(value);
    assert.ok(Object.is(Math.fround(Number(text)), value), `${value} → ${text}`);
    assert.equal(text, String(Number(text)), 'laid out as JS prints numbers');
    const digits = text.replace(/^-/, '').replace(/e.*$/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '').length;
    assert.ok(digits <= 9, text);
  }
});
