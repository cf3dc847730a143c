import { trainTextClassifier, type TextClassifier } from '../../src/classify/text-classifier.js';

const POSITIVE = ['great fun film', 'a wonderful great story', 'fun and wonderful', 'loved it great', '很 好 看', '好 电影 great'];
const NEGATIVE = ['boring awful film', 'an awful dull story', 'dull and boring', 'hated it awful', '很 无聊', '无聊 电影 awful'];

/** A sentiment classifier trained in well under a second on a dozen texts: "great", "好" positive; "awful", "无聊" negative. */
export async function tinyClassifier(options: { hidden?: number; threeLabels?: boolean } = {}): Promise<TextClassifier> {
  const texts = [...POSITIVE, ...NEGATIVE];
  const labels = [...POSITIVE.map(() => 'pos'), ...NEGATIVE.map(() => 'neg')];
  if (options.threeLabels) {
    texts.push('the weather today', 'a table and a chair', 'the weather and a table');
    labels.push('neutral', 'neutral', 'neutral');
  }
  const { classifier } = await trainTextClassifier(
    { texts: [...texts, ...texts, ...texts], labels: [...labels, ...labels, ...labels] },
    { embeddingDim: 8, epochs: 30, validationSplit: 0, learningRate: 0.05, hidden: options.hidden, seed: 3 },
  );
  return classifier;
}
