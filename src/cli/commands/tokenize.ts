import type { Command } from 'commander';

export function registerTokenize(program: Command): void {
  void program;
}
