import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Incident } from '../src/model/incident.js';
import type { PodDiagnosis } from '../src/model/finding.js';
import { loadReplay } from '../src/sources/load-replay.js';
import { parseBundle } from '../src/sources/bundle.js';
import { jobStatusOf } from '../src/sources/job-status.js';
import { builtInDiagnoser } from './helpers.js';
import { readPaste } from './support/read-paste.js';

/*
 * A Job's own status.conditions as evidence: the Job controller's Failed (or interim
 * FailureTarget) condition says why it gave up, and after DeadlineExceeded the Job is often all
 * that is left. Every Job, pod and time here is made up; reasons and messages are the job
 * controller's own wording.
 */

const CAPTURED = '2026-05-11T07:30:00Z';
const NAMESPACE = 'billing';
const UID = '3f9a1c7e-58b2-4d0e-9a61-c4e2b7d80f15';

type Condition = { type: string; status: string; reason?: string; message?: string };

const DEADLINE: Condition = { type: 'Failed', status: 'True', reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' };
const BACKOFF: Condition = { type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' };
const COMPLETE: Condition = { type: 'Complete', status: 'True' };

function job(name: string, conditions: Condition[] | undefined, counts: { failed?: number; succeeded?: number; active?: number } = {}) {
  const labels = { 'batch.kubernetes.io/controller-uid': UID, 'batch.kubernetes.io/job-name': name, 'controller-uid': UID, 'job-name': name };
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: NAMESPACE, uid: UID, labels, creationTimestamp: '2026-05-11T06:00:00Z' },
    spec: {
      activeDeadlineSeconds: 1800,
      backoffLimit: 3,
      completions: 1,
      parallelism: 1,
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': UID } },
      template: { metadata: { labels }, spec: { restartPolicy: 'Never', containers: [{ name: 'invoice', image: 'registry.example.com/billing/invoicer:5.2.0' }] } },
    },
    status: {
      startTime: '2026-05-11T06:00:00Z',
      ...counts,
      ...(conditions
        ? { conditions: conditions.map((c) => ({ ...c, lastProbeTime: '2026-05-11T06:30:00Z', lastTransitionTime: '2026-05-11T06:30:00Z' })) }
        : {}),
    },
  };
}

/** One of the Job's pods: its container ended as `terminated` says. */
function jobPod(jobName: string, podName: string, terminated: Record<string, unknown>, phase = 'Failed') {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: podName,
      namespace: NAMESPACE,
      uid: `uid-${podName}`,
      labels: { 'batch.kubernetes.io/job-name': jobName, 'job-name': jobName, 'controller-uid': UID },
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: jobName, uid: UID, controller: true, blockOwnerDeletion: true }],
    },
    spec: { restartPolicy: 'Never', nodeName: 'node-a7', containers: [{ name: 'invoice', image: 'registry.example.com/billing/invoicer:5.2.0' }] },
    status: {
      phase,
      startTime: '2026-05-11T06:20:00Z',
      conditions: [{ type: 'Ready', status: 'False', reason: 'PodFailed' }],
      containerStatuses: [
        {
          name: 'invoice',
          image: 'registry.example.com/billing/invoicer:5.2.0',
          imageID: 'registry.example.com/billing/invoicer@sha256:5d1f0a9c',
          containerID: 'containerd://4be7',
          ready: false,
          restartCount: 0,
          started: false,
          state: { terminated: { startedAt: '2026-05-11T06:20:05Z', finishedAt: '2026-05-11T06:29:50Z', containerID: 'containerd://4be7', ...terminated } },
          lastState: {},
        },
      ],
    },
  };
}

async function replayFiles(files: Record<string, unknown>): Promise<Incident[]> {
  const dir = await mkdtemp(join(tmpdir(), 'podmortem-job-'));
  const paths: string[] = [];
  for (const [name, body] of Object.entries(files)) {
    const path = join(dir, name);
    await writeFile(path, typeof body === 'string' ? body : JSON.stringify(body));
    paths.push(path);
  }
  return (await loadReplay(paths, { capturedAt: CAPTURED })).incidents;
}

async function diagnose(incidents: readonly Incident[]): Promise<PodDiagnosis[]> {
  const diagnoser = await builtInDiagnoser();
  return Promise.all(incidents.map((i) => diagnoser.diagnose(i)));
}

const commands = (d: PodDiagnosis) => d.findings.flatMap((f) => f.remediation.flatMap((r) => (r.command ? [r.command] : [])));

describe('a Job given alone, its pods gone', () => {
  it('DeadlineExceeded: a stand-in for its pods, the deadline cited from the Job\'s Failed condition, and how to find the pods', async () => {
    const incidents = await replayFiles({ 'job.json': job('invoice-run', [DEADLINE], { failed: 1 }) });
    expect(incidents).toHaveLength(1);
    const [d] = await diagnose(incidents);
    expect(d).toMatchObject({ name: 'invoice-run-<pods not shown>', namespace: NAMESPACE });
    expect(d?.findings[0]).toMatchObject({ rule: 'job-deadline-exceeded', cause: 'deadline-exceeded', symptom: false });
    expect(d?.findings[0]?.title).toBe('Job invoice-run ran past its deadline and its pods were stopped');
    expect(d?.findings[0]?.evidence).toContainEqual({
      source: 'job/invoice-run status.conditions[Failed]',
      text: 'DeadlineExceeded: Job was active longer than specified deadline (since 2026-05-11T06:30:00Z)',
    });
    expect(d?.missing.join('\n')).toContain(`the pods of Job invoice-run are not in the evidence, only the Job`);
    expect(d?.missing.join('\n')).toContain(`kubectl get pods -n ${NAMESPACE} -l job-name=invoice-run`);
    // No command names the stand-in as if it were a pod.
    expect(commands(d as PodDiagnosis)).toContain(`kubectl get pods -n ${NAMESPACE} -l job-name=invoice-run -o wide`);
    expect(commands(d as PodDiagnosis).some((c) => c.includes('<pods not shown>'))).toBe(false);
  });

  it('BackoffLimitExceeded with no pod shown: an honest finding that the Job gave up after its failed pods, citing the condition, cause not shown', async () => {
    const [d] = await diagnose(await replayFiles({ 'job.json': job('invoice-run', [BACKOFF], { failed: 4 }) }));
    expect(d?.findings).toHaveLength(1);
    expect(d?.findings[0]).toMatchObject({ rule: 'job-backoff-limit-exceeded', cause: 'other', severity: 'critical' });
    expect(d?.findings[0]?.title).toBe('Job invoice-run gave up after 4 failed pods (backoffLimit 3)');
    expect(d?.findings[0]?.evidence).toEqual([
      { source: 'job/invoice-run status.conditions[Failed]', text: 'BackoffLimitExceeded: Job has reached the specified backoff limit (since 2026-05-11T06:30:00Z)' },
      { source: 'job/invoice-run status.failed', text: '4' },
    ]);
    expect(commands(d as PodDiagnosis)).toEqual([
      `kubectl describe job invoice-run -n ${NAMESPACE}`,
      `kubectl get pods -n ${NAMESPACE} -l job-name=invoice-run -o wide`,
      `kubectl logs -n ${NAMESPACE} -l job-name=invoice-run --all-containers --tail=50`,
    ]);
  });

  it('the interim FailureTarget (newer controllers, before Failed) already says why', async () => {
    const [d] = await diagnose(await replayFiles({ 'job.json': job('invoice-run', [{ ...DEADLINE, type: 'FailureTarget' }], { active: 1 }) }));
    expect(d?.findings[0]).toMatchObject({ rule: 'job-deadline-exceeded' });
    expect(d?.findings[0]?.evidence[0]?.source).toBe('job/invoice-run status.conditions[FailureTarget]');
  });

  it('another reason (a pod failure policy) is still a failure, quoting the controller\'s message', async () => {
    const message = 'Container invoice for pod billing/invoice-run-k2x9z failed with exit code 42 matching FailJob rule at index 0';
    const [d] = await diagnose(await replayFiles({ 'job.json': job('invoice-run', [{ type: 'Failed', status: 'True', reason: 'PodFailurePolicy', message }], { failed: 1 }) }));
    expect(d?.findings[0]).toMatchObject({ rule: 'job-failed', cause: 'other', title: 'Job invoice-run failed: PodFailurePolicy' });
    expect(d?.findings[0]?.explanation).toContain(message);
  });

  it('a completed Job is no failure', async () => {
    const [d] = await diagnose(await replayFiles({ 'job.json': job('invoice-run', [COMPLETE], { succeeded: 1 }) }));
    expect(d?.findings).toEqual([]);
  });

  it('a Job still running, without its pods, says nothing of them: refused with what to give', async () => {
    await expect(replayFiles({ 'job.json': job('invoice-run', undefined, { active: 1 }) })).rejects.toThrow(/is a Job, not a Pod: give its pods/);
  });
});

describe('a Job beside its pods', () => {
  it('BackoffLimitExceeded: the pod\'s own crash stays the root cause, the Job\'s condition its symptom', async () => {
    const incidents = await replayFiles({
      'job.json': job('invoice-run', [BACKOFF], { failed: 4 }),
      'pod.json': jobPod('invoice-run', 'invoice-run-p7m4c', { exitCode: 1, reason: 'Error' }),
    });
    expect(incidents.map((i) => i.pod.metadata?.name)).toEqual(['invoice-run-p7m4c']);
    const [d] = await diagnose(incidents);
    const root = d?.findings[0];
    expect(root).toMatchObject({ rule: 'app-error-exit', cause: 'app-error', container: 'invoice', symptom: false });
    expect(d?.findings.find((f) => f.rule === 'job-backoff-limit-exceeded')).toMatchObject({ symptom: true, causedBy: root?.id, cause: 'app-error' });
    // Never restarted (restartPolicy Never): its log is the current one, and kubectl refuses --previous without a previous instance.
    const logs = root?.remediation.flatMap((r) => (r.command?.startsWith('kubectl logs') ? [r.command] : []));
    expect(logs).toEqual([`kubectl logs invoice-run-p7m4c -n ${NAMESPACE} -c invoice --tail=100`]);
  });

  it('DeadlineExceeded: the deadline is the root cause of the pod the controller stopped', async () => {
    const [d] = await diagnose(
      await replayFiles({
        'job.json': job('invoice-run', [DEADLINE], { failed: 1 }),
        'pod.json': jobPod('invoice-run', 'invoice-run-p7m4c', { exitCode: 143, reason: 'Error' }),
      }),
    );
    expect(d?.findings[0]).toMatchObject({ rule: 'job-deadline-exceeded', cause: 'deadline-exceeded' });
    expect(commands(d as PodDiagnosis)).toContain(`kubectl logs invoice-run-p7m4c -n ${NAMESPACE} --all-containers --tail=100`);
  });

  it('a completed Job\'s succeeded pod stays healthy', async () => {
    const [d] = await diagnose(
      await replayFiles({
        'job.json': job('invoice-run', [COMPLETE], { succeeded: 1 }),
        'pod.json': jobPod('invoice-run', 'invoice-run-p7m4c', { exitCode: 0, reason: 'Completed' }, 'Succeeded'),
      }),
    );
    expect(d?.findings).toEqual([]);
  });

  it('a CronJob\'s Jobs: each pod reads its own Job\'s condition', async () => {
    const owned = (name: string, conditions: Condition[]) => {
      const j = job(name, conditions, { failed: 1 });
      return { ...j, metadata: { ...j.metadata, uid: `uid-${name}`, ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'invoice', uid: 'uid-cron', controller: true }] } };
    };
    const pod = (jobName: string, podName: string) => {
      const p = jobPod(jobName, podName, { exitCode: 143, reason: 'Error' });
      return { ...p, metadata: { ...p.metadata, ownerReferences: [{ ...p.metadata.ownerReferences[0], uid: `uid-${jobName}` }] } };
    };
    const incidents = await replayFiles({
      'jobs.json': { apiVersion: 'v1', kind: 'List', items: [owned('invoice-29100', [DEADLINE]), owned('invoice-29160', [BACKOFF])] },
      'pods.json': { apiVersion: 'v1', kind: 'List', items: [pod('invoice-29100', 'invoice-29100-aaaaa'), pod('invoice-29160', 'invoice-29160-bbbbb')] },
    });
    const byPod = new Map((await diagnose(incidents)).map((d) => [d.name, d]));
    expect(byPod.get('invoice-29100-aaaaa')?.findings[0]?.rule).toBe('job-deadline-exceeded');
    expect(byPod.get('invoice-29160-bbbbb')?.findings.map((f) => f.rule)).toContain('job-backoff-limit-exceeded');
    expect(byPod.get('invoice-29160-bbbbb')?.findings[0]?.rule).not.toBe('job-deadline-exceeded');
  });
});

describe('a Job\'s status pasted without its kind', () => {
  const fragment = (lines: string[]) => lines.join('\n');
  const conditions = (c: Condition) => [
    'status:',
    '  conditions:',
    '  - lastProbeTime: "2026-05-11T06:30:00Z"',
    '    lastTransitionTime: "2026-05-11T06:30:00Z"',
    `    message: ${c.message}`,
    `    reason: ${c.reason}`,
    `    status: "${c.status}"`,
    `    type: ${c.type}`,
  ];

  it('a status block (a YAML document) with a DeadlineExceeded condition', async () => {
    const incidents = await replayFiles({ 'status.yaml': fragment([...conditions(DEADLINE), '  failed: 3', '  startTime: "2026-05-11T06:00:00Z"']) });
    const [d] = await diagnose(incidents);
    expect(d?.name).toBe('<job>-<pods not shown>');
    expect(d?.findings[0]).toMatchObject({ rule: 'job-deadline-exceeded', cause: 'deadline-exceeded' });
    expect(d?.missing).toContain("the Job's name is not in the paste (shown as <job>)");
  });

  it('the conditions pasted indented, cut from their status: key (text), BackoffLimitExceeded', async () => {
    const text = fragment([...conditions(BACKOFF).slice(1), '  failed: 4', '  startTime: "2026-05-11T06:00:00Z"']);
    const [d] = await diagnose(await readPaste(text, CAPTURED));
    expect(d?.findings[0]).toMatchObject({ rule: 'job-backoff-limit-exceeded', cause: 'other', title: 'Job <job> gave up after 4 failed pods' });
  });

  it('a Complete condition: no failure', async () => {
    const text = fragment(['  conditions:', '  - lastProbeTime: "2026-05-11T06:30:00Z"', '    lastTransitionTime: "2026-05-11T06:30:00Z"', '    status: "True"', '    type: Complete', '  startTime: "2026-05-11T06:00:00Z"', '  succeeded: 1']);
    const [d] = await diagnose(await readPaste(text, CAPTURED));
    expect(d?.findings).toEqual([]);
  });

  it('counts without conditions say nothing of failure: refused, never called healthy', async () => {
    await expect(replayFiles({ 'status.yaml': fragment(['status:', '  active: 1', '  failed: 2', '  startTime: "2026-05-11T06:00:00Z"']) })).rejects.toThrow(/is a Job, not a Pod/);
  });

  it('a wrong type in the piece gets one line naming the field', async () => {
    const text = fragment([...conditions(DEADLINE), '  failed: three', '  startTime: "2026-05-11T06:00:00Z"']);
    await expect(replayFiles({ 'status.yaml': text })).rejects.toThrow(/status\.yaml: field status\.failed of job <job> is not a number: a Job's status holds conditions/);
  });
});

describe('a Job\'s state as the facts read it', () => {
  it('a whole Job leaves out empty conditions and zero counts: absent there is none', () => {
    const running = job('invoice-run', undefined, { active: 1 });
    expect(jobStatusOf(running)).toMatchObject({ conditions: [], activePods: 1, failedPods: 0, succeededPods: 0, backoffLimit: 3, activeDeadlineSeconds: 1800 });
  });

  it('a pasted piece without conditions or counts says nothing of them: unknown, not none', () => {
    const piece = { kind: 'Job', metadata: { name: '<job>' }, spec: {}, status: { failed: 2, startTime: '2026-05-11T06:00:00Z' } };
    expect(jobStatusOf(piece)).toMatchObject({ conditions: null, failedPods: 2, succeededPods: null, activePods: null, backoffLimit: null });
  });
});

describe('a Job\'s state kept in a bundle', () => {
  it('reads back with the workload, so a replayed bundle gives the same finding', async () => {
    const [incident] = await replayFiles({ 'job.json': job('invoice-run', [BACKOFF], { failed: 4 }) });
    const bundle = parseBundle('bundle.json', JSON.parse(JSON.stringify({ kind: 'PodmortemBundle', schemaVersion: 1, incidents: [incident] })));
    const [back] = bundle.incidents;
    expect(back?.workload?.jobs).toEqual(incident?.workload?.jobs);
    const [d] = await diagnose([back as Incident]);
    expect(d?.findings[0]?.rule).toBe('job-backoff-limit-exceeded');
  });
});
