// The live goal of issue 15: `podmortem scan -A` against the test control plane (test/cluster:
// kube-apiserver and etcd built from Go modules) seeded with a fleet, timed whole-process, its
// requests counted in the API server's audit log. Starts the plane and always stops it again.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, runProcess } from './measure.mjs';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const CLUSTER = join(ROOT, 'test/cluster');
const CLI = join(ROOT, 'dist/cli/main.js');
const RUNS = 3;

function sh(command, args, options = {}) {
  return execFileSync(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], ...options }).toString();
}

/** podmortem's requests in the audit log after line `from`: one record per request (ResponseComplete stage). */
function podmortemRequests(auditLog, from) {
  return readFileSync(auditLog, 'utf8')
    .split('\n')
    .slice(from)
    .filter(Boolean)
    .map((line) => JSON.parse(line))
    .filter((event) => /^podmortem\//.test(event.userAgent ?? '') && event.stage === 'ResponseComplete');
}

const lineCount = (file) => readFileSync(file, 'utf8').split('\n').length - 1;

/** The fleet scan's figures, with `start`: the start-up figures of live-start.mjs, taken on the same plane. */
export async function measureLiveScan({ pods, log }) {
  const taken = { start: null };
  const result = await measureFleet({ pods, log, taken });
  return { ...result, start: taken.start ?? { figure: result.figure ?? 'not measured' } };
}

async function measureFleet({ pods, log, taken }) {
  try {
    sh('go', ['version']);
  } catch {
    if (!existsSync(join(CLUSTER, '.bin'))) return { figure: 'not measured: the test control plane needs Go to build (npm run cluster:build)' };
  }
  log('live scan: building (if needed) and starting the test control plane...');
  try {
    sh('bash', [join(CLUSTER, 'build.sh')]);
    sh(join(CLUSTER, 'up'), []);
  } catch (error) {
    return { figure: `not measured: the test control plane did not start (${String(error.stderr ?? error.message).trim().split('\n').pop()})` };
  }
  try {
    const kubeconfig = join(CLUSTER, '.run/admin.kubeconfig');
    const auditLog = join(CLUSTER, '.run/audit.log');
    sh(process.execPath, [join(CLUSTER, 'seed.mjs'), '--kubeconfig', kubeconfig]);
    // Start-up first, on the ten seeded pods, before the fleet makes every list large.
    const { measureLiveStart } = await import('./live-start.mjs');
    const kubectl = /CLUSTER_KUBECTL='([^']+)'/.exec(readFileSync(join(CLUSTER, '.run/env'), 'utf8'))?.[1];
    taken.start = await measureLiveStart({ kubeconfig, kubectl, log }).catch((error) => ({ figure: `not measured: ${error.message.split('\n')[0]}` }));
    log(`live scan: seeding ${pods.toLocaleString('en')} pods...`);
    const seeding = Date.now();
    const { seedFleet, fleetNamespaces } = await import('../test/cluster/seed-fleet.mjs');
    await seedFleet(kubeconfig, { pods, prefix: 'fleet' });
    log(`live scan: seeded in ${((Date.now() - seeding) / 1000).toFixed(0)} s; ${RUNS} scans...`);
    const args = [CLI, 'scan', '-A', '-o', 'json', '--kubeconfig', kubeconfig];
    await runProcess(args, { env: { KUBECONFIG: '' } });
    const walls = [];
    let requests = [];
    for (let i = 0; i < RUNS; i++) {
      const from = lineCount(auditLog);
      walls.push((await runProcess(args, { env: { KUBECONFIG: '' } })).wallMs);
      // The audit log is written as each response completes; give the last one a moment.
      await new Promise((r) => setTimeout(r, 500));
      requests = podmortemRequests(auditLog, from);
    }
    const pageRequests = requests.filter((r) => r.verb === 'list' && ['pods', 'events'].includes(r.objectRef?.resource)).length;
    return {
      ms: median(walls),
      minMs: Math.min(...walls),
      runs: RUNS,
      pods,
      namespaces: fleetNamespaces(pods).length,
      requests: requests.length,
      pageRequests,
      pageSize: Number(new URL(requests.find((r) => r.verb === 'list')?.requestURI ?? '/?limit=0', 'https://api').searchParams.get('limit')),
    };
  } catch (error) {
    return { figure: `not measured: ${error.message.split('\n')[0]}` };
  } finally {
    sh(join(CLUSTER, 'down'), []);
  }
}
