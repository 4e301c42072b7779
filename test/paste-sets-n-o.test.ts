import { describe, expect, it } from 'vitest';
import { builtInDiagnoser } from './helpers.js';
import { readPaste } from './support/read-paste.js';

/*
 * What the misses of blind sets N and O showed, each made general and tried on made-up pods in
 * the shapes real tickets show (never the pastes themselves).
 */

const CAPTURED = '2026-11-20T12:00:00Z';

async function findingsOf(text: string) {
  const incidents = await readPaste(text, CAPTURED);
  const diagnoser = await builtInDiagnoser();
  return Promise.all(incidents.map(async (incident) => ({ name: incident.pod.metadata?.name, incident, findings: (await diagnoser.diagnose(incident)).findings })));
}

async function onlyPod(text: string) {
  const [only, ...rest] = await findingsOf(text);
  expect(rest.map((r) => r.name)).toEqual([]);
  if (!only) throw new Error('no pod read');
  return only;
}

describe('program output beside a piece of pod YAML', () => {
  it("the runtime's exec failure quoted above the YAML is the pod's container's log", async () => {
    const text = [
      '`exec /usr/local/bin/agent: exec format error`',
      '```yaml',
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: agent-x7k2p',
      '  namespace: monitoring',
      'spec:',
      '  containers:',
      '  - name: agent',
      '    image: example.org/agent:1.4',
      '```',
    ].join('\n');
    const pod = await onlyPod(text);
    expect(pod.findings[0]).toMatchObject({ rule: 'exec-format-error', cause: 'arch-mismatch', container: 'agent' });
    expect(pod.incident.missing?.join('\n')).toContain("pasted beside a piece of its YAML without a kubectl logs line was read as container agent's log");
  });

  it('a value inside the YAML that reads like output stays a value', async () => {
    const text = ['status:', '  containerStatuses:', '  - name: agent', '    state:', '      running:', '        startedAt: "2026-11-20T11:00:00Z"', '    ready: true', '    restartCount: 0', '    message: panic: this is a field, not a log'].join('\n');
    const pod = await onlyPod(text);
    expect(pod.incident.logs).toEqual([]);
  });
});

describe('Markdown around a row word', () => {
  it('a STATUS in italics inside bold is read as the reason, and no pull error is claimed when only the reason is shown', async () => {
    const pod = await onlyPod(['NAME                     READY     STATUS                     RESTARTS   AGE', 'api-5c8d7f9b6d-q2w4e     0/1       **_**ErrImagePull**_**     0          3m'].join('\n'));
    expect(pod.findings[0]).toMatchObject({ rule: 'image-pull-failure', cause: 'image-pull' });
    expect(pod.findings[0]?.explanation).toContain('(ErrImagePull). kubelet keeps retrying');
    expect(pod.findings[0]?.explanation).not.toContain('ErrImagePull): ErrImagePull');
  });

  it('keeps underscores that are part of a message', async () => {
    const pod = await onlyPod(['Events:', '  Type     Reason       Age   From     Message', '  ----     ------       ----  ----     -------', '  Warning  FailedMount  2m    kubelet  MountVolume.SetUp failed for volume "data_dir" : configmap "_app_" not found'].join('\n'));
    expect(pod.findings[0]?.evidence.map((e) => e.text).join('\n')).toContain('configmap "_app_" not found');
  });
});

describe("kubelet's eviction mark before the reason is set", () => {
  it('a DisruptionTarget TerminationByKubelet condition with the eviction text is an eviction, cited from the condition', async () => {
    const text = [
      'status:',
      '  conditions:',
      '  - lastProbeTime: null',
      '    lastTransitionTime: "2026-11-20T11:50:00Z"',
      "    message: 'The node was low on resource: memory. Threshold quantity: 100Mi, available: 61Mi. Container worker was using 1900Mi, request is 512Mi, has larger consumption of memory. '",
      '    reason: TerminationByKubelet',
      '    status: "True"',
      '    type: DisruptionTarget',
    ].join('\n');
    const pod = await onlyPod(text);
    expect(pod.findings[0]).toMatchObject({ cause: 'evicted' });
    expect(pod.findings[0]?.evidence.map((e) => e.source)).toContain('status.conditions[DisruptionTarget].message');
  });

  it('a DisruptionTarget the scheduler set for a preemption stays a preemption, not an eviction by kubelet', async () => {
    const text = ['status:', '  conditions:', '  - message: Preempted in order to admit critical pod', '    reason: PreemptionByScheduler', '    status: "True"', '    type: DisruptionTarget'].join('\n');
    const pod = await onlyPod(text);
    expect(pod.findings.map((f) => f.rule)).toEqual(['preempted']);
  });
});

describe('kubectl 1.1 descriptions', () => {
  it("reads `Last Termination State:` as the last state, and words a clean exit by the reason kubelet gave it", async () => {
    const text = [
      'Name:\t\t\t\tworker',
      'Namespace:\t\t\tdefault',
      'Status:\t\t\t\tRunning',
      'Containers:',
      '  worker:',
      '    Image:\t\t\tregistry.local:5000/tools:1',
      '    State:\t\t\tWaiting',
      '      Reason:\t\t\tCrashLoopBackOff',
      '    Last Termination State:\tTerminated',
      '      Reason:\t\t\tError',
      '      Exit Code:\t\t0',
      '      Started:\t\t\tThu, 19 Nov 2015 09:38:34 +0100',
      '      Finished:\t\t\tThu, 19 Nov 2015 09:38:34 +0100',
      '    Ready:\t\t\tFalse',
      '    Restart Count:\t\t6',
    ].join('\n');
    const pod = await onlyPod(text);
    expect(pod.incident.pod.status?.containerStatuses?.[0]?.lastState?.terminated).toMatchObject({ exitCode: 0, reason: 'Error' });
    expect(pod.findings[0]).toMatchObject({ rule: 'completed-restart', cause: 'completed-restart' });
    expect(pod.findings[0]?.explanation).toContain('exits with code 0 (Error)');
  });
});

describe('pods a paste does not name', () => {
  it('an unnamed event message and an unnamed description piece stay two pods, and the message keeps its finding', async () => {
    const text = [
      'Error: failed to create containerd task: OCI runtime create failed: container_linux.go:345: starting container process caused "exec: \\"bash\\": executable file not found in $PATH": unknown',
      '',
      '$ kubectl -n jobs get pods',
      'NAME                      READY   STATUS                  RESTARTS   AGE',
      'report-5f7d9c8b6-abcde    0/1     CrashLoopBackOff        4          9m',
      'report-db-0               0/1     Init:CrashLoopBackOff   4          9m',
      '',
      'Command:',
      'bash',
      '-c',
      'chown -R 1001:1001 /data',
    ].join('\n');
    const results = await findingsOf(text);
    expect(results.flatMap((r) => r.findings.map((f) => f.rule))).toContain('command-not-found');
  });
});

describe("the runtime's and a shell's words for a command that cannot run", () => {
  it("runc 1.1+'s `error during container init` alone names a missing command", async () => {
    const pod = await onlyPod('error during container init: exec: "/bin/bash": stat /bin/bash: no such file or directory');
    expect(pod.findings[0]).toMatchObject({ rule: 'command-not-found', cause: 'command-not-found' });
  });

  it("dash's `Permission denied` on its command is a script that is not executable", async () => {
    const pod = await onlyPod(['```', 'sh: 1: /scripts/rotate.sh: Permission denied', '```'].join('\n'));
    expect(pod.findings[0]).toMatchObject({ rule: 'not-executable', cause: 'not-executable' });
  });

  it("a shell's `not found` for its command is a missing command, also under kubectl logs", async () => {
    const pod = await onlyPod(['$ kubectl logs sync-28471-x9k2m -c sync', '/bin/sh: 1: rclone: not found'].join('\n'));
    expect(pod.findings[0]).toMatchObject({ rule: 'command-not-found', cause: 'command-not-found' });
  });

  it('a shell failing on one command in the middle of a long run says nothing of how the container started', async () => {
    const log = ['starting sync', 'reading config', 'connecting to bucket', 'sh: 1: notify-send: not found', 'copied 120 files', 'copied 240 files', 'ERROR upload failed: 503 Service Unavailable'].join('\n');
    const pod = await onlyPod(['$ kubectl logs sync-28471-x9k2m -c sync', log].join('\n'));
    expect(pod.findings.map((f) => f.rule)).not.toContain('command-not-found');
  });
});

describe('kubelet 1.3-1.5 sync errors', () => {
  const MESSAGE = 'Error syncing pod, skipping: failed to "SetupNetwork" for "dns-6f4d8b7c9-k2l9m_kube-system" with SetupNetworkError: "Failed to setup network for pod \\"dns-6f4d8b7c9-k2l9m_kube-system(0f0e0d0c-1111-11e6-8c8c-001a4a160101)\\" using network plugins \\"cni\\": open /run/flannel/subnet.env: no such file or directory; Skipping pod"';

  it('a failed SetupNetwork step is a sandbox failure, cited from its event, as a row or pasted alone', async () => {
    const row = `  1m\t1m\t12\t{kubelet node-2}\t\tWarning\tFailedSync\t${MESSAGE}`;
    for (const text of [row, `\`${MESSAGE}\``]) {
      const pod = await onlyPod(text);
      expect(pod.findings[0]).toMatchObject({ rule: 'sandbox-creation-failure', cause: 'sandbox-failure' });
      expect(pod.findings[0]?.evidence.map((e) => e.text).join('\n')).toContain('SetupNetworkError');
    }
  });
});

describe('a JSON log line before plain output', () => {
  it('is a log, not JSON cut short: the panic after it is read', async () => {
    const text = [
      '{"level":"info","ts":1700000000.1,"logger":"setup","msg":"starting manager"}',
      'panic: runtime error: index out of range [3] with length 3',
      '',
      'goroutine 1 [running]:',
      'main.main()',
      '\t/src/main.go:42 +0x1d',
    ].join('\n');
    const pod = await onlyPod(text);
    expect(pod.findings[0]?.title).toContain('panic: runtime error: index out of range');
  });

  it('pretty-printed JSON broken inside is still refused as JSON', async () => {
    await expect(readPaste('{\n  "kind": "Pod",\n  "metadata": {"name": "web-0"}\n  "spec": {}\n}', CAPTURED)).rejects.toThrow(/not valid JSON/);
  });
});
