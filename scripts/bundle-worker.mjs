// Part of `npm run build`: the worker thread's code (dist/pipeline/worker.js and what it imports)
// as one ES module, dist/worker/worker.js, with a chunk per reader that loads on demand (web
// pages, PDF, images). A new thread then compiles one file instead of ~130 small modules (zod
// alone is 95), which is most of a thread's start-up. zod and htmlparser2 are pure JavaScript and
// go inside; every other package stays an import resolved at run time (native code, WebAssembly,
// model and font files found next to the package, optional dependencies).
import { readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
const INSIDE = new Set(['zod', 'htmlparser2']);
const external = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.optionalDependencies ?? {})].filter((d) => !INSIDE.has(d));
const outdir = new URL('dist/worker/', root).pathname;
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { worker: new URL('dist/pipeline/worker.js', root).pathname },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external,
  logLevel: 'warning',
  // smaller source to parse; names are kept for readable stack traces
  minifyWhitespace: true,
  minifySyntax: true,
});
