/**
 * The learning rate after `progress` (0..1) of all epochs × words: linear from `alpha` to `minAlpha`,
 * as gensim does (the C tool's alpha·(1 − progress) floored at alpha·1e-4 is the same line with
 * minAlpha = alpha·1e-4).
 */
export function learningRate(alpha: number, minAlpha: number, progress: number): number {
  const clamped = progress < 0 ? 0 : progress > 1 ? 1 : progress;
  return alpha - (alpha - minAlpha) * clamped;
}
