import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..', '..');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI (bin/embedkit.js) as a user would, without a TTY. */
export function embedkit(args: string[], input?: string): CliResult {
  const result = spawnSync(process.execPath, [join(root, 'bin', 'embedkit.js'), ...args], {
    cwd: root,
    encoding: 'utf8',
    input,
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
