import { EmbedkitError } from '../errors.js';
import { placeLabels, type Box } from './label-placement.js';
import { escapeXml, FONT_FAMILY, GROUP_COLOURS, px } from './svg-text.js';

export interface ScatterOptions {
  width?: number;
  height?: number;
  title?: string;
  /** Group (e.g. cluster) of each point: points are coloured by group. */
  groups?: Int32Array;
  /** Words drawn bold in red (e.g. the word whose neighbourhood is shown). */
  emphasise?: readonly string[];
  fontSize?: number;
  /** Labels tried (in order); the rest are drawn unlabelled. Default 200. */
  maxLabels?: number;
}

const MARGIN = 24;
const POINT_RADIUS = 3.5;
const DEFAULT_COLOUR = '#4e79a7';

/**
 * A labelled scatter plot as a standalone SVG string. `coordinates` is points × dims (dims ≥ 2; the
 * first two are drawn) with one label per point. Both axes share one scale, so distances in the picture
 * mean the same in every direction. Labels are placed without overlaps (see placeLabels).
 */
export function renderScatterSvg(coordinates: Float32Array, dims: number, labels: readonly string[], options: ScatterOptions = {}): string {
  const count = labels.length;
  if (dims < 2 || coordinates.length !== count * dims) {
    throw new EmbedkitError('BAD_SHAPE', `${count} labels need ${count} × ${dims} coordinates (dims ≥ 2), got ${coordinates.length}`, { field: 'coordinates' });
  }
  const width = options.width ?? 800;
  const height = options.height ?? 600;
  const fontSize = options.fontSize ?? 12;
  const titleSpace = options.title ? fontSize * 2 : 0;
  const plot: Box = { left: MARGIN, top: MARGIN + titleSpace, right: width - MARGIN, bottom: height - MARGIN };
  const toPixel = fitToBox(coordinates, dims, count, plot, fontSize * 3);
  const xs = new Float64Array(count);
  const ys = new Float64Array(count);
  for (let i = 0; i < count; i++) [xs[i], ys[i]] = toPixel(coordinates[i * dims], coordinates[i * dims + 1]);

  const labelled = Math.min(count, options.maxLabels ?? 200);
  const emphasised = new Set(options.emphasise ?? []);
  // Emphasised words claim their spot first.
  const order = Array.from({ length: labelled }, (_, i) => i).sort((a, b) => Number(emphasised.has(labels[b])) - Number(emphasised.has(labels[a])) || a - b);
  const placements = placeLabels(
    order.map((i) => ({ x: xs[i], y: ys[i], text: labels[i] })),
    { fontSize, pointRadius: POINT_RADIUS, bounds: { left: 0, top: titleSpace, right: width, bottom: height } },
  );

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(FONT_FAMILY)}" font-size="${fontSize}">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
  ];
  if (options.title) {
    parts.push(`<text x="${px(width / 2)}" y="${px(MARGIN + fontSize)}" text-anchor="middle" font-size="${px(fontSize * 1.3)}" font-weight="bold">${escapeXml(options.title)}</text>`);
  }
  const leaders: string[] = [];
  const texts: string[] = [];
  placements.forEach((placement, k) => {
    if (placement === null) return;
    const i = order[k];
    const strong = emphasised.has(labels[i]);
    if (placement.leader) {
      const box = placement.box;
      const tx = Math.max(box.left, Math.min(xs[i], box.right));
      const ty = Math.max(box.top, Math.min(ys[i], box.bottom));
      leaders.push(`<line x1="${px(xs[i])}" y1="${px(ys[i])}" x2="${px(tx)}" y2="${px(ty)}" stroke="#999999" stroke-width="0.7"/>`);
    }
    texts.push(
      `<text x="${px(placement.x)}" y="${px(placement.y)}"${strong ? ' font-weight="bold" fill="#c0392b"' : ' fill="#222222"'}>${escapeXml(labels[i])}</text>`,
    );
  });
  parts.push(`<g class="leaders">${leaders.join('')}</g>`);
  const circles: string[] = [];
  for (let i = 0; i < count; i++) {
    const colour = options.groups ? GROUP_COLOURS[options.groups[i] % GROUP_COLOURS.length] : DEFAULT_COLOUR;
    const fill = emphasised.has(labels[i]) ? '#c0392b' : colour;
    circles.push(`<circle cx="${px(xs[i])}" cy="${px(ys[i])}" r="${POINT_RADIUS}" fill="${fill}"><title>${escapeXml(labels[i])}</title></circle>`);
  }
  parts.push(`<g class="points">${circles.join('')}</g>`, `<g class="labels">${texts.join('')}</g>`, '</svg>');
  return parts.join('\n') + '\n';
}

/**
 * Maps data (x, y) into the box with one scale for both axes, centred, with room at the sides for labels;
 * y grows upwards as in a textbook plot.
 */
function fitToBox(coordinates: Float32Array, dims: number, count: number, box: Box, labelRoom: number): (x: number, y: number) => [number, number] {
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < count; i++) {
    const x = coordinates[i * dims];
    const y = coordinates[i * dims + 1];
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      throw new EmbedkitError('BAD_VALUE', `point ${i} has a non-finite coordinate`, { field: 'coordinates' });
    }
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  const innerWidth = Math.max(1, box.right - box.left - 2 * labelRoom);
  const innerHeight = Math.max(1, box.bottom - box.top);
  const spanX = maxX - minX;
  const spanY = maxY - minY;
  const scale = Math.min(spanX > 0 ? innerWidth / spanX : Infinity, spanY > 0 ? innerHeight / spanY : Infinity);
  const s = Number.isFinite(scale) ? scale : 1;
  const centreX = (box.left + box.right) / 2;
  const centreY = (box.top + box.bottom) / 2;
  const midX = (minX + maxX) / 2;
  const midY = (minY + maxY) / 2;
  return (x, y) => [centreX + (x - midX) * s, centreY - (y - midY) * s];
}
