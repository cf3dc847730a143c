import { estimateTextWidth } from './svg-text.js';

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface LabelRequest {
  /** The point the label belongs to, in pixels. */
  x: number;
  y: number;
  text: string;
}

export interface PlacedLabel {
  /** Baseline start of the text (text-anchor start). */
  x: number;
  y: number;
  box: Box;
  /** Placed away from its point: draw a line from the point to the label. */
  leader: boolean;
}

export interface PlacementOptions {
  fontSize: number;
  /** Radius of the drawn points: labels keep clear of every point. */
  pointRadius: number;
  /** The drawing area; labels stay inside it. */
  bounds: Box;
}

/** Directions tried around a point, in order of preference: right, left, above, below, then the diagonals. */
const DIRECTIONS: readonly (readonly [number, number])[] = [
  [1, 0],
  [-1, 0],
  [0, -1],
  [0, 1],
  [1, -1],
  [-1, -1],
  [1, 1],
  [-1, 1],
];
/** Distances (in units of the point gap) for leader-line positions, tried when no adjacent spot is free. */
const LEADER_DISTANCES = [3, 5, 8];

/**
 * Greedy label placement: labels in the given order (first = most important) each take the first
 * candidate position whose box overlaps no placed label, no point and stays in bounds; candidates
 * beside the point first, then farther out with a leader line. A label with no free spot is left
 * out (null), rather than drawn over another: an unreadable pile of text helps no one.
 */
export function placeLabels(labels: readonly LabelRequest[], options: PlacementOptions): (PlacedLabel | null)[] {
  const { fontSize, pointRadius, bounds } = options;
  const gap = pointRadius + 3;
  const height = fontSize * 1.15;
  const obstacles: Box[] = labels.map((l) => ({
    left: l.x - pointRadius,
    top: l.y - pointRadius,
    right: l.x + pointRadius,
    bottom: l.y + pointRadius,
  }));
  const placed: (PlacedLabel | null)[] = [];
  for (const label of labels) {
    const width = estimateTextWidth(label.text, fontSize);
    let chosen: PlacedLabel | null = null;
    for (const distance of [1, ...LEADER_DISTANCES]) {
      for (const [dx, dy] of DIRECTIONS) {
        const box = candidateBox(label.x, label.y, dx, dy, gap * distance, width, height);
        if (!inside(box, bounds) || obstacles.some((o) => overlaps(o, box))) continue;
        chosen = { x: box.left, y: box.bottom - height * 0.25, box, leader: distance > 1 };
        break;
      }
      if (chosen) break;
    }
    if (chosen) obstacles.push(chosen.box);
    placed.push(chosen);
  }
  return placed;
}

function candidateBox(x: number, y: number, dx: number, dy: number, gap: number, width: number, height: number): Box {
  const left = dx > 0 ? x + gap : dx < 0 ? x - gap - width : x - width / 2;
  const top = dy > 0 ? y + gap : dy < 0 ? y - gap - height : y - height / 2;
  return { left, top, right: left + width, bottom: top + height };
}

export function overlaps(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

function inside(box: Box, bounds: Box): boolean {
  return box.left >= bounds.left && box.right <= bounds.right && box.top >= bounds.top && box.bottom <= bounds.bottom;
}
