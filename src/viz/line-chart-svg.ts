import { EmbedkitError } from '../errors.js';
import { escapeXml, FONT_FAMILY, GROUP_COLOURS, px } from './svg-text.js';

/** What `Sequential.fit` returns (and any `{name: values per epoch}` record). */
export interface TrainingHistory {
  epoch?: number[];
  history: Record<string, number[] | undefined>;
}

export interface LineChartOptions {
  width?: number;
  height?: number;
  title?: string;
}

const PANEL_MARGIN = { left: 56, right: 16, top: 40, bottom: 44 };

/**
 * Training curves as a standalone SVG: one panel for the losses and one for the other metrics
 * (accuracy…), each series against the epoch; validation series (val_*) dashed in the colour of
 * their training series.
 */
export function renderTrainingCurvesSvg(history: TrainingHistory, options: LineChartOptions = {}): string {
  const names = Object.keys(history.history).filter((name) => (history.history[name]?.length ?? 0) > 0);
  if (names.length === 0) throw new EmbedkitError('EMPTY_DATA', 'the training history has no values to plot', { field: 'history' });
  const losses = names.filter((n) => n.endsWith('loss'));
  const metrics = names.filter((n) => !n.endsWith('loss'));
  const panels = [losses, metrics].filter((group) => group.length > 0);
  const width = options.width ?? 420 * panels.length;
  const height = options.height ?? 320;
  const titleSpace = options.title ? 24 : 0;
  const panelWidth = width / panels.length;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(FONT_FAMILY)}" font-size="12">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
  ];
  if (options.title) parts.push(`<text x="${px(width / 2)}" y="18" text-anchor="middle" font-size="15" font-weight="bold">${escapeXml(options.title)}</text>`);
  const baseNames = [...new Set(names.map((n) => n.replace(/^val_/, '')))];
  panels.forEach((series, p) => {
    parts.push(renderPanel(history, series, baseNames, p * panelWidth, titleSpace, panelWidth, height - titleSpace, series === losses ? 'loss' : 'metric'));
  });
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}

function renderPanel(
  history: TrainingHistory,
  series: string[],
  baseNames: string[],
  offsetX: number,
  offsetY: number,
  width: number,
  height: number,
  heading: string,
): string {
  const left = offsetX + PANEL_MARGIN.left;
  const right = offsetX + width - PANEL_MARGIN.right;
  const top = offsetY + PANEL_MARGIN.top;
  const bottom = offsetY + height - PANEL_MARGIN.bottom;
  const points = Math.max(...series.map((s) => history.history[s]!.length));
  const epochs = history.epoch && history.epoch.length >= points ? history.epoch : Array.from({ length: points }, (_, i) => i);
  // Epochs are shown 1-based, as Keras prints them.
  const xValues = epochs.slice(0, points).map((e) => e + 1);
  let low = Infinity;
  let high = -Infinity;
  for (const name of series) {
    for (const v of history.history[name]!) {
      if (!Number.isFinite(v)) continue;
      low = Math.min(low, v);
      high = Math.max(high, v);
    }
  }
  if (!Number.isFinite(low)) {
    low = 0;
    high = 1;
  }
  const yTicks = niceTicks(low, high, 5);
  const yMin = yTicks[0];
  const yMax = yTicks[yTicks.length - 1];
  const xMin = xValues[0];
  const xMax = Math.max(xValues[xValues.length - 1], xMin + 1);
  const sx = (x: number) => left + ((x - xMin) / (xMax - xMin)) * (right - left);
  const sy = (y: number) => bottom - ((y - yMin) / (yMax - yMin || 1)) * (bottom - top);

  const out: string[] = [`<g class="panel-${heading}">`];
  out.push(`<text x="${px((left + right) / 2)}" y="${px(top - 22)}" text-anchor="middle" font-weight="bold">${heading === 'loss' ? 'loss' : series.map((s) => s.replace(/^val_/, '')).filter((s, i, a) => a.indexOf(s) === i).join(', ')}</text>`);
  for (const tick of yTicks) {
    out.push(`<line x1="${px(left)}" x2="${px(right)}" y1="${px(sy(tick))}" y2="${px(sy(tick))}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${px(left - 6)}" y="${px(sy(tick) + 4)}" text-anchor="end" fill="#555555">${formatTick(tick)}</text>`);
  }
  for (const tick of niceTicks(xMin, xMax, 6).filter((t) => Number.isInteger(t) && t >= xMin && t <= xMax)) {
    out.push(`<text x="${px(sx(tick))}" y="${px(bottom + 16)}" text-anchor="middle" fill="#555555">${tick}</text>`);
  }
  out.push(`<text x="${px((left + right) / 2)}" y="${px(bottom + 34)}" text-anchor="middle" fill="#555555">epoch</text>`);
  out.push(`<rect x="${px(left)}" y="${px(top)}" width="${px(right - left)}" height="${px(bottom - top)}" fill="none" stroke="#888888"/>`);
  series.forEach((name, k) => {
    const values = history.history[name]!;
    const colour = GROUP_COLOURS[baseNames.indexOf(name.replace(/^val_/, '')) % GROUP_COLOURS.length];
    const dashed = name.startsWith('val_');
    const path = values
      .map((v, i) => (Number.isFinite(v) ? `${px(sx(xValues[i]))},${px(sy(v))}` : null))
      .filter((p): p is string => p !== null)
      .join(' ');
    out.push(`<polyline class="series" data-series="${escapeXml(name)}" points="${path}" fill="none" stroke="${colour}" stroke-width="2"${dashed ? ' stroke-dasharray="6 4"' : ''}/>`);
    if (values.length === 1) out.push(`<circle cx="${px(sx(xValues[0]))}" cy="${px(sy(values[0]))}" r="3" fill="${colour}"/>`);
    const legendY = top - 8;
    const legendX = left + k * ((right - left) / series.length);
    out.push(`<line x1="${px(legendX)}" x2="${px(legendX + 18)}" y1="${px(legendY - 4)}" y2="${px(legendY - 4)}" stroke="${colour}" stroke-width="2"${dashed ? ' stroke-dasharray="4 3"' : ''}/>`);
    out.push(`<text x="${px(legendX + 22)}" y="${px(legendY)}" fill="#333333">${escapeXml(name)}</text>`);
  });
  out.push('</g>');
  return out.join('\n');
}

/** Round tick values (1, 2, 5 × 10^k steps) covering [low, high]. */
export function niceTicks(low: number, high: number, target: number): number[] {
  if (high <= low) {
    const pad = Math.abs(low) > 0 ? Math.abs(low) * 0.1 : 1;
    low -= pad;
    high += pad;
  }
  const rough = (high - low) / target;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? 10 * magnitude;
  // Integer multiples of the step, rounded to 12 digits: 3 × 0.2 is 0.6000000000000001 in floating point.
  const tick = (k: number) => Number((k * step).toPrecision(12));
  const ticks: number[] = [];
  for (let k = Math.floor(low / step); ; k++) {
    ticks.push(tick(k));
    if (ticks.length >= 2 && tick(k) >= high - step * 1e-9) break;
  }
  return ticks;
}

function formatTick(value: number): string {
  return String(Number(value.toPrecision(6)));
}
