import type { Command } from 'commander';

/** `embedkit vectors train`: registered on the `vectors` command group. */
export function registerVectorsTrain(vectors: Command): void {
  void vectors;
}
