import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { placeLabels, overlaps, type Box } from '../../src/viz/label-placement.js';
import { renderScatterSvg } from '../../src/viz/scatter-svg.js';
import { niceTicks, renderTrainingCurvesSvg } from '../../src/viz/line-chart-svg.js';
import { estimateTextWidth } from '../../src/viz/svg-text.js';
import { svgToPng, writePlot, plotFormatOf } from '../../src/viz/plot-output.js';
import { asTrainingHistory, writeTrainingCurves } from '../../src/viz/training-curves.js';
import { Random } from '../../src/util/random.js';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

test('placed labels never overlap each other or any point, and stay in bounds; crowded ones are dropped', () => {
  const random = new Random(1);
  const bounds: Box = { left: 0, top: 0, right: 300, bottom: 200 };
  const labels = Array.from({ length: 150 }, (_, i) => ({ x: 20 + random.float() * 260, y: 20 + random.float() * 160, text: `word${i}` }));
  const placed = placeLabels(labels, { fontSize: 12, pointRadius: 3, bounds });
  const boxes = placed.filter((p) => p !== null).map((p) => p!.box);
  assert.ok(boxes.length > 10, `only ${boxes.length} placed`);
  assert.ok(boxes.length < labels.length, 'a 300×200 area cannot hold 150 labels: some must be dropped');
  for (let i = 0; i < boxes.length; i++) {
    const b = boxes[i];
    assert.ok(b.left >= 0 && b.top >= 0 && b.right <= 300 && b.bottom <= 200);
    for (let j = i + 1; j < boxes.length; j++) assert.ok(!overlaps(b, boxes[j]), `labels ${i} and ${j} overlap`);
    for (const l of labels) {
      assert.ok(!overlaps(b, { left: l.x - 3, top: l.y - 3, right: l.x + 3, bottom: l.y + 3 }), 'a label covers a point');
    }
  }
});

test('a label whose neighbourhood is full goes farther out with a leader line', () => {
  // A point boxed in by four labelled neighbours right next to it.
  const labels = [
    { x: 100, y: 100, text: 'centre' },
    { x: 100, y: 100, text: 'twin' },
  ];
  const placed = placeLabels(labels, { fontSize: 12, pointRadius: 3, bounds: { left: 0, top: 0, right: 400, bottom: 300 } });
  assert.equal(placed[0]!.leader, false);
  assert.ok(placed[1] !== null);
  assert.ok(!overlaps(placed[0]!.box, placed[1]!.box));
});

test('wide (CJK) characters are measured a full em, Latin ones narrower', () => {
  assert.equal(estimateTextWidth('猫狗', 10), 20);
  assert.ok(estimateTextWidth('ab', 10) < 15);
});

test('scatter SVG: one circle per point, escaped labels, CJK text kept, colours by group', () => {
  const coordinates = Float32Array.from([0, 0, 1, 0, 0, 1, 1, 1]);
  const svg = renderScatterSvg(coordinates, 2, ['a<b', '猫', 'dog', 'cat'], { groups: Int32Array.from([0, 0, 1, 1]), title: 'T & t', emphasise: ['dog'] });
  assert.equal(svg.match(/<circle /g)?.length, 4);
  assert.ok(svg.includes('a&#60;b') && !svg.includes('a<b'));
  assert.ok(svg.includes('>猫</text>'));
  assert.ok(svg.includes('T &#38; t'));
  assert.ok(svg.includes('#4e79a7') && svg.includes('#f28e2b'), 'two group colours');
  assert.ok(svg.includes('font-weight="bold" fill="#c0392b">dog<'));
  assert.match(svg, /font-family="[^"]*Noto Sans CJK SC/);
  assert.throws(() => renderScatterSvg(coordinates, 2, ['a']), /labels need/);
});

test('training curves: a series per metric, val_* dashed, values on nice ticks', () => {
  const svg = renderTrainingCurvesSvg({
    epoch: [0, 1, 2],
    history: { loss: [0.9, 0.5, 0.3], accuracy: [0.5, 0.7, 0.8], val_loss: [1, 0.7, 0.6], val_accuracy: [0.4, 0.6, 0.7] },
  });
  for (const name of ['loss', 'accuracy', 'val_loss', 'val_accuracy']) assert.ok(svg.includes(`data-series="${name}"`), name);
  assert.equal(svg.match(/<polyline[^>]*stroke-dasharray/g)?.length, 2);
  assert.ok(svg.includes('class="panel-loss"') && svg.includes('class="panel-metric"'));
  assert.deepEqual(niceTicks(0.3, 1, 5), [0.2, 0.4, 0.6, 0.8, 1]);
  assert.deepEqual(niceTicks(0, 10, 5), [0, 2, 4, 6, 8, 10]);
  // The last tick covers the largest value.
  assert.deepEqual(niceTicks(0.4, 0.85, 5), [0.4, 0.5, 0.6, 0.7, 0.8, 0.9]);
  assert.throws(() => renderTrainingCurvesSvg({ history: {} }), /no values/);
});

test('word2vec-style epoch records become a history of their loss', () => {
  const history = asTrainingHistory([
    { epoch: 1, loss: 3, alpha: 0.02, wordsPerSec: 1e5 },
    { epoch: 2, loss: 2, alpha: 0.01, wordsPerSec: 1e5 },
  ]);
  assert.deepEqual(history, { epoch: [0, 1], history: { loss: [3, 2] } });
});

test('plots are written as SVG, PNG (resvg) and self-contained HTML, picked by extension', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'embedkit-viz-'));
  try {
    const svg = renderScatterSvg(Float32Array.from([0, 0, 1, 1, 2, 0]), 2, ['cat', '猫', 'dog']);
    assert.equal(await writePlot(svg, join(dir, 'p.svg')), 'svg');
    assert.equal(await readFile(join(dir, 'p.svg'), 'utf8'), svg);
    assert.equal(await writePlot(svg, join(dir, 'p.html'), 'My plot'), 'html');
    const html = await readFile(join(dir, 'p.html'), 'utf8');
    assert.ok(html.startsWith('<!doctype html>') && html.includes('<svg') && html.includes('<title>My plot</title>') && !html.includes('<script'));
    await writeTrainingCurves({ history: { loss: [1, 0.5] } }, join(dir, 'curves.png'));
    const png = await readFile(join(dir, 'curves.png'));
    assert.deepEqual([...png.subarray(0, 8)], PNG_SIGNATURE);
    // Width in the IHDR chunk: the 420-px chart rendered at 2×.
    assert.equal(png.readUInt32BE(16), 840);
    assert.deepEqual([...svgToPng(svg, 1).subarray(0, 8)], PNG_SIGNATURE);
    assert.throws(() => plotFormatOf('plot.jpg'), /use .svg, .png or .html/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
