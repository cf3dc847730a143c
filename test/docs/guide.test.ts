/**
 * Every snippet in the guides runs here, and what the guide shows as its output is what it prints.
 * A TypeScript snippet follows `<!-- example: NAME -->` and must equal docs/examples/NAME.ts (with the
 * package name in place of the relative import); the `text` block after it is its expected output. A shell
 * snippet follows `<!-- example: shell -->`: each `$ embedkit …` line is run and its output compared.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..', '..');
const guides = ['docs/guide.md', 'docs/guide.zh-CN.md'];

interface Snippet {
  guide: string;
  name: string;
  code: string;
  output: string;
}

function snippets(guide: string): Snippet[] {
  const text = readFileSync(join(root, guide), 'utf8');
  const found: Snippet[] = [];
  for (const marker of text.matchAll(/<!-- example: ([\w-]+) -->/g)) {
    const rest = text.slice((marker.index ?? 0) + marker[0].length);
    const code = /```\w*\n([\s\S]*?)```/.exec(rest);
    assert.ok(code, `${guide}: no code block after the example marker ${marker[1]}`);
    let output = '';
    if (marker[1] !== 'shell') {
      const after = rest.slice((code.index ?? 0) + code[0].length);
      const shown = /```text\n([\s\S]*?)```/.exec(after);
      assert.ok(shown, `${guide}: no output block after example ${marker[1]}`);
      output = shown[1];
    }
    found.push({ guide, name: marker[1], code: code[1], output });
  }
  return found;
}

const outputs = new Map<string, string>();
function runExample(name: string): string {
  let out = outputs.get(name);
  if (out === undefined) {
    out = execFileSync(process.execPath, [join(root, 'dist', 'docs', 'examples', `${name}.js`)], { cwd: root, encoding: 'utf8' });
    outputs.set(name, out);
  }
  return out;
}

function runShell(code: string): string {
  let out = '';
  for (const line of code.split('\n')) {
    if (!line.startsWith('$ embedkit ')) continue;
    const args = splitArgs(line.slice('$ embedkit '.length));
    out += `${line}\n` + execFileSync(process.execPath, [join(root, 'bin', 'embedkit.js'), ...args], { cwd: root, encoding: 'utf8' });
  }
  return out;
}

/** Splits a command line on spaces, honouring single and double quotes (no escapes needed in the guides). */
function splitArgs(line: string): string[] {
  const args: string[] = [];
  for (const match of line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) args.push(match[1] ?? match[2] ?? match[3]);
  return args;
}

for (const guide of guides) {
  test(`${guide}: every snippet runs and prints what the guide shows`, () => {
    const list = snippets(guide);
    assert.ok(list.length >= 3, `${guide} has only ${list.length} runnable snippets`);
    for (const snippet of list) {
      if (snippet.name === 'shell') {
        const shown = snippet.code.trim();
        assert.equal(runShell(snippet.code).trim(), shown, `${guide}: shell snippet output differs`);
        continue;
      }
      const source = readFileSync(join(root, 'docs', 'examples', `${snippet.name}.ts`), 'utf8').replaceAll("'../../src/index.js'", "'embedkit'");
      assert.equal(snippet.code.trim(), source.trim(), `${guide}: snippet ${snippet.name} differs from docs/examples/${snippet.name}.ts`);
      assert.equal(runExample(snippet.name).trim(), snippet.output.trim(), `${guide}: output of ${snippet.name} differs`);
    }
  });
}
