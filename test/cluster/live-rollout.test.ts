// Rollouts against the real control plane (seed-rollouts.mjs): a Deployment whose new
// ReplicaSet's pods are OOMKilled beside healthy old ones, and a StatefulSet whose highest
// ordinal fails on its second ControllerRevision. diagnose, scan, a recorded bundle and a plain
// `kubectl get` dump must all name the change, with kubectl commands that kubectl accepts, and
// the scan must list each kind of controller once, not read it per pod (audit log).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as k8s from '@kubernetes/client-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { clusterAvailable, kubeConfig, loadSeeded, rawRequest, readClusterEnv, type ClusterEnv, type SeededRollout } from './helpers.js';
import { reportedRequestCount, requestsDuring, runCli, type CliResult } from './live-helpers.js';

const seeded = loadSeeded();
const deployment = seeded.rollouts.find((r) => r.kind === 'Deployment') as SeededRollout;
const statefulSet = seeded.rollouts.find((r) => r.kind === 'StatefulSet') as SeededRollout;
const NAMESPACE = deployment.namespace;

interface Finding {
  id: string;
  rule: string;
  cause: string;
  title: string;
  context?: boolean;
  relatedTo?: string;
  remediation: { text: string; command?: string }[];
}
interface Pod {
  name: string;
  owner: { kind: string; name: string; revision: number | null } | null;
  findings: Finding[];
}
interface Workload {
  kind: string;
  name: string;
  revision: number | null;
  ready: number | null;
  desired: number | null;
  cause: string | null;
  sinceRevision: number | null;
  summary: string;
  pods: string[];
}
interface Report {
  pods: Pod[];
  workloads: Workload[];
}

function report(result: CliResult): Report {
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Report;
}

const failing = (r: SeededRollout) => r.pods.filter((p) => p.cause !== null);
const healthy = (r: SeededRollout) => r.pods.filter((p) => p.cause === null);
const rolloutFinding = (pod: Pod | undefined) => pod?.findings.find((f) => f.rule === 'rollout-template-changed');
const commands = (f: Finding | undefined) => (f?.remediation ?? []).flatMap((s) => (s.command ? [s.command] : []));
/** Findings as two runs seconds apart agree on them: ages in prose may move on. */
const steady = (pods: Pod[]) => pods.map((p) => ({ name: p.name, owner: p.owner, findings: p.findings.map((f) => `${f.id} ${f.cause} ${f.title.replace(/[0-9hms]+ ago/g, 'AGE')}`) }));

describe.skipIf(!clusterAvailable())('rollouts (live)', () => {
  let env: ClusterEnv;
  let admin: k8s.KubeConfig;
  let flags: string[];

  beforeAll(() => {
    env = readClusterEnv();
    admin = kubeConfig(env.adminKubeconfig);
    flags = ['--kubeconfig', env.adminKubeconfig, '-n', NAMESPACE];
  });

  it('diagnose deploy/NAME leads with the workload and links the OOM kills to the revision that cut the limit', async () => {
    const json = report(await runCli(['diagnose', `deploy/${deployment.name}`, '-o', 'json', ...flags]));
    expect(json.pods.map((p) => p.name).sort()).toEqual(failing(deployment).map((p) => p.name).sort());
    const [before, after] = deployment.revisions as [SeededRollout['revisions'][0], SeededRollout['revisions'][0]];
    for (const pod of json.pods) {
      expect(pod.findings[0]?.cause).toBe('oom-limit');
      expect(pod.owner).toEqual({ kind: 'Deployment', name: deployment.name, revision: after.revision });
      const rollout = rolloutFinding(pod);
      expect(rollout).toMatchObject({ context: true, cause: 'oom-limit', relatedTo: pod.findings[0]?.id });
      expect(rollout?.title).toMatch(new RegExp(`^Failures began with revision ${after.revision} \\([0-9hms]+ ago\\), which changed image of app checkout 1\\.8\\.0 -> 1\\.9\\.0, memory limit of app 1Gi -> 256Mi`));
      expect(commands(rollout)).toEqual([
        `kubectl rollout history deployment/${deployment.name} -n ${NAMESPACE} --revision=${after.revision}`,
        `kubectl rollout undo deployment/${deployment.name} -n ${NAMESPACE} --to-revision=${before.revision}`,
      ]);
    }
    expect(json.workloads).toHaveLength(1);
    expect(json.workloads[0]).toMatchObject({ kind: 'Deployment', name: deployment.name, revision: after.revision, cause: 'oom-limit', sinceRevision: after.revision, ready: healthy(deployment).length });
    const text = await runCli(['diagnose', `deploy/${deployment.name}`, ...flags]);
    expect(text.stdout.split('\n').slice(0, 2)).toEqual([
      'Workloads',
      `  CRITICAL deploy/${deployment.name} ${healthy(deployment).length}/${deployment.pods.length - 1} available: ${failing(deployment).length} pods oom-limit (container app was OOMKilled at its 256Mi memory limit) since revision ${after.revision}`,
    ]);
    expect(text.stdout.replace(/\s+/g, ' ')).toContain(`${healthy(deployment).length} pods of earlier revisions still run healthy beside the failing ones`);
  });

  it('diagnose of the failing StatefulSet pod names the ControllerRevision change and statefulset commands', async () => {
    const pod = failing(statefulSet)[0] as SeededRollout['pods'][0];
    let result: CliResult | undefined;
    const records = await requestsDuring(env.auditLog, async () => {
      result = await runCli(['diagnose', pod.name, '-o', 'json', '--debug', ...flags]);
    });
    const json = report(result as CliResult);
    // The workload costs one get per owner link and one list each of revisions and pods, by selector.
    const reads = records.map((r) => `${r.verb} ${r.resource}`);
    expect(reads.filter((r) => r === 'get statefulsets')).toHaveLength(1);
    expect(reads.filter((r) => r === 'list controllerrevisions')).toHaveLength(1);
    process.stdout.write(`diagnose ${pod.name} (a StatefulSet pod, with its revisions and siblings): ${records.length} requests (${reads.join(', ')})\n`);
    const rollout = rolloutFinding(json.pods[0]);
    expect(json.pods[0]?.findings[0]?.cause).toBe('app-error');
    expect(rollout?.title).toMatch(/^Failures began with revision 2 \([0-9hms]+ ago\), which changed args of app: adds --wal-segment=64Gi$/);
    expect(commands(rollout)).toEqual([
      `kubectl rollout history statefulset/${statefulSet.name} -n ${NAMESPACE} --revision=2`,
      `kubectl rollout undo statefulset/${statefulSet.name} -n ${NAMESPACE} --to-revision=1`,
    ]);
    expect(json.workloads[0]).toMatchObject({ kind: 'StatefulSet', name: statefulSet.name, revision: 2, sinceRevision: 2 });
  });

  it('the suggested rollout commands are kubectl that works against this API server (history read, undo as a server-side dry run)', async () => {
    const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
    if (kubectl.status !== 0) return; // kubectl is not on this machine: the command shapes are checked above.
    const json = report(await runCli(['scan', '-o', 'json', ...flags]));
    const all = json.pods.flatMap((p) => p.findings.filter((f) => f.context).flatMap(commands));
    expect(all.length).toBeGreaterThanOrEqual(4);
    for (const command of new Set(all)) {
      const args = command.split(' ').slice(1);
      // undo is a write: the API server validates it and changes nothing.
      const run = spawnSync('kubectl', [...args, ...(args[1] === 'undo' ? ['--dry-run=server'] : []), '--kubeconfig', env.adminKubeconfig], { encoding: 'utf8' });
      expect(run.status, `${command}\n${run.stderr}`).toBe(0);
      if (args[1] === 'history') expect(run.stdout).toMatch(/Pod Template:/);
    }
  });

  it('scan rolls pods up by workload and lists each kind of controller once (audit log)', async () => {
    let result: CliResult | undefined;
    const records = await requestsDuring(env.auditLog, async () => {
      result = await runCli(['scan', '-o', 'json', '--debug', ...flags]);
    });
    const json = report(result as CliResult);
    const byName = new Map(json.workloads.map((w) => [w.name, w]));
    expect(byName.get(deployment.name)).toMatchObject({ kind: 'Deployment', cause: 'oom-limit', sinceRevision: 2 });
    expect(byName.get(statefulSet.name)).toMatchObject({ kind: 'StatefulSet', cause: 'app-error', sinceRevision: 2 });
    for (const r of [deployment, statefulSet]) {
      for (const p of failing(r)) expect(json.pods.find((x) => x.name === p.name)?.owner).toMatchObject({ kind: r.kind, name: r.name });
    }
    const reads = records.map((r) => `${r.verb} ${r.resource}`);
    for (const kind of ['replicasets', 'deployments', 'statefulsets', 'controllerrevisions']) {
      expect(reads.filter((r) => r === `list ${kind}`), kind).toHaveLength(1);
      expect(reads.filter((r) => r === `get ${kind}`), kind).toEqual([]);
    }
    expect(reportedRequestCount(result?.stderr ?? '')).toBe(records.length);
    const text = await runCli(['scan', ...flags]);
    expect(text.stdout).toMatch(new RegExp(`^Workloads\\n  CRITICAL deploy/${deployment.name} 2/3 available: 2 pods oom-limit .* since revision 2\\n  CRITICAL sts/${statefulSet.name} 2/3 ready: 1 pod app-error .* since revision 2$`, 'm'));
  });

  it('a recorded bundle replays to the same findings, with the revisions stored as the pod is (redacted)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'podmortem-rollout-'));
    const bundle = path.join(dir, 'checkout.json');
    const [live, recorded] = await Promise.all([
      runCli(['diagnose', `deploy/${deployment.name}`, '-o', 'json', ...flags]),
      runCli(['record', `deploy/${deployment.name}`, '-f', bundle, ...flags]),
    ]);
    expect(recorded.code, recorded.stderr).toBe(0);
    const replayed = report(await runCli(['replay', bundle, '-o', 'json']));
    const unhealthy = replayed.pods.filter((p) => p.findings.length > 0);
    expect(steady(unhealthy)).toEqual(steady(report(live).pods));
    expect(replayed.workloads.find((w) => w.name === deployment.name)).toMatchObject({ sinceRevision: 2, cause: 'oom-limit' });
  });

  it('a plain kubectl get deploy,rs,pods -o json dump (and sts,controllerrevisions) replays to the same rollout findings', async () => {
    const list = async (url: string, kind: string, apiVersion: string) => {
      const res = await rawRequest(admin, 'GET', url);
      expect(res.status).toBe(200);
      // kubectl get -o json writes each item with its kind and apiVersion, in one List.
      return (res.json() as { items: object[] }).items.map((item) => ({ apiVersion, kind, ...item }));
    };
    const apps = `/apis/apps/v1/namespaces/${NAMESPACE}`;
    const items = [
      ...(await list(`${apps}/deployments`, 'Deployment', 'apps/v1')),
      ...(await list(`${apps}/replicasets`, 'ReplicaSet', 'apps/v1')),
      ...(await list(`${apps}/statefulsets`, 'StatefulSet', 'apps/v1')),
      ...(await list(`${apps}/controllerrevisions`, 'ControllerRevision', 'apps/v1')),
      ...(await list(`/api/v1/namespaces/${NAMESPACE}/pods`, 'Pod', 'v1')),
    ];
    const dir = mkdtempSync(path.join(tmpdir(), 'podmortem-dump-'));
    const file = path.join(dir, 'dump.json');
    writeFileSync(file, JSON.stringify({ apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' }, items }));
    const replayed = report(await runCli(['replay', file, '-o', 'json']));
    for (const r of [deployment, statefulSet]) {
      for (const p of failing(r)) {
        const pod = replayed.pods.find((x) => x.name === p.name);
        expect(rolloutFinding(pod)?.title, p.name).toMatch(/^Failures began with revision 2 /);
      }
      for (const p of healthy(r)) expect(replayed.pods.find((x) => x.name === p.name)?.findings).toEqual([]);
    }
  });
});
