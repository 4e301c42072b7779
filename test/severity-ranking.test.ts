import { describe, expect, it } from 'vitest';
import type { V1Pod } from '@kubernetes/client-node';
import type { Incident } from '../src/model/incident.js';
import type { PodDiagnosis } from '../src/model/finding.js';
import { rankPods, rootCause } from '../src/report/rank-pods.js';
import { failOnExitCode } from '../src/cli/render-report.js';
import { builtInDiagnoser } from './helpers.js';
import { fixtureIncidents } from './support/read-paste.js';

/*
 * Severity decides what an on-call engineer reads first: the root cause of a pod, the pod's own
 * severity, the order of pods in a scan and the exit code of --fail-on. Each needs warning above
 * info, which a pod with one finding of each (or a scan with one pod of each) is the only way to see.
 */

async function oneIncident(fixture: string): Promise<Incident> {
  const [incident] = await fixtureIncidents(fixture);
  if (!incident) throw new Error(`${fixture}: no incident`);
  return incident;
}

/**
 * The checkout pod (web fails its readiness probe: a warning) with the worker container of the
 * recovered-app-error fixture beside it (exited 1 days ago, fine since: info).
 */
async function podWithWarningAndInfo(): Promise<Incident> {
  const readiness = await oneIncident('readiness-probe-failing-service-endpoint');
  const recovered = await oneIncident('recovered-app-error-days-ago');
  const worker = recovered.pod.spec!.containers.find((c) => c.name === 'worker')!;
  const workerStatus = recovered.pod.status!.containerStatuses!.find((s) => s.name === 'worker')!;
  const pod: V1Pod = {
    ...readiness.pod,
    spec: { ...readiness.pod.spec!, containers: [...readiness.pod.spec!.containers, worker] },
    status: { ...readiness.pod.status!, containerStatuses: [...readiness.pod.status!.containerStatuses!, workerStatus] },
  };
  return { ...readiness, pod };
}

describe('severity ranks warning above info', () => {
  it('a pod with a warning and an info finding has the warning as root cause and as its severity', async () => {
    const diagnoser = await builtInDiagnoser();
    const diagnosis = await diagnoser.diagnose(await podWithWarningAndInfo());
    expect(diagnosis.findings.map((f) => [f.id, f.severity])).toEqual([
      ['readiness-probe-failing/web', 'warning'],
      ['recovered-app-error/worker', 'info'],
    ]);
    expect(rootCause(diagnosis)?.title).toBe('container web is running but not ready: its readiness probe fails');
    expect(diagnosis.severity).toBe('warning');
  });

  it('a scan lists critical pods, then warning, then info, then healthy ones', async () => {
    const diagnoser = await builtInDiagnoser();
    const fixtures = ['healthy-running-with-native-sidecar', 'recovered-app-error-days-ago', 'readiness-probe-failing-service-endpoint', 'oom-killed-jvm'];
    const pods = await Promise.all(fixtures.map(async (f) => diagnoser.diagnose(await oneIncident(f))));
    expect(rankPods(pods).map((p) => p.severity)).toEqual(['critical', 'warning', 'info', null]);
  });

  it('among pods of one severity, one with more separate problems comes first; a symptom linked to its cause is no second problem', async () => {
    const finding = (id: string, extra: { causedBy?: string; context?: boolean } = {}) => ({ id, rule: id, cause: 'other', severity: 'critical', title: id, explanation: '', evidence: [], remediation: [], why: [], container: null, ...extra });
    const pod = (name: string, findings: ReturnType<typeof finding>[]) => ({ namespace: 'shop', name, uid: null, phase: 'Running', status: 'Running', severity: 'critical', findings, missing: [] }) as unknown as PodDiagnosis;
    const causeAndSymptom = pod('a-cause-and-its-symptom', [finding('oom-killed/app'), finding('crashloop-backoff/app', { causedBy: 'oom-killed/app' })]);
    const causeAndContext = pod('b-cause-and-context', [finding('app-error-exit/app'), finding('replicas-failing-on-one-node', { context: true })]);
    const twoProblems = pod('c-two-problems', [finding('oom-killed/app'), finding('readiness-probe-failing/sidecar')]);
    const oneProblem = pod('d-one-problem', [finding('command-not-found/app')]);
    expect(rankPods([oneProblem, causeAndContext, causeAndSymptom, twoProblems]).map((p) => p.name)).toEqual(['c-two-problems', 'a-cause-and-its-symptom', 'b-cause-and-context', 'd-one-problem']);
  });

  it('--fail-on warning fails on a warning finding but not on an info one', async () => {
    const diagnoser = await builtInDiagnoser();
    const info = await diagnoser.diagnose(await oneIncident('recovered-app-error-days-ago'));
    const warning = await diagnoser.diagnose(await oneIncident('readiness-probe-failing-service-endpoint'));
    const failOn = (pods: PodDiagnosis[], severity: 'warning' | 'critical') => failOnExitCode(pods, { format: 'text', color: false, failOn: severity });
    expect(failOn([info], 'warning')).toBe(0);
    expect(failOn([warning], 'warning')).toBe(1);
    expect(failOn([info, warning], 'critical')).toBe(0);
  });
});
