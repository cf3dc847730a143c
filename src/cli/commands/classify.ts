import type { Command } from 'commander';

export function registerClassify(program: Command): void {
  void program;
}
