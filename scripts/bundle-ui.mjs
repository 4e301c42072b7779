// Bundles the terminal UI (ink, react and our components) into one file after tsc. Loading ink
// as hundreds of small ESM and CommonJS modules took about half a second on this project's
// 2-core machines; one bundled file with React's production build loads in a fraction of that,
// which is most of the gap to the UI's first frame.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

await build({
  entryPoints: [`${root}dist/ui/run-ui.js`],
  outfile: `${root}dist/ui/run-ui.bundle.js`,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': '"production"' },
  // CommonJS dependencies inside an ESM bundle still call require for Node built-ins.
  banner: { js: "import { createRequire as __podmortemRequire } from 'node:module'; const require = __podmortemRequire(import.meta.url);" },
  plugins: [
    {
      // ink reaches for React DevTools only when DEV=true; it is not a dependency of ours.
      name: 'no-react-devtools',
      setup(context) {
        context.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: 'react-devtools-core', namespace: 'stub' }));
        context.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'export default { connectToDevTools() {} };', loader: 'js' }));
      },
    },
  ],
});
