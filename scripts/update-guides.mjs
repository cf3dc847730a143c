// Rewrites the code and output blocks of the guides from docs/examples (run after `npm run build`):
// keeps docs/guide.md and docs/guide.zh-CN.md identical to what test/docs/guide.test.ts checks.
import { readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const outputs = new Map();
function output(name) {
  if (!outputs.has(name)) outputs.set(name, execFileSync(process.execPath, [`dist/docs/examples/${name}.js`], { encoding: 'utf8' }));
  return outputs.get(name);
}
function shell(code) {
  let out = '';
  for (const line of code.split('\n')) {
    if (!line.startsWith('$ embedkit ')) continue;
    const args = [...line.slice(11).matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
    out += `${line}\n` + execFileSync(process.execPath, ['bin/embedkit.js', ...args], { encoding: 'utf8' });
  }
  return out;
}

for (const guide of ['docs/guide.md', 'docs/guide.zh-CN.md']) {
  let text = readFileSync(guide, 'utf8');
  text = text.replace(/(<!-- example: ([\w-]+) -->\s*```(\w*)\n)([\s\S]*?)```/g, (all, head, name, lang, code) => {
    if (name === 'shell') return `${head}${shell(code).trimEnd()}\n\`\`\``;
    const source = readFileSync(`docs/examples/${name}.ts`, 'utf8').replaceAll("'../../src/index.js'", "'embedkit'");
    return `${head}${source.trimEnd()}\n\`\`\``;
  });
  text = text.replace(/(<!-- example: ((?!shell)[\w-]+) -->\s*```\w*\n[\s\S]*?```)([\s\S]*?```text\n)([\s\S]*?)```/g, (all, block, name, between) =>
    name === 'shell' ? all : `${block}${between}${output(name).trimEnd()}\n\`\`\``,
  );
  writeFileSync(guide, text);
}
