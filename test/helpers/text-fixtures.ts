import { Random } from '../../src/util/random.js';

/**
 * A small labelled corpus with a learnable rule: "pos" texts contain one of the positive cue words, "neg" texts
 * one of the negative ones, among random filler words. A bag-of-words model must reach ~100 %.
 */
export function syntheticSentiment(count: number, seed = 1): { texts: string[]; labels: string[] } {
  const rng = new Random(seed);
  const filler = ['the', 'film', 'story', 'actor', 'scene', 'plot', 'music', 'a', 'was', 'and', 'this', 'it', 'very', 'quite'];
  const positive = ['great', 'wonderful', 'excellent', 'loved'];
  const negative = ['awful', 'boring', 'terrible', 'hated'];
  const texts: string[] = [];
  const labels: string[] = [];
  for (let i = 0; i < count; i++) {
    const pos = rng.float() < 0.5;
    const words: string[] = [];
    const length = 4 + rng.int(8);
    for (let w = 0; w < length; w++) words.push(filler[rng.int(filler.length)]);
    const cues = pos ? positive : negative;
    words.splice(rng.int(words.length + 1), 0, cues[rng.int(cues.length)]);
    texts.push(words.join(' '));
    labels.push(pos ? 'pos' : 'neg');
  }
  return { texts, labels };
}

/** Three topics told apart by their vocabulary, for softmax (more than two classes). */
export function syntheticTopics(count: number, seed = 2): { texts: string[]; labels: string[] } {
  const rng = new Random(seed);
  const topics: Record<string, string[]> = {
    sport: ['goal', 'match', 'team', 'score', 'coach'],
    food: ['recipe', 'salt', 'bake', 'soup', 'chef'],
    tech: ['code', 'server', 'chip', 'laptop', 'bug'],
  };
  const names = Object.keys(topics);
  const common = ['the', 'a', 'new', 'today', 'we', 'about', 'is'];
  const texts: string[] = [];
  const labels: string[] = [];
  for (let i = 0; i < count; i++) {
    const label = names[rng.int(names.length)];
    const words: string[] = [];
    for (let w = 0; w < 6; w++) words.push(w === 0 || rng.float() < 0.3 ? topics[label][rng.int(5)] : common[rng.int(common.length)]);
    texts.push(words.join(' '));
    labels.push(label);
  }
  return { texts, labels };
}
