/**
 * The hyper-parameters a fastText `.bin` stores after its header, in file order. Enum fields keep
 * fastText's numbers: loss 1 hs, 2 ns, 3 softmax, 4 ova; model 1 cbow, 2 skipgram, 3 supervised.
 */
export interface FastTextArgs {
  dim: number;
  /** Window size. */
  ws: number;
  epoch: number;
  minCount: number;
  /** Negatives per positive. */
  neg: number;
  wordNgrams: number;
  loss: number;
  model: number;
  bucket: number;
  minn: number;
  maxn: number;
  lrUpdateRate: number;
  /** Subsampling threshold. */
  t: number;
}

export const FASTTEXT_LOSS = { hs: 1, ns: 2, softmax: 3, ova: 4 } as const;
export const FASTTEXT_MODEL = { cbow: 1, skipgram: 2, supervised: 3 } as const;

/** The defaults of `fasttext skipgram`. */
export const FASTTEXT_SKIPGRAM_ARGS: FastTextArgs = {
  dim: 100,
  ws: 5,
  epoch: 5,
  minCount: 5,
  neg: 5,
  wordNgrams: 1,
  loss: FASTTEXT_LOSS.ns,
  model: FASTTEXT_MODEL.skipgram,
  bucket: 2_000_000,
  minn: 3,
  maxn: 6,
  lrUpdateRate: 100,
  t: 1e-4,
};

export function modelName(model: number): string {
  return model === 1 ? 'cbow' : model === 2 ? 'skipgram' : model === 3 ? 'supervised' : `unknown (${model})`;
}
