// "Live scan start-up" in BENCHMARKS.md: `podmortem scan -A` of the ten seeded pods against the
// real API server of the cluster suite (test/cluster: etcd and kube-apiserver built from Go
// modules), spawn to exit, beside the floor (`node -e 0`), the same listing by the kubectl the
// suite builds, and what loading @kubernetes/client-node alone costs (what live commands loaded
// before they read kubeconfigs themselves). Needs Go to build the control plane; without it the
// section says so. The plane is always stopped again.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { measureProcess, median } from './measure.mjs';

const RUNS = 11;
const ms = (value) => `${value.toFixed(0)} ms`;

function readEnv(file) {
  return Object.fromEntries(
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1).replace(/^'|'$/g, '')]),
  );
}

/** Wall time of `command args` from spawn to exit, `runs` times: median and fastest. */
function timeCommand(command, args, runs, env) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    const result = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  }
  return { median: median(times), min: Math.min(...times) };
}

/** The section's Markdown lines; `root` is the repository. */
export async function liveScanStartup(root) {
  const cluster = join(root, 'test/cluster');
  const heading = ['## Live scan start-up', ''];
  if (spawnSync('go', ['version']).status !== 0) return [...heading, 'Not measured: Go is not on PATH, so the control plane of the cluster suite cannot be built.', ''];
  process.stderr.write('bench: live scan start-up: building (if needed) and starting the control plane...\n');
  execFileSync('bash', [join(cluster, 'build.sh')], { stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    execFileSync(join(cluster, 'up'), { stdio: ['ignore', 'ignore', 'inherit'] });
    const env = readEnv(join(cluster, '.run/env'));
    execFileSync(process.execPath, [join(cluster, 'seed.mjs'), '--kubeconfig', env.CLUSTER_ADMIN_KUBECONFIG], { stdio: ['ignore', 'ignore', 'inherit'] });
    const cli = join(root, 'dist/cli/main.js');
    const scanArgs = [cli, 'scan', '-A', '-o', 'json', '--kubeconfig', env.CLUSTER_ADMIN_KUBECONFIG];
    const pods = JSON.parse(execFileSync(process.execPath, [...scanArgs.slice(0, -2), '--all', ...scanArgs.slice(-2)]).toString()).counts.pods;
    const scan = [];
    for (let i = 0; i < RUNS; i++) scan.push((await measureProcess(scanArgs, 1)).wallMs);
    const floor = await measureProcess(['-e', '0'], RUNS);
    const kubectl = timeCommand(env.CLUSTER_KUBECTL, ['get', 'pods', '-A', '-o', 'json'], RUNS, { KUBECONFIG: env.CLUSTER_ADMIN_KUBECONFIG });
    const client = await measureProcess(['--input-type=module', '-e', "await import('@kubernetes/client-node')"], RUNS, { cwd: root });
    process.stderr.write(`bench:   scan -A of ${pods} pods: median ${ms(median(scan))}, fastest ${ms(Math.min(...scan))}; node -e 0 ${ms(floor.wallMs)}\n`);
    return [
      ...heading,
      `\`podmortem scan -A -o json\` of the ${pods} pods the cluster suite seeds (\`test/cluster/seed.mjs\`), against its kube-apiserver ${env.CLUSTER_K8S_VERSION} on loopback: whole process, spawn to exit, ${RUNS} runs one after another. The same pods listed by the kubectl the suite builds, and loading \`@kubernetes/client-node\` alone, for comparison.`,
      '',
      '| | median | fastest |',
      '|---|---:|---:|',
      `| \`podmortem scan -A\`, ${pods} pods (target < 400 ms) | ${ms(median(scan))} | ${ms(Math.min(...scan))} |`,
      `| \`node -e 0\` (floor) | ${ms(floor.wallMs)} | |`,
      `| \`kubectl get pods -A -o json\` (${env.CLUSTER_K8S_VERSION}) | ${ms(kubectl.median)} | ${ms(kubectl.min)} |`,
      `| \`import('@kubernetes/client-node')\` alone, no request (no longer loaded by live commands) | ${ms(client.wallMs)} | |`,
      '',
    ];
  } finally {
    spawnSync(join(cluster, 'down'), ['--quiet'], { stdio: 'inherit' });
  }
}
