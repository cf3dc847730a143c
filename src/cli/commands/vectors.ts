import type { Command } from 'commander';

export function registerVectors(program: Command): void {
  void program;
}
