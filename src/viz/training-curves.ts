import { renderTrainingCurvesSvg, type TrainingHistory } from './line-chart-svg.js';
import { writePlot, type PlotFormat } from './plot-output.js';

/** One record per epoch, as word2vec training reports them ({epoch, loss, alpha, …}). */
export type EpochRecords = readonly { epoch?: number; [name: string]: number | undefined }[];

/**
 * Writes the loss / accuracy (and val_*) curves of a training run to `path` (.svg, .png or .html).
 * Takes Sequential.fit's History, or per-epoch records (word2vec's history), of which the *loss and
 * *accuracy fields are drawn. For `classify train --plot` and `vectors train --plot`.
 */
export async function writeTrainingCurves(history: TrainingHistory | EpochRecords, path: string, title = 'Training curves'): Promise<PlotFormat> {
  return writePlot(renderTrainingCurvesSvg(asTrainingHistory(history), { title }), path, title);
}

export function asTrainingHistory(history: TrainingHistory | EpochRecords): TrainingHistory {
  if (!Array.isArray(history)) return history as TrainingHistory;
  const records = history as EpochRecords;
  const names = [...new Set(records.flatMap((r) => Object.keys(r)))].filter((n) => /(loss|accuracy|cost)$/.test(n));
  const series: Record<string, number[]> = {};
  for (const name of names) series[name] = records.map((r) => r[name] ?? NaN);
  const epochs = records.map((r, i) => (typeof r.epoch === 'number' ? r.epoch : i));
  // Records count epochs from 1 where fit's History counts from 0; the chart adds 1 itself.
  const zeroBased = epochs.length > 0 && epochs[0] >= 1 ? epochs.map((e) => e - 1) : epochs;
  return { epoch: zeroBased, history: series };
}
