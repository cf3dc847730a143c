import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { evaluateAnalogies, type AnalogyMethod, type AnalogyResult } from '../../src/eval/analogies.js';
import { EmbedkitError } from '../../src/errors.js';
import { KeyedVectors } from '../../src/vectors/keyed-vectors.js';
import { Random } from '../../src/util/random.js';

const dir = mkdtempSync(join(tmpdir(), 'embedkit-analogies-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function store(entries: [string, number[]][]): KeyedVectors {
  const dim = entries[0][1].length;
  return new KeyedVectors(
    entries.map(([word]) => word),
    Float32Array.from(entries.flatMap(([, vector]) => vector)),
    dim,
  );
}

/**
 * Axis 0 "is a country", axis 1 "is a capital", axes 2/3 which country: capital − country + other
 * country lands exactly on the other capital, so every answer is known by hand.
 */
const capitals = store([
  ['france', [1, 0, 1, 0]],
  ['paris', [0, 1, 1, 0]],
  ['germany', [1, 0, 0, 1]],
  ['berlin', [0, 1, 0, 1]],
  ['italy', [1, 0, -1, 0]],
  ['rome', [0, 1, -1, 0]],
  ['the', [-1, -1, 0, 0]],
]);

const questions = [
  ': capital',
  'france paris germany berlin', // → berlin: right
  'germany berlin italy rome', // → rome: right
  'france paris italy berlin', // → rome: wrong
  'france paris spain madrid', // unknown words: skipped
  ': reverse',
  'Paris France Berlin Germany', // → germany, found only by case folding
];

function sectionCounts(result: AnalogyResult): [string, number, number, number][] {
  return result.sections.map((s) => [s.name, s.correct, s.seen, s.total]);
}

test('sections, totals, skipped questions and case folding', async () => {
  for (const method of ['3CosAdd', '3CosMul'] as AnalogyMethod[]) {
    const result = await evaluateAnalogies(capitals, questions, { method });
    assert.equal(result.method, method);
    assert.deepEqual(sectionCounts(result), [
      ['capital', 2, 3, 4],
      ['reverse', 1, 1, 1],
    ]);
    assert.equal(result.sections[0].accuracy, 2 / 3);
    assert.deepEqual([result.correct, result.seen, result.total, result.skipped], [3, 4, 5, 1]);
    assert.equal(result.accuracy, 3 / 4);
  }
});

test('case-sensitive: differently cased questions are unknown', async () => {
  const result = await evaluateAnalogies(capitals, questions, { caseInsensitive: false });
  assert.deepEqual(sectionCounts(result), [
    ['capital', 2, 3, 4],
    ['reverse', 0, 0, 1],
  ]);
  assert.equal(result.sections[1].accuracy, 0, 'an unanswered section scores 0, as gensim');
  assert.deepEqual([result.correct, result.seen, result.skipped], [2, 3, 2]);
});

test('dummy4unknown counts unknown questions as wrong', async () => {
  const result = await evaluateAnalogies(capitals, questions, { dummy4unknown: true });
  assert.equal(result.accuracy, 3 / 5);
  assert.equal(result.sections[0].accuracy, 2 / 4);
  assert.equal(result.skipped, 1);
});

test('case folding uses the most frequent variant and skips case variants of the question words', async () => {
  // PARIS (row 1) is the frequent form; "paris" further down has a useless vector.
  const variants = store([
    ['france', [1, 0, 1, 0]],
    ['PARIS', [0, 1, 1, 0]],
    ['germany', [1, 0, 0, 1]],
    ['GERMANY', [0, 1, 0, 1]], // exactly the query direction: the best candidate, but a variant of c
    ['berlin', [0, 1, 0, 1.1]],
    ['italy', [1, 0, -1, 0]],
    ['paris', [0, 0, -1, -1]],
  ]);
  const lines = [': capital', 'france paris germany berlin'];
  const folded = await evaluateAnalogies(variants, lines);
  assert.deepEqual([folded.correct, folded.seen], [1, 1]);
  // Without folding, "paris" is the useless row and GERMANY is just another word: both go wrong.
  const exact = await evaluateAnalogies(variants, lines, { caseInsensitive: false });
  assert.deepEqual([exact.correct, exact.seen], [0, 1]);
  const exactWithGoodParis = await evaluateAnalogies(variants, [': capital', 'france PARIS germany berlin'], { caseInsensitive: false });
  assert.deepEqual([exactWithGoodParis.correct, exactWithGoodParis.seen], [0, 1], 'GERMANY wins when it is not a variant of germany');
});

test('restrictVocab cuts both the questions and the candidate answers', async () => {
  const restricted = store([
    ['france', [1, 0, 1, 0]],
    ['paris', [0, 1, 1, 0]],
    ['germany', [1, 0, 0, 1]],
    ['berlin', [0, 1, 0, 1]],
    ['italy', [1, 0, -1, 0]],
    ['rome', [0, 1, -1, 0.3]],
    ['roma', [0, 1, -1, 0]], // a better answer than rome, but rarer
  ]);
  const lines = [': capital', 'germany berlin italy rome', 'france paris germany berlin'];
  const all = await evaluateAnalogies(restricted, lines, { restrictVocab: 0 });
  assert.deepEqual([all.correct, all.seen], [1, 2], 'roma beats rome');
  const six = await evaluateAnalogies(restricted, lines, { restrictVocab: 6 });
  assert.deepEqual([six.correct, six.seen], [2, 2], 'roma is no longer a candidate');
  const three = await evaluateAnalogies(restricted, lines, { restrictVocab: 3 });
  assert.deepEqual([three.correct, three.seen, three.skipped], [0, 0, 2], 'berlin is no longer a word');
  await assert.rejects(evaluateAnalogies(restricted, lines, { restrictVocab: -1 }), EmbedkitError);
});

test('malformed lines throw naming file and line, or are skipped on request', async () => {
  const file = join(dir, 'bad.txt');
  writeFileSync(file, ': capital\nfrance paris germany berlin\nfrance paris germany\n');
  await assert.rejects(evaluateAnalogies(capitals, file), (error: unknown) => {
    assert.ok(error instanceof EmbedkitError);
    assert.equal(error.place.file, file);
    assert.equal(error.place.line, 3);
    assert.equal(error.place.byteOffset, ': capital\nfrance paris germany berlin\n'.length);
    return true;
  });
  const skipped = await evaluateAnalogies(capitals, file, { invalidLines: 'skip' });
  assert.deepEqual([skipped.correct, skipped.total, skipped.invalid], [1, 1, 1]);
  await assert.rejects(evaluateAnalogies(capitals, ['france paris germany berlin']), (error: unknown) => {
    return error instanceof EmbedkitError && error.place.line === 1 && /section/.test(error.message);
  });
  const invalidUtf8 = join(dir, 'latin1.txt');
  writeFileSync(invalidUtf8, Buffer.concat([Buffer.from(': s\nfrance paris germany berlin\n'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a])]));
  await assert.rejects(evaluateAnalogies(capitals, invalidUtf8), (error: unknown) => error instanceof EmbedkitError && error.place.line === 3);
});

test('files: byte-order mark, CRLF, blank lines and gzip read like plain lines', async () => {
  const text = '\ufeff' + questions.join('\r\n') + '\r\n\r\n';
  const plain = join(dir, 'questions.txt');
  const gzipped = join(dir, 'questions.txt.gz');
  writeFileSync(plain, text);
  writeFileSync(gzipped, gzipSync(Buffer.from(text)));
  const expected = await evaluateAnalogies(capitals, questions);
  for (const file of [plain, gzipped]) {
    const result = await evaluateAnalogies(capitals, file);
    assert.equal(result.file, file);
    assert.deepEqual(sectionCounts(result), sectionCounts(expected));
  }
});

/**
 * gensim's evaluate_word_analogies written out naively (float64, full sort per question): the
 * folded word it predicts for each question, null for a question it skips.
 */
function gensimPredictions(kv: KeyedVectors, questions: string[][], restrictVocab: number, caseInsensitive: boolean, method: AnalogyMethod): (string | null)[] {
  const limit = restrictVocab === 0 ? kv.size : Math.min(restrictVocab, kv.size);
  const fold = (word: string) => (caseInsensitive ? word.toUpperCase() : word);
  const okVocab = new Map<string, number>();
  for (let row = limit - 1; row >= 0; row--) okVocab.set(fold(kv.words[row]), row);
  const unit = (row: number) => {
    const v = Array.from(kv.vectors.subarray(row * kv.dim, (row + 1) * kv.dim));
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  };
  const dot = (x: number[], y: number[]) => x.reduce((sum, xi, i) => sum + xi * y[i], 0);
  return questions.map((question) => {
    const [a, b, c, expected] = question.map(fold);
    if (![a, b, c, expected].every((w) => okVocab.has(w))) return null;
    const [ua, ub, uc] = [a, b, c].map((w) => unit(okVocab.get(w)!));
    const mean = ub.map((x, i) => x + uc[i] - ua[i]);
    const scores: number[] = [];
    for (let row = 0; row < limit; row++) {
      const w = unit(row);
      scores.push(
        method === '3CosAdd'
          ? dot(w, mean) / Math.hypot(...mean)
          : (((1 + dot(w, ub)) / 2) * ((1 + dot(w, uc)) / 2)) / ((1 + dot(w, ua)) / 2 + 1e-6),
      );
    }
    const excluded = new Set([a, b, c].map((w) => okVocab.get(w)));
    const best = [...scores.keys()].filter((row) => !excluded.has(row)).sort((x, y) => scores[y] - scores[x] || x - y).slice(0, 5);
    const ignore = new Set([a, b, c]);
    let predicted: string | null = null;
    for (const row of best) {
      predicted = fold(kv.words[row]);
      if (!ignore.has(predicted)) break;
    }
    return predicted ?? '';
  });
}

test('agrees question by question with a naive gensim implementation (both methods, chunked or not)', async () => {
  const random = new Random(11);
  const base = Array.from({ length: 60 }, (_, i) => `w${i}`);
  // Case variants, some before and some after their lower-case form.
  const words = [...base, 'W1', 'W2', 'W3', 'W10', 'W11', 'W12', 'W13'];
  random.shuffle(words);
  const dim = 6;
  const kv = new KeyedVectors(words, Float32Array.from({ length: words.length * dim }, () => random.normal()), dim);
  // Mostly words near the top (inside any restriction), sometimes any word or an unknown one.
  const frequent = words.filter((word) => word.startsWith('w')).slice(0, 16);
  const pick = () => {
    const draw = random.int(20);
    const word = draw === 0 ? 'unknown' : draw < 3 ? base[random.int(base.length)] : frequent[random.int(frequent.length)];
    return random.int(3) === 0 ? word.toUpperCase() : word;
  };
  for (const method of ['3CosAdd', '3CosMul'] as AnalogyMethod[]) {
    for (const [restrictVocab, caseInsensitive] of [
      [0, true],
      [40, true],
      [0, false],
    ] as [number, boolean][]) {
      const questions = Array.from({ length: 150 }, () => [pick(), pick(), pick(), pick()]);
      // Half the questions get gensim's own prediction as their answer, so both outcomes occur.
      const predictions = gensimPredictions(kv, questions, restrictVocab, caseInsensitive, method);
      questions.forEach((question, i) => {
        if (i % 2 === 0 && predictions[i]) question[3] = caseInsensitive && random.int(2) === 0 ? predictions[i]!.toLowerCase() : predictions[i]!;
      });
      const fold = (word: string) => (caseInsensitive ? word.toUpperCase() : word);
      const expected = gensimPredictions(kv, questions, restrictVocab, caseInsensitive, method).map((predicted, i) =>
        predicted === fold(questions[i][3]) ? 1 : 0,
      );
      assert.ok(expected.filter((x) => x === 1).length > 10, `${expected.filter((x) => x === 1).length} right answers (${method}, ${restrictVocab}, ${caseInsensitive})`);
      // One section per question: the sections report each question's outcome.
      const lines = questions.flatMap((question, i) => [`: q${i}`, question.join(' ')]);
      for (const tableBytes of [undefined, 3 * 4 * kv.size]) {
        const result = await evaluateAnalogies(kv, lines, { method, restrictVocab, caseInsensitive, tableBytes });
        assert.deepEqual(
          result.sections.map((s) => s.correct),
          expected,
          `${method}, restrictVocab ${restrictVocab}, caseInsensitive ${caseInsensitive}, tableBytes ${tableBytes}`,
        );
      }
    }
  }
});

test("agrees with KeyedVectors' own most-similar queries when nothing is folded or restricted", async () => {
  const random = new Random(5);
  const words = Array.from({ length: 50 }, (_, i) => `v${i}`);
  const kv = new KeyedVectors(words, Float32Array.from({ length: 50 * 5 }, () => random.normal()), 5);
  const lines = [': all'];
  for (let q = 0; q < 200; q++) lines.push(Array.from({ length: 4 }, () => words[random.int(12)]).join(' '));
  for (const method of ['3CosAdd', '3CosMul'] as AnalogyMethod[]) {
    let expected = 0;
    for (const line of lines.slice(1)) {
      const [a, b, c, d] = line.split(' ');
      const query = { positive: [b, c], negative: [a], topn: 1 };
      const [top] = method === '3CosAdd' ? kv.mostSimilar(query) : kv.mostSimilarCosmul(query);
      if (top.word === d) expected++;
    }
    const result = await evaluateAnalogies(kv, lines, { method, caseInsensitive: false, restrictVocab: 0 });
    assert.equal(result.correct, expected, method);
    assert.ok(expected > 0);
  }
});
