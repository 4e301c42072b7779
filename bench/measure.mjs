import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RSS_HOOK = fileURLToPath(new URL('./rss-hook.mjs', import.meta.url));

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Runs `node ARGS` once; returns wall time (ms, spawn to exit) and the process's peak RSS (bytes). */
export async function runProcess(args, { cwd } = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'podmortem-bench-'));
  const rssFile = join(dir, 'rss');
  const started = process.hrtime.bigint();
  const code = await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', RSS_HOOK, ...args], {
      cwd,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, PODMORTEM_BENCH_RSS_FILE: rssFile, NO_COLOR: '1' },
    });
    child.on('error', reject);
    child.on('exit', resolve);
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const rss = Number(await readFile(rssFile, 'utf8').catch(() => 'NaN'));
  await rm(dir, { recursive: true, force: true });
  if (code !== 0) throw new Error(`node ${args.join(' ')} exited ${code}`);
  return { wallMs, rss };
}

/** Median wall time and median peak RSS over `runs` runs. */
export async function measureProcess(args, runs, options) {
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await runProcess(args, options));
  return { wallMs: median(results.map((r) => r.wallMs)), rss: median(results.map((r) => r.rss)), runs };
}

export async function timeAsync(fn) {
  const started = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, value };
}
