// Whole-process measurements: wall time from spawn to exit and the process's own peak RSS,
// reported at exit by a preloaded hook (rss-hook.mjs), so no external `time` is needed.
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

/** Runs `node ARGS` once; returns wall time (ms, spawn to exit), peak RSS (bytes) and user+system CPU (ms). */
export async function runProcess(args, { cwd, env } = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'podmortem-bench-'));
  const rssFile = join(dir, 'rss');
  const started = process.hrtime.bigint();
  const code = await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', RSS_HOOK, ...args], {
      cwd,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, ...env, PODMORTEM_BENCH_RSS_FILE: rssFile, NO_COLOR: '1' },
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('exit', (exitCode) => resolve(exitCode === 0 ? 0 : new Error(`node ${args.join(' ')} exited ${exitCode}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`)));
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const [rss, cpuMs] = (await readFile(rssFile, 'utf8').catch(() => 'NaN NaN')).split(' ').map(Number);
  await rm(dir, { recursive: true, force: true });
  if (code !== 0) throw code;
  return { wallMs, rss, cpuMs };
}

/**
 * Runs A and B in turn (A B A B ...), `runs` times each after one warm-up of each, and returns
 * each one's medians and the median of the ratios A/B pair by pair: a ratio taken within each
 * pair holds when the machine's speed drifts during the run, which single medians do not.
 */
export async function measurePair(a, b, runs, { warmup = 1 } = {}) {
  for (let i = 0; i < warmup; i++) {
    await runProcess(a);
    if (b) await runProcess(b);
  }
  const pairs = [];
  for (let i = 0; i < runs; i++) pairs.push({ a: await runProcess(a), b: b ? await runProcess(b) : null });
  const of = (side, key) => median(pairs.map((p) => p[side][key]));
  const ratio = (key) => median(pairs.map((p) => p.a[key] / p.b[key]));
  return {
    runs,
    a: { wallMs: of('a', 'wallMs'), rss: of('a', 'rss'), cpuMs: of('a', 'cpuMs') },
    b: b ? { wallMs: of('b', 'wallMs'), rss: of('b', 'rss'), cpuMs: of('b', 'cpuMs') } : null,
    ratio: b ? { wallMs: ratio('wallMs'), rss: ratio('rss'), cpuMs: ratio('cpuMs') } : null,
  };
}

export async function timeAsync(fn) {
  const started = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, value };
}
