// Trains V8's code cache for the bundled command line (dist/cli/main.bundle.cache, see
// src/cli/cached-bundle.ts): a child process runs the bundle on a few replays in turn, a JSON pod
// and a fixture folder (YAML, events, a log) in each output format people use, then saves the
// bytecode of every function they compiled. A start given the cache compiles none of them again.
// The child's output is thrown away; its errors fail the build.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { cacheFileContent, CODE_CACHE, compileBundle, loadBundle, runBundle } from '../dist/cli/cached-bundle.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const fixture = join(root, 'fixtures/oom-killed-jvm');

if (process.argv[2] === '--child') {
  const bundle = loadBundle(false);
  if (!bundle) throw new Error('no bundled command line: run scripts/bundle-cli.mjs first');
  const script = compileBundle(bundle);
  const runs = JSON.parse(process.argv[3]);
  const launcher = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
  const next = () => {
    const args = runs.shift();
    if (!args) {
      process.off('beforeExit', next);
      writeFileSync(CODE_CACHE, cacheFileContent(bundle.buildId, script.createCachedData()));
      process.exitCode = 0;
      return;
    }
    process.argv = [process.execPath, launcher, ...args];
    runBundle(script);
  };
  // Each run is over when the event loop empties; the next starts then.
  process.on('beforeExit', next);
  next();
} else {
  rmSync(CODE_CACHE, { force: true });
  const work = mkdtempSync(join(tmpdir(), 'podmortem-train-'));
  try {
    const pod = join(work, 'pod.json');
    writeFileSync(pod, JSON.stringify(parse(readFileSync(join(fixture, 'pod.yaml'), 'utf8')), null, 2));
    const runs = [
      ['replay', pod, '-o', 'json'],
      ['replay', fixture, '-o', 'json'],
      ['replay', fixture],
      ['replay', fixture, '-o', 'markdown'],
    ];
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', JSON.stringify(runs)], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    if (child.status !== 0 || child.stderr) throw new Error(`training the code cache failed (exit ${child.status}):\n${child.stderr}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
