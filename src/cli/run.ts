import type { Command } from 'commander';
import { CommanderError } from 'commander';
import { EmbedkitError } from '../errors.js';

/** Settings every command inherits: call before adding commands (commander copies them at creation). */
export function configureProgram(program: Command): Command {
  return program.exitOverride().configureOutput({ writeErr: (s) => process.stderr.write(s) });
}

/** Parses and runs; an EmbedkitError (or a usage error) becomes one line on stderr and exit code 1 or 2. */
export async function runCli(program: Command, argv: string[]): Promise<void> {
  // `embedkit … | head` closes stdout early: end quietly instead of crashing on EPIPE.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0) {
        process.exitCode = 0;
        return;
      }
      process.exitCode = 2;
      return;
    }
    if (error instanceof EmbedkitError) {
      process.stderr.write(`embedkit: ${error.message}\n`);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
}
