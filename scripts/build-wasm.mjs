// Compiles the AssemblyScript kernels in assembly/ to dist/wasm/*.wasm with SIMD, for a shared,
// imported memory (the host allocates it once and hands it to every worker thread).
// Runs offline from the installed `assemblyscript` package: no network, no checked-in binary.
import { mkdirSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));

let ascEntry;
try {
  ascEntry = join(dirname(require.resolve('assemblyscript/package.json')), 'bin', 'asc.js');
} catch {
  console.error('build-wasm: the assemblyscript package is not installed (it is a devDependency: run npm install)');
  process.exit(1);
}

// Each top-level file is one kernel; subfolders (assembly/shared/) hold code the kernels import, not built on its own.
const sources = readdirSync(join(root, 'assembly'), { withFileTypes: true })
  .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
  .map((entry) => entry.name);
const outDir = join(root, 'dist', 'wasm');
mkdirSync(outDir, { recursive: true });

for (const source of sources) {
  const out = join(outDir, source.replace(/\.ts$/, '.wasm'));
  const args = [
    ascEntry,
    join(root, 'assembly', source),
    '--outFile', out,
    '-O3', '--noAssert',
    '--runtime', 'stub',
    '--enable', 'simd', '--enable', 'threads',
    // 4 GiB maximum: the host's memory must fit inside these limits, whatever it allocates.
    '--importMemory', '--sharedMemory', '--initialMemory', '1', '--maximumMemory', '65536',
  ];
  const result = spawnSync(process.execPath, args, { stdio: 'inherit', cwd: root });
  if (result.status !== 0) {
    console.error(`build-wasm: asc failed on assembly/${source}`);
    process.exit(result.status ?? 1);
  }
}
