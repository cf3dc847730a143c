/** Per-class figures, as scikit-learn's classification_report gives them. */
export interface ClassReport {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface ClassificationReport {
  accuracy: number;
  macroF1: number;
  classes: ClassReport[];
  /** Row = true class, column = predicted class, in the order of `labels`. */
  confusion: { labels: string[]; counts: number[][] };
  total: number;
}

/**
 * Accuracy, macro-F1, per-class precision/recall/F1 and the confusion matrix. Class ids index `labels`;
 * a class never predicted has precision 0 (scikit-learn's zero_division=0).
 */
export function classificationReport(
  trueIds: ArrayLike<number>,
  predictedIds: ArrayLike<number>,
  labels: readonly string[],
): ClassificationReport {
  if (trueIds.length !== predictedIds.length) {
    throw new RangeError(`${trueIds.length} true labels but ${predictedIds.length} predictions`);
  }
  const k = labels.length;
  const counts = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  let correct = 0;
  for (let i = 0; i < trueIds.length; i++) {
    counts[trueIds[i]][predictedIds[i]]++;
    if (trueIds[i] === predictedIds[i]) correct++;
  }
  const classes: ClassReport[] = [];
  for (let c = 0; c < k; c++) {
    const tp = counts[c][c];
    let predicted = 0;
    let actual = 0;
    for (let j = 0; j < k; j++) {
      predicted += counts[j][c];
      actual += counts[c][j];
    }
    const precision = predicted ? tp / predicted : 0;
    const recall = actual ? tp / actual : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    classes.push({ label: labels[c], precision, recall, f1, support: actual });
  }
  const present = classes.filter((c) => c.support > 0);
  const macroF1 = present.length ? present.reduce((s, c) => s + c.f1, 0) / present.length : 0;
  return {
    accuracy: trueIds.length ? correct / trueIds.length : 0,
    macroF1,
    classes,
    confusion: { labels: [...labels], counts },
    total: trueIds.length,
  };
}
