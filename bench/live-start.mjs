// The live start-up goal of issue 14: `podmortem scan -A` of the ten pods the cluster suite seeds
// (test/cluster/seed.mjs), against its real kube-apiserver on loopback, whole process from spawn
// to exit, paired run by run with the floor (`node -e 0`); beside it the same pods listed by the
// kubectl the suite builds, and what loading @kubernetes/client-node alone costs (what every live
// command loaded before podmortem read kubeconfigs itself). Called by live-scan.mjs while the
// control plane is up, before the fleet is seeded.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measurePair, median, runProcess } from './measure.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'dist/cli/main.js');
const RUNS = 11;
const FLOOR = ['-e', '0'];

/** Wall time of a non-node command from spawn to exit, `runs` times after one warm-up: median and fastest. */
function timeCommand(command, args, runs, env) {
  const times = [];
  for (let i = 0; i <= runs; i++) {
    const started = process.hrtime.bigint();
    const result = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
    if (i > 0) times.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  }
  return { median: median(times), min: Math.min(...times) };
}

/** The figures; `kubeconfig` is the suite's admin kubeconfig, `kubectl` its kubectl binary. */
export async function measureLiveStart({ kubeconfig, kubectl, log }) {
  const scan = [CLI, 'scan', '-A', '-o', 'json', '--kubeconfig', kubeconfig];
  const env = { KUBECONFIG: '' };
  const { execFileSync } = await import('node:child_process');
  const pods = JSON.parse(execFileSync(process.execPath, [...scan, '--all'], { env: { ...process.env, ...env } }).toString()).counts.pods;
  log(`live start-up: scan -A of ${pods} pods against node -e 0, ${RUNS} pairs...`);
  const pair = await measurePair(scan, FLOOR, RUNS);
  const fastest = [];
  for (let i = 0; i < 3; i++) fastest.push((await runProcess(scan, { env })).wallMs);
  const listing = kubectl ? timeCommand(kubectl, ['get', 'pods', '-A', '-o', 'json'], RUNS, { KUBECONFIG: kubeconfig }) : null;
  const client = await measurePair(['--input-type=module', '-e', "await import('@kubernetes/client-node')"], FLOOR, 5);
  return { pods, runs: RUNS, scan: pair.a, floor: pair.b, ratio: pair.ratio, fastestMs: Math.min(...fastest), kubectl: listing, clientNode: client.a };
}
