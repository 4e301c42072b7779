// Bundles the command line (dist/cli/main.js and every module it imports, the commands as lazily
// loaded chunks) into a few files after tsc. Loaded as ~120 small ES modules, a one-pod replay
// spent most of its time resolving and compiling modules; bundled, it starts in about two thirds
// of the time. The chunks sit beside main.js in dist/cli/, so paths taken from import.meta.url
// (the package root, the rule schema, the UI bundle) resolve as they do unbundled.
// yaml is bundled too (as ~60 CommonJS files it cost a YAML replay a sixth of its time); the
// other dependencies stay outside, loaded from node_modules by what needs them: the cluster
// client and the UI (bundled on its own by bundle-ui.mjs) by their commands, ajv and
// json-rules-engine only when a rule needs them.
import { build } from 'esbuild';
import { readdir, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}dist/cli`;

for (const name of await readdir(out)) if (name.startsWith('main-chunk-')) await rm(`${out}/${name}`);

await build({
  // The replay pool's worker thread (replay-worker.js) shares the chunks with the command line.
  entryPoints: { main: `${out}/main.js`, 'replay-worker': `${out}/replay-worker.js` },
  outdir: out,
  chunkNames: 'main-chunk-[hash]',
  allowOverwrite: true,
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  external: ['@kubernetes/client-node', 'ink', 'react', 'ajv', 'json-rules-engine'],
  // yaml's CommonJS requires Node built-ins, which an ES module can only reach through createRequire.
  banner: { js: "import { createRequire as __podmortemRequire } from 'node:module'; const require = __podmortemRequire(import.meta.url);" },
});
