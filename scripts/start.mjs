#!/usr/bin/env node
// `npm start`: the incident gallery from dist/, built once at install (`prepare`) and rebuilt
// here only when a source changed since (scripts/build-freshness.mjs), instead of a full tsc
// build on every start.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildIsStale } from './build-freshness.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const main = join(root, 'dist/cli/main.js');

if (buildIsStale(root)) {
  process.stderr.write('podmortem: the sources changed since the last build; building first (npm run build)\n');
  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

process.argv = [process.argv[0], main, 'gallery', ...process.argv.slice(2)];
await import(pathToFileURL(main).href);
