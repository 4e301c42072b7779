// What a reader sees of a rollout: the change linked to the root cause with kubectl commands
// for the right kind, the sibling split by node, the workload roll-up, and no blame for a change
// that cannot make a pod fail. Read from the fixtures' kubectl dumps, as `replay` reads them.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnoseWithWorkloads } from '../src/cli/diagnose-all.js';
import { incidentsToDiagnose } from '../src/cli/replay-incidents.js';
import type { Finding, PodDiagnosis } from '../src/model/finding.js';
import { loadReplay } from '../src/sources/load-replay.js';
import { renderText } from '../src/report/text-report.js';
import { builtInDiagnoser, FIXTURES } from './helpers.js';

const CAPTURED_AT = '2026-03-10T14:30:00Z';

async function replay(...names: string[]) {
  const input = await loadReplay(names.map((n) => join(FIXTURES, n)), { capturedAt: CAPTURED_AT });
  const diagnoser = await builtInDiagnoser();
  return diagnoseWithWorkloads(diagnoser, incidentsToDiagnose(input));
}

const pod = (pods: readonly PodDiagnosis[], name: string) => pods.find((p) => p.name === name) as PodDiagnosis;
const finding = (p: PodDiagnosis, rule: string) => p.findings.find((f) => f.rule === rule) as Finding;
const commands = (f: Finding) => f.remediation.flatMap((s) => (s.command ? [s.command] : []));

describe('rollout findings', () => {
  it('links the revision that cut the memory limit to the OOM root cause, with history and undo for the Deployment', async () => {
    const { pods, workloads } = await replay('rollout-deployment-oom-after-limit-cut');
    const failing = pod(pods, 'orders-api-7c9b8d6f4-q7xkz');
    const root = failing.findings[0] as Finding;
    const rollout = finding(failing, 'rollout-template-changed');
    expect(rollout).toMatchObject({ context: true, relatedTo: root.id, cause: 'oom-limit', severity: 'warning' });
    expect(rollout.title).toBe('Failures began with revision 14 (28m ago), which changed image of app orders-api 2.14.0 -> 2.14.1, memory limit of app 1Gi -> 512Mi and memory request of app 1Gi -> 512Mi');
    expect(rollout.explanation).toContain('2 pods of earlier revisions still run healthy beside the failing ones');
    expect(commands(rollout)).toEqual(['kubectl rollout history deployment/orders-api -n shop --revision=14', 'kubectl rollout undo deployment/orders-api -n shop --to-revision=13']);
    expect(rollout.evidence[0]).toEqual({
      source: 'ReplicaSet orders-api-5d4f8c7b96 (revision 13) -> ReplicaSet orders-api-7c9b8d6f4 (revision 14)',
      text: 'image of app orders-api 2.14.0 -> 2.14.1; memory limit of app 1Gi -> 512Mi; memory request of app 1Gi -> 512Mi',
    });
    // Context never outranks the cause, nor raises the pod's severity above its causes'.
    expect(failing.findings.findIndex((f) => f === rollout)).toBeGreaterThan(0);
    expect(failing.owner).toEqual({ kind: 'Deployment', name: 'orders-api', revision: 14 });
    expect(pod(pods, 'orders-api-5d4f8c7b96-x8k2p').findings).toEqual([]);
    expect(workloads).toEqual([
      expect.objectContaining({
        kind: 'Deployment',
        name: 'orders-api',
        revision: 14,
        available: 2,
        desired: 3,
        cause: 'oom-limit',
        sinceRevision: 14,
        unhealthyPods: 2,
        summary: 'deploy/orders-api 2/3 available: 2 pods oom-limit (container app was OOMKilled at its 512Mi memory limit) since revision 14',
      }),
    ]);
  });

  it('diffs three revisions against the last healthy one and says which revision the failures began with', async () => {
    const { pods } = await replay('rollout-deployment-three-revisions');
    const newest = finding(pod(pods, 'ledger-7d5f9b8c6-f8j3n'), 'rollout-template-changed');
    // Revision 13 changed the ConfigMap and the image; 14 (the pod's) changed more, listed in the explanation.
    expect(newest.title).toMatch(/^Failures began with revision 13 \(90m ago\), which changed image of app ledger 5\.3\.2 -> 5\.4\.0, env LEDGER_MODE of app: configMap ledger-config key mode -> configMap ledger-config-v2 key mode/);
    expect(newest.explanation).toContain('From revision 12 to 14 the pod template changed: image of app ledger 5.3.2 -> 5.4.1');
    expect(newest.explanation).toContain('env LEDGER_REGION added to app');
    expect(commands(newest)).toEqual(['kubectl rollout history deployment/ledger -n payments --revision=14', 'kubectl rollout undo deployment/ledger -n payments --to-revision=12']);
  });

  it('uses statefulset/ and daemonset/ in commands, never replicaset/ or a ControllerRevision', async () => {
    const { pods } = await replay('rollout-statefulset-two-revisions', 'rollout-statefulset-three-revisions', 'rollout-daemonset-two-revisions', 'rollout-daemonset-three-revisions');
    expect(commands(finding(pod(pods, 'kv-2'), 'rollout-template-changed'))).toEqual(['kubectl rollout history statefulset/kv -n storage --revision=2', 'kubectl rollout undo statefulset/kv -n storage --to-revision=1']);
    expect(finding(pod(pods, 'queue-2'), 'rollout-template-changed').title).toBe('Failures began with revision 3 (11m ago), which changed args of app: adds --max-segment-size=64Gi');
    expect(commands(finding(pod(pods, 'log-shipper-j6v2c'), 'rollout-template-changed'))).toEqual([
      'kubectl rollout history daemonset/log-shipper -n observability --revision=2',
      'kubectl rollout undo daemonset/log-shipper -n observability --to-revision=1',
    ]);
    const all = pods.flatMap((p) => p.findings.filter((f) => f.context).flatMap(commands));
    expect(all.filter((c) => c.startsWith('kubectl rollout')).every((c) => /^kubectl rollout (history|undo) (deployment|statefulset|daemonset)\//.test(c))).toBe(true);
  });

  it('says a change is only a suspect when the earlier revision left no pods to show it was healthy', async () => {
    const { pods } = await replay('rollout-daemonset-three-revisions');
    const exporter = pod(pods, 'node-exporter-b2k7m');
    expect(exporter.findings.some((f) => f.rule === 'rollout-template-changed')).toBe(false);
    const since = finding(exporter, 'rollout-changed-since');
    expect(since.title).toBe('Revision 3 (15m ago) changed image of exporter node-exporter v1.9.0 -> v1.9.1, exporter mounts textfile at /run/textfile and volume textfile added (hostPath /var/lib/node-exporter/textfile) since revision 2');
    expect(since.explanation).toContain('not in the evidence');
  });

  it('does not blame a restart annotation: the spec is unchanged, so the cause lies outside the template', async () => {
    const { pods } = await replay('rollout-restart-annotation-only');
    const failing = pod(pods, 'cart-58c9d7f6b-r7p2c');
    expect(failing.findings.map((f) => f.rule)).not.toContain('rollout-template-changed');
    expect(failing.findings.map((f) => f.rule)).not.toContain('rollout-changed-since');
    expect(finding(failing, 'rollout-spec-unchanged').title).toBe(
      'Revision 6 has the same pod spec as revision 5, which ran healthy; it changed only annotation kubectl.kubernetes.io/restartedAt',
    );
  });

  it('compares siblings of one revision: every failing replica on one node under MemoryPressure', async () => {
    const { pods, workloads } = await replay('replicas-failing-on-one-node');
    const failing = pod(pods, 'indexer-9c6b7d8f5-k2r5d');
    const split = finding(failing, 'replicas-failing-on-one-node');
    expect(split.title).toBe('All 3 failing replicas are on node worker-3, which reports MemoryPressure');
    expect(split.explanation).toContain('while 2 with the same template run healthy on worker-1, worker-2');
    expect(commands(split)[0]).toBe('kubectl describe node worker-3');
    expect(workloads[0]?.summary).toBe('deploy/indexer 2/5 available: 3 pods oom-node (container app was OOMKilled: the node worker-3 ran out of memory)');
  });

  it('prints context under the root cause it explains, and the workloads first', async () => {
    const { pods, workloads } = await replay('rollout-deployment-oom-after-limit-cut');
    const text = renderText(pods, { color: false, width: 200, workloads });
    expect(text.split('\n')[0]).toBe('Workloads');
    const block = text.slice(text.indexOf('Pod shop/orders-api-7c9b8d6f4-q7xkz'));
    expect(block.indexOf('Context for the above:')).toBeGreaterThan(block.indexOf('Root cause:'));
    expect(block).not.toContain('Also found:');
  });

  it('counts a pod with only a warning (a failing readiness probe) as unhealthy in its workload, never healthy', async () => {
    const { workloads } = await replay('readiness-probe-failing-service-endpoint');
    expect(workloads).toEqual([
      expect.objectContaining({
        name: 'checkout-web',
        cause: 'readiness-probe',
        unhealthyPods: 1,
        summary: 'deploy/checkout-web: 1 pod readiness-probe (container web is running but not ready: its readiness probe fails)',
      }),
    ]);
  });
});
