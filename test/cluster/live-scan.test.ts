// `podmortem scan` against the real control plane: every seeded failure ranked with its root
// cause, healthy pods counted, and a request count (from the audit log) that does not grow
// with the number of pods.
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterAvailable, kubeConfig, loadSeeded, readClusterEnv, type ClusterEnv } from './helpers.js';
import { createRunningPod, deletePod, ensureNamespace, reportedRequestCount, requestsDuring, runCli, writeStatus, type CliResult } from './live-helpers.js';

const seeded = loadSeeded();
const SCALE_NAMESPACE = 'podmortem-scale';

interface ScanReport {
  scope: { namespace: string | null };
  counts: { pods: number; unhealthy: number; healthy: number };
  pods: { namespace: string; name: string; severity: string | null; status: string; findings: { cause: string }[] }[];
}

function report(result: CliResult): ScanReport {
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as ScanReport;
}

describe.skipIf(!clusterAvailable())('podmortem scan (live)', () => {
  let env: ClusterEnv;
  let admin: k8s.KubeConfig;
  let flags: string[];
  const scalePods: string[] = [];

  beforeAll(async () => {
    env = readClusterEnv();
    admin = kubeConfig(env.adminKubeconfig);
    flags = ['--kubeconfig', env.adminKubeconfig];
    await ensureNamespace(admin, SCALE_NAMESPACE);
  });

  afterAll(async () => {
    for (const name of scalePods) await deletePod(admin, SCALE_NAMESPACE, name);
  });

  it('scan -A ranks every seeded failure with its root cause and counts healthy pods without listing them', async () => {
    const scan = report(await runCli(['scan', '-A', '-o', 'json', ...flags]));
    expect(scan.scope.namespace).toBeNull();
    const listed = new Map(scan.pods.map((p) => [`${p.namespace}/${p.name}`, p]));
    for (const p of seeded.pods) {
      const pod = listed.get(`${p.namespace}/${p.name}`);
      if (p.cause === null) expect(pod, `${p.name} is healthy`).toBeUndefined();
      else expect(pod?.findings[0]?.cause, `${p.namespace}/${p.name}`).toBe(p.cause);
    }
    expect(scan.counts.healthy).toBeGreaterThanOrEqual(seeded.pods.filter((p) => p.cause === null).length);
    expect(scan.counts.unhealthy).toBe(scan.pods.length);
    expect(scan.counts.pods).toBe(scan.counts.unhealthy + scan.counts.healthy);
    // Worst first: no warning above a critical.
    const ranks = scan.pods.map((p) => (p.severity === 'critical' ? 3 : p.severity === 'warning' ? 2 : 1));
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
  });

  it('prints one line per unhealthy pod, and lists healthy ones only with --all', async () => {
    const text = await runCli(['scan', '-n', 'podmortem-e2e', ...flags]);
    expect(text.code).toBe(0);
    const lines = text.stdout.split('\n');
    expect(lines[0]).toBe('Scan of namespace podmortem-e2e (context podmortem-admin@podmortem-test)');
    expect(lines.find((l) => l.includes('podmortem-e2e/config-api'))).toMatch(/^CRITICAL\s+podmortem-e2e\/config-api\s+CreateContainerConfigError\s+config-error: /);
    expect(text.stdout).not.toContain('healthy-web');
    const all = await runCli(['scan', '-n', 'podmortem-e2e', '--all', ...flags]);
    expect(all.stdout).toMatch(/^OK\s+podmortem-e2e\/healthy-web\s+Running\s+healthy$/m);
    const selected = report(await runCli(['scan', '-n', 'podmortem-e2e', '-l', 'app=readiness-web', '-o', 'json', ...flags]));
    expect(selected.counts.pods).toBe(1);
    expect(selected.pods.map((p) => p.findings[0]?.cause)).toEqual(['readiness-probe']);
  });

  it('does not count Completed pods as unhealthy', async () => {
    const pod = await createRunningPod(admin, SCALE_NAMESPACE, 'report-done');
    scalePods.push('report-done');
    await writeStatus(admin, pod, {
      phase: 'Succeeded',
      conditions: [{ type: 'Ready', status: 'False', reason: 'PodCompleted' }],
      containerStatuses: [{ name: 'app', image: 'registry.example.com/web:2.0.1', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } }],
    });
    const scan = report(await runCli(['scan', '-n', SCALE_NAMESPACE, '-o', 'json', ...flags]));
    expect(scan.pods.map((p) => p.name)).not.toContain('report-done');
    expect(scan.counts.healthy).toBeGreaterThanOrEqual(1);
  });

  it('sends the same number of requests for 40 more pods, and only reads (audit log)', async () => {
    const scanOnce = async () => {
      let result: CliResult | undefined;
      const records = await requestsDuring(env.auditLog, async () => {
        result = await runCli(['scan', '-n', SCALE_NAMESPACE, '-o', 'json', '--debug', ...flags]);
      });
      return { records, result: result as CliResult };
    };
    await Promise.all(['web-0', 'web-1'].map((name) => createRunningPod(admin, SCALE_NAMESPACE, name)));
    scalePods.push('web-0', 'web-1');
    const small = await scanOnce();
    for (let i = 2; i < 42; i += 8) {
      const batch = Array.from({ length: 8 }, (_, j) => `web-${i + j}`);
      await Promise.all(batch.map((name) => createRunningPod(admin, SCALE_NAMESPACE, name)));
      scalePods.push(...batch);
    }
    const large = await scanOnce();
    expect(report(large.result).counts.pods).toBe(report(small.result).counts.pods + 40);
    expect(large.records.length).toBe(small.records.length);
    // podmortem's own count agrees with what the API server saw.
    expect(reportedRequestCount(large.result.stderr)).toBe(large.records.length);
    // Healthy pods cost the four scope lists (pods, events, services, endpointslices) and nothing else.
    expect(large.records.map((r) => `${r.verb} ${r.resource}`).sort()).toEqual(['list endpointslices', 'list events', 'list pods', 'list services']);
    for (const r of large.records) expect(r.code).toBe(200);
  });

  it('keeps the request count of a scan bounded by its unhealthy pods, not by events or history', async () => {
    let stderr = '';
    const records = await requestsDuring(env.auditLog, async () => {
      stderr = (await runCli(['scan', '-A', '--debug', ...flags])).stderr;
    });
    const unhealthy = seeded.pods.filter((p) => p.cause !== null).length;
    const nodes = seeded.nodes.length;
    // 4 scope lists; per node one get and one events list; per unhealthy pod at most 4 logs and 1 owner.
    expect(records.length).toBeLessThanOrEqual(4 + 2 * nodes + 5 * unhealthy);
    expect(reportedRequestCount(stderr)).toBe(records.length);
    expect(new Set(records.map((r) => r.verb))).toEqual(new Set(['get', 'list']));
    process.stdout.write(`scan -A of ${seeded.pods.length} seeded pods: ${records.length} requests\n`);
  });
});
