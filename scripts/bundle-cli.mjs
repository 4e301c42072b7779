// Bundles the command line after tsc, twice:
// - As ES modules (dist/cli/main-esm.js and every module it imports, the commands as lazily
//   loaded chunks), shared with the replay pool's worker thread (replay-worker.js). Loaded as
//   ~120 small ES modules, a one-pod replay spent most of its time resolving and compiling them.
// - As one CommonJS script, dist/cli/main.bundle.cjs, that the launcher (dist/cli/main.js, see
//   src/cli/cached-bundle.ts) runs with V8's code cache (scripts/train-code-cache.mjs writes it):
//   Node 20 caches no compiled ES module code. It ends with the build's id, which the cache
//   carries too, so a cache is never used with another bundle.
// Both sit in dist/cli/, so paths taken from import.meta.url (the package root, the rule bundle,
// the UI bundle, the worker) resolve as they do unbundled.
// yaml is bundled too (as ~60 CommonJS files it cost a YAML replay a sixth of its time); the
// other dependencies stay outside, loaded from node_modules by what needs them: the cluster
// client and the UI (bundled on its own by bundle-ui.mjs) by their commands, ajv and
// json-rules-engine only when a rule needs them.
import { build } from 'esbuild';
import { randomBytes } from 'node:crypto';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { buildIdLine } from '../dist/cli/cached-bundle.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}dist/cli`;
const external = ['@kubernetes/client-node', 'ink', 'react', 'ajv', 'json-rules-engine'];
const common = { bundle: true, platform: 'node', target: 'node20', logLevel: 'warning', allowOverwrite: true, external };

for (const name of await readdir(out)) if (name.startsWith('main-chunk-') || name.startsWith('main.bundle.')) await rm(`${out}/${name}`);

await build({
  ...common,
  // The replay pool's worker thread (replay-worker.js) shares the chunks with the command line.
  entryPoints: { 'main-esm': `${out}/main.js`, 'replay-worker': `${out}/replay-worker.js` },
  outdir: out,
  chunkNames: 'main-chunk-[hash]',
  splitting: true,
  format: 'esm',
  // yaml's CommonJS requires Node built-ins, which an ES module can only reach through createRequire.
  banner: { js: "import { createRequire as __podmortemRequire } from 'node:module'; const require = __podmortemRequire(import.meta.url);" },
});

/** In the cached bundle, import() of what is not bundled is asked of the launcher (see src/engine/import-module.ts). */
const importThroughLauncher = {
  name: 'import-through-launcher',
  setup(build) {
    build.onLoad({ filter: /[\\/]dist[\\/]engine[\\/]import-module\.js$/ }, () => ({
      contents: 'export function importModule(specifier) { return __podmortemImport(specifier); }',
      loader: 'js',
    }));
  },
};

const bundle = `${out}/main.bundle.cjs`;
await build({
  ...common,
  entryPoints: [`${out}/main.js`],
  outfile: bundle,
  format: 'cjs',
  // The launcher passes the bundle's own URL, so every new URL(..., import.meta.url) resolves from dist/cli/.
  define: { 'import.meta.url': '__podmortemImportMetaUrl' },
  // Strict like the ES modules it is built from.
  banner: { js: "'use strict';" },
  plugins: [importThroughLauncher],
});
// The launcher wraps the script in a function, where main.ts's #! line would be a syntax error.
const code = (await readFile(bundle, 'utf8')).replace(/^#!.*\n/, '');
await writeFile(bundle, `${code}${buildIdLine(randomBytes(8).toString('hex'))}`);

await writeFile(
  `${out}/main.js`,
  ['#!/usr/bin/env node', '// The command line: the cached bundle when it can run, else the ES modules (see cached-bundle.js).', "import { startCli } from './cached-bundle.js';", '', 'await startCli();', ''].join('\n'),
  { mode: 0o755 },
);
