import type { ClassificationReport } from '../eval/classification.js';

/** The readable form of a classification report: totals, a per-class table, the confusion matrix. */
export function formatReport(report: ClassificationReport): string {
  const lines: string[] = [];
  lines.push(`examples  ${report.total}`);
  lines.push(`accuracy  ${report.accuracy.toFixed(4)}`);
  lines.push(`macro-F1  ${report.macroF1.toFixed(4)}`);
  lines.push('');
  const width = Math.max(5, ...report.classes.map((c) => c.label.length));
  lines.push(`${'label'.padEnd(width)}  precision  recall  f1      support`);
  for (const c of report.classes) {
    lines.push(
      `${c.label.padEnd(width)}  ${c.precision.toFixed(4).padStart(9)}  ${c.recall.toFixed(4).padStart(6)}  ${c.f1.toFixed(4)}  ${String(c.support).padStart(7)}`,
    );
  }
  lines.push('');
  lines.push('confusion matrix (rows: true label, columns: predicted)');
  const cell = Math.max(width, ...report.confusion.counts.flat().map((n) => String(n).length));
  lines.push(' '.repeat(width) + '  ' + report.confusion.labels.map((l) => l.padStart(cell)).join(' '));
  report.confusion.counts.forEach((row, i) => {
    lines.push(report.confusion.labels[i].padEnd(width) + '  ' + row.map((n) => String(n).padStart(cell)).join(' '));
  });
  return lines.join('\n') + '\n';
}
