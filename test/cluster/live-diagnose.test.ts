// `podmortem diagnose`, `record` and `replay` against the real control plane: every seeded
// failure mode gets its expected root cause live, and the recorded bundle replays to the same
// findings. Runs the built CLI (npm run test:cluster builds dist first).
import { chmodSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { clusterAvailable, loadSeeded, readClusterEnv, type ClusterEnv, type SeededPod } from './helpers.js';
import { CLI, runCli, type CliResult } from './live-helpers.js';

const seeded = loadSeeded();

interface Finding {
  id: string;
  rule: string;
  cause: string;
  severity: string;
  container: string | null;
  symptom: boolean;
  causedBy?: string;
  title: string;
  explanation: string;
  evidence: { source: string; text: string }[];
}
interface Diagnosis {
  namespace: string;
  name: string;
  status: string;
  severity: string | null;
  findings: Finding[];
  missing: string[];
}

function pods(result: CliResult): Diagnosis[] {
  expect(result.code, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as { pods: Diagnosis[] }).pods;
}

/** A finding as two runs seconds apart must agree on it: numbers in prose (ages) may move on. */
function comparable(f: Finding) {
  const steady = (text: string) => text.replace(/\d+/g, '#');
  return {
    id: f.id,
    cause: f.cause,
    severity: f.severity,
    container: f.container,
    symptom: f.symptom,
    causedBy: f.causedBy ?? null,
    title: steady(f.title),
    explanation: steady(f.explanation),
    evidence: f.evidence.map((e) => `${e.source}: ${steady(e.text)}`),
  };
}

/** Runs `work` over `items`, three at a time (CLI processes on a two-core machine). */
async function inBatches<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += 3) out.push(...(await Promise.all(items.slice(i, i + 3).map(work))));
  return out;
}

describe.skipIf(!clusterAvailable())('podmortem diagnose, record and replay (live)', () => {
  let env: ClusterEnv;
  let admin: string[];
  const live = new Map<string, Diagnosis>();
  const replayed = new Map<string, Diagnosis>();
  let bundles: string[] = [];

  beforeAll(async () => {
    env = readClusterEnv();
    admin = ['--kubeconfig', env.adminKubeconfig];
    const dir = mkdtempSync(path.join(tmpdir(), 'podmortem-record-'));
    const results = await inBatches(seeded.pods, async (p) => {
      const file = path.join(dir, `${p.namespace}_${p.name}.json`);
      const [diagnosed, recorded] = await Promise.all([
        runCli(['diagnose', p.name, '-n', p.namespace, '-o', 'json', ...admin]),
        runCli(['record', p.name, '-n', p.namespace, '-f', file, ...admin]),
      ]);
      expect(recorded.code, recorded.stderr).toBe(0);
      expect(recorded.stderr).toContain(`recorded 1 pod to ${file}`);
      return { p, diagnosed, file };
    });
    for (const { p, diagnosed } of results) live.set(`${p.namespace}/${p.name}`, pods(diagnosed)[0] as Diagnosis);
    bundles = results.map((r) => r.file);
    for (const d of pods(await runCli(['replay', ...bundles, '-o', 'json']))) replayed.set(`${d.namespace}/${d.name}`, d);
  }, 180_000);

  const label = (p: SeededPod) => `${p.namespace}/${p.name} (${p.cause ?? 'healthy'})`;

  it.each(seeded.pods.map((p) => [label(p), p] as const))('diagnoses %s with its seeded root cause', (_label, p) => {
    const diagnosis = live.get(`${p.namespace}/${p.name}`);
    expect(diagnosis).toBeDefined();
    if (p.cause === null) {
      expect(diagnosis?.findings).toEqual([]);
      return;
    }
    expect(diagnosis?.findings[0]?.cause, JSON.stringify(diagnosis?.findings.map((f) => f.id))).toBe(p.cause);
    expect(diagnosis?.findings[0]?.symptom).toBe(false);
  });

  it.each(seeded.pods.map((p) => [label(p), p] as const))('replays the recording of %s to the same findings', (_label, p) => {
    const key = `${p.namespace}/${p.name}`;
    const before = live.get(key);
    const after = replayed.get(key);
    expect(after).toBeDefined();
    expect(after?.findings.map(comparable)).toEqual(before?.findings.map(comparable));
    expect(after?.status).toBe(before?.status);
    expect(after?.missing).toEqual(before?.missing);
  });

  it('cannot read logs from this control plane (no kubelet) and says so, without failing', () => {
    const crashing = live.get('podmortem-e2e/api-5c8d7f9b6d-x2x9q');
    expect(crashing?.missing).toEqual([
      expect.stringMatching(/^logs of container app \(previous instance\): the API server could not get it from the node's kubelet \(.+\)$/),
    ]);
    const pending = live.get('podmortem-e2e/unschedulable-batch');
    expect(pending?.missing).toEqual([]);
  });

  it('records no env values, secrets, tokens or kubeconfig content', () => {
    const adminConfig = readFileSync(env.adminKubeconfig, 'utf8');
    const token = /token: (\S+)/.exec(adminConfig)?.[1] ?? '';
    const caData = /certificate-authority-data: (\S+)/.exec(adminConfig)?.[1] ?? '';
    expect(token.length).toBeGreaterThan(10);
    for (const file of bundles) {
      const text = readFileSync(file, 'utf8');
      expect(text).not.toContain(token);
      expect(text).not.toContain(caData.slice(0, 40));
      expect(text).not.toContain('"value":');
    }
    const javaPod = JSON.parse(readFileSync(bundles.find((f) => f.includes('node-oom-java')) ?? '', 'utf8')) as {
      incidents: { pod: { spec: { containers: { env?: { name: string }[] }[] } } }[];
    };
    // seed.mjs gives this pod JAVA_OPTS=-Xmx6g: the name stays, the value does not.
    expect(javaPod.incidents[0]?.pod.spec.containers[0]?.env).toEqual([{ name: 'JAVA_OPTS' }]);
  });

  it('keeps the readiness of the pod in the Services selecting it, and the owner chain', () => {
    const bundle = (name: string) =>
      JSON.parse(readFileSync(bundles.find((f) => f.endsWith(`_${name}.json`)) ?? '', 'utf8')) as {
        incidents: { services?: { name: string; endpointReady: boolean | null }[]; owners?: { kind: string; name: string }[] }[];
      };
    for (const s of seeded.services) {
      expect(bundle(s.pod).incidents[0]?.services).toEqual([expect.objectContaining({ name: s.name, endpointReady: s.endpointReady })]);
    }
    for (const w of seeded.workloads) {
      expect(bundle(w.pods[0] ?? '').incidents[0]?.owners).toEqual([
        { kind: 'ReplicaSet', name: w.replicaSet },
        { kind: 'Deployment', name: w.deployment },
      ]);
    }
  });

  it('diagnoses a Deployment through its selector: its unhealthy pods, worst first', async () => {
    for (const w of seeded.workloads) {
      const result = await runCli(['diagnose', w.ref, '-n', w.namespace, '-o', 'json', ...admin]);
      const diagnosed = pods(result);
      expect(diagnosed.map((d) => d.name).sort()).toEqual([...w.pods].sort());
      expect(diagnosed[0]?.findings[0]?.cause).toBe(w.cause);
    }
    const longForm = await runCli(['diagnose', 'deployment.apps/api', '-n', 'podmortem-e2e', ...admin]);
    expect(longForm.code).toBe(0);
    expect(longForm.stdout).toContain('Pod podmortem-e2e/api-5c8d7f9b6d-x2x9q');
  });

  it('names the closest pods when the pod does not exist', async () => {
    const result = await runCli(['diagnose', 'api-5c8d7f9b6d-x2x9', '-n', 'podmortem-e2e', ...admin]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('podmortem: pod "api-5c8d7f9b6d-x2x9" not found in namespace podmortem-e2e; did you mean api-5c8d7f9b6d-x2x9q?\n');
    const workload = await runCli(['diagnose', 'deploy/apj', '-n', 'podmortem-e2e', ...admin]);
    expect(workload.stderr).toBe('podmortem: deployment "apj" not found in namespace podmortem-e2e; did you mean api?\n');
  });

  it('says so in one line when the server is unreachable, or its certificate is not trusted', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'podmortem-unreachable-'));
    const config = readFileSync(env.adminKubeconfig, 'utf8');
    const port = new URL(env.server).port;
    const refused = path.join(dir, 'refused');
    // Port 1 on loopback: nothing listens there.
    writeFileSync(refused, config.replace(`127.0.0.1:${port}`, '127.0.0.1:1'));
    const down = await runCli(['diagnose', 'healthy-web', '-n', 'podmortem-e2e', '--kubeconfig', refused]);
    expect(down.code).toBe(2);
    expect(down.stderr).toBe('podmortem: cannot connect to the API server at https://127.0.0.1:1 (connection refused): is the cluster running, and does context "podmortem-admin@podmortem-test" point at it?\n');
    const untrusted = path.join(dir, 'untrusted');
    writeFileSync(untrusted, config.replace(/^\s*certificate-authority-data: .*$/m, ''));
    const tls = await runCli(['scan', '--kubeconfig', untrusted]);
    expect(tls.code).toBe(2);
    expect(tls.stderr).toMatch(/^podmortem: TLS: the certificate of https:\/\/127\.0\.0\.1:\d+ is not signed by a CA the kubeconfig trusts \([A-Z_]+\)/);
  });

  it('works as a kubectl plugin: kubectl podmortem diagnose ...', () => {
    const bin = mkdtempSync(path.join(tmpdir(), 'podmortem-plugin-'));
    // What npm does for the kubectl-podmortem bin: a link to the script, made executable.
    chmodSync(CLI, 0o755);
    symlinkSync(CLI, path.join(bin, 'kubectl-podmortem'));
    const result = spawnSync('kubectl', ['podmortem', 'diagnose', 'config-api', '-n', 'podmortem-e2e', '-o', 'json'], {
      encoding: 'utf8',
      env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`, KUBECONFIG: env.adminKubeconfig },
    });
    expect(result.status, result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as { pods: Diagnosis[] }).pods[0]?.findings[0]?.cause).toBe('config-error');
  });
});
