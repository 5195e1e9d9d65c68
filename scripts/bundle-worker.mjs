// Part of `npm run build`: the worker thread's code (dist/pipeline/worker.js and what it imports)
// as one CommonJS script, dist/worker/worker.cjs, and V8's code cache for it
// (dist/worker/worker.cjs.cache, see src/pipeline/code-cache.ts). A new thread then compiles
// neither ~130 small modules (zod alone is 95) nor the functions its first file runs: it reads
// their bytecode from the cache. The readers of web pages, PDFs and images still start only on
// first use (their module code runs lazily inside the script). zod and htmlparser2 are pure
// JavaScript and go inside; every other package stays a require or import resolved at run time
// (native code, WebAssembly, model and font files found next to the package, optional
// dependencies).
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
const INSIDE = new Set(['zod', 'htmlparser2']);
const external = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.optionalDependencies ?? {})].filter((d) => !INSIDE.has(d));
const outdir = fileURLToPath(new URL('dist/worker/', root));
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { worker: fileURLToPath(new URL('dist/pipeline/worker.js', root)) },
  outdir,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external,
  logLevel: 'warning',
  // the modules' own import.meta.url (they resolve packages from it): the script's URL, which
  // finds the same node_modules
  define: { 'import.meta.url': '__xxgkScriptUrl' },
  banner: { js: 'var __xxgkScriptUrl = require("node:url").pathToFileURL(__filename).href;' },
  // import() of a package: the loader's (src/pipeline/code-cache.ts)
  plugins: [
    {
      name: 'import-package',
      setup(b) {
        b.onLoad({ filter: /[\\/]extractors[\\/]import-package\.js$/ }, () => ({ contents: 'export function importPackage(s) { return __xxgkImport(s); }', loader: 'js' }));
      },
    },
  ],
  // smaller source to parse; names are kept for readable stack traces
  minifyWhitespace: true,
  minifySyntax: true,
});

// every import() of the script must be the loader's (functions restored from the cache lose Node's)
if (/(?<![\w$.])import\s*\(/.test(readFileSync(path.join(outdir, 'worker.cjs'), 'utf8'))) {
  throw new Error('dist/worker/worker.cjs calls import(): import packages through src/extractors/import-package.ts');
}

// The code cache: a fresh process runs the script and converts one sample of each kind (when the
// samples are there), so that the cache holds what a conversion compiles. Without it the worker
// still runs, only slower to start.
const train = spawnSync(process.execPath, [fileURLToPath(new URL('scripts/worker-code-cache.mjs', root))], { encoding: 'utf8', timeout: 120_000 });
if (train.status === 0) process.stdout.write(train.stdout);
else process.stderr.write(`bundle-worker: no code cache for the worker (${(train.stderr || train.error?.message || '').trim().split('\n').pop()}); threads start slower\n`);
