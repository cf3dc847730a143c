/** Shared by every command: `--json` prints one JSON object and nothing else. */
export interface CommonOptions {
  json?: boolean;
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value) + '\n');
}

/** Progress output goes to stderr, only on a TTY and never in --json mode. */
export function wantsProgress(options: CommonOptions): boolean {
  return !options.json && Boolean(process.stderr.isTTY);
}
