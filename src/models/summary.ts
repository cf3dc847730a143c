import type { Shape } from '../layers/layer.js';

export interface SummaryRow {
  name: string;
  className: string;
  outputShape: Shape;
  params: number;
  trainableParams: number;
}

/** Keras' model.summary() table: layer (type), output shape with None for the batch, parameter counts. */
export function formatSummary(modelName: string, rows: readonly SummaryRow[]): string {
  const cells = rows.map((r) => [`${r.name} (${r.className})`, formatShape(r.outputShape), formatCount(r.params)]);
  const headers = ['Layer (type)', 'Output Shape', 'Param #'];
  const widths = [29, 26, 10].map((min, c) => Math.max(min, headers[c].length + 2, ...cells.map((row) => row[c].length + 2)));
  const width = widths.reduce((a, b) => a + b, 0);
  const line = (values: string[]): string => values.map((v, c) => v.padEnd(widths[c])).join('').trimEnd();
  const total = rows.reduce((n, r) => n + r.params, 0);
  const trainable = rows.reduce((n, r) => n + r.trainableParams, 0);
  const out = [`Model: "${modelName}"`, '_'.repeat(width), line(headers), '='.repeat(width)];
  cells.forEach((row, i) => {
    out.push(line(row));
    out.push(i === cells.length - 1 ? '='.repeat(width) : '_'.repeat(width));
  });
  out.push(`Total params: ${formatCount(total)}`);
  out.push(`Trainable params: ${formatCount(trainable)}`);
  out.push(`Non-trainable params: ${formatCount(total - trainable)}`);
  out.push('_'.repeat(width));
  return out.join('\n');
}

function formatShape(shape: Shape): string {
  return `(${['None', ...shape.map((d) => (d === null ? 'None' : String(d)))].join(', ')})`;
}

function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
