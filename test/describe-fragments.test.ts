import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadReplay } from '../src/sources/load-replay.js';
import { readOnePod } from './support/read-paste.js';
import { builtInDiagnoser } from './helpers.js';

describe('pieces of kubectl get pod -o yaml|json', () => {
  it('joins a containers piece and a lastState piece cut apart by ....', async () => {
    const text = `  containers:
    - resources:
        limits:
          memory: 128Mi
....
lastState:
        terminated:
          exitCode: 137
          reason: OOMKilled
          finishedAt: '2025-03-01T10:00:05Z'
          startedAt: '2025-03-01T10:00:00Z'
`;
    const incident = await readOnePod(text);
    expect(incident.pod.spec?.containers).toEqual([{ name: '<container>', resources: { limits: { memory: '128Mi' } } }]);
    expect(incident.pod.status?.containerStatuses?.[0]?.lastState?.terminated).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
    expect(incident.missing).toEqual(expect.arrayContaining([expect.stringMatching(/only part of the pod's YAML\/JSON/), expect.stringMatching(/paste was cut/)]));
  });

  it('reads YAML whose indentation was broken by hand', async () => {
    const text = `phase: Failed
 containerStatuses:
  - name: main
    restartCount: 0
    state:
      terminated:
        exitCode: 128
        reason: StartError
        message: 'failed to create containerd task: exec: "run.sh": stat run.sh:
          no such file or directory: unknown'
`;
    const { pod } = await readOnePod(text);
    expect(pod.status?.phase).toBe('Failed');
    expect(pod.status?.containerStatuses?.[0]?.state?.terminated).toMatchObject({
      exitCode: 128,
      reason: 'StartError',
      message: 'failed to create containerd task: exec: "run.sh": stat run.sh: no such file or directory: unknown',
    });
  });

  it('reads a JSON piece that starts inside an object and ends with },', async () => {
    const text = `      "image": "ghcr.io/acme/worker:2.0",
      "name": "worker",
      "ready": false,
      "restartCount": 0,
      "state": {
        "waiting": {
          "message": "secret \\"worker-token\\" not found",
          "reason": "CreateContainerConfigError"
        }
      }
    },
`;
    const { pod } = await readOnePod(text);
    expect(pod.status?.containerStatuses?.[0]).toMatchObject({ name: 'worker', image: 'ghcr.io/acme/worker:2.0', state: { waiting: { reason: 'CreateContainerConfigError' } } });
  });

  it('reads JSON list items pasted without their brackets, trailing commas and a cut end', async () => {
    const text = `{ "name": "a", "restartCount": 3, "state": { "waiting": { "reason": "CrashLoopBackOff" } }, },
{ "name": "b", "restartCount": 0, "state": { "running": { "startedAt": "2025-03-01T10:00:00Z" } } },
{ "name": "c", "restartCount": 0, "state": { "waiting": { "reas`;
    const { pod } = await readOnePod(text);
    expect(pod.status?.containerStatuses?.map((s) => s.name)).toEqual(['a', 'b']);
  });

  it('sets out again a container status whose indentation a chat client flattened: lastState and its exit code stay together', async () => {
    const text = `  containerStatuses:
      - containerID: containerd://4f1c
       image: registry.example/batch/report:1.4
      lastState:
      terminated:
      exitCode: 2
      reason: Error
      message: |
             config file missing
      startedAt: 2026-03-01T08:00:00Z
      finishedAt: 2026-03-01T08:00:04Z
      name: report
     ready: false
     restartCount: 12
     state:
      waiting:
      reason: CrashLoopBackOff
`;
    const { pod } = await readOnePod(text);
    const status = pod.status?.containerStatuses?.[0];
    expect(status).toMatchObject({ name: 'report', ready: false, restartCount: 12, state: { waiting: { reason: 'CrashLoopBackOff' } } });
    expect(status?.lastState?.terminated).toMatchObject({ exitCode: 2, reason: 'Error', message: 'config file missing\n' });
    expect(status?.containerID).toBe('containerd://4f1c');
  });

  it('keeps a status whose keys are indented as printed as it is', async () => {
    const text = 'containerStatuses:\n- name: web\n  restartCount: 4\n  lastState:\n    terminated:\n      exitCode: 137\n      reason: OOMKilled\n  state:\n    running:\n      startedAt: 2026-03-01T08:00:00Z\n';
    const { pod } = await readOnePod(text);
    expect(pod.status?.containerStatuses?.[0]).toMatchObject({ name: 'web', restartCount: 4, lastState: { terminated: { exitCode: 137 } }, state: { running: {} } });
  });

  it('drops Markdown bold laid over two lines of YAML (**message: | ... text**)', async () => {
    const text = `containerStatuses:
- name: job
  restartCount: 3
  lastState:
    terminated:
      exitCode: 1
      **message: |
        disk quota exceeded**
      reason: Error
`;
    const { pod } = await readOnePod(text);
    expect(pod.status?.containerStatuses?.[0]?.lastState?.terminated).toMatchObject({ exitCode: 1, reason: 'Error', message: 'disk quota exceeded\n' });
  });

  it('reads a kind-less status: block that parses as YAML', async () => {
    const text = 'status:\n  phase: Running\n  containerStatuses:\n  - name: app\n    restartCount: 2\n    lastState:\n      terminated:\n        exitCode: 1\n        reason: Error\n';
    const { pod } = await readOnePod(text);
    expect(pod.status).toMatchObject({ phase: 'Running', containerStatuses: [{ name: 'app', restartCount: 2 }] });
  });
});

describe('the tail of a pod YAML: cut inside spec, only status conditions shown', () => {
  // Made up in the shape kubectl prints (tolerations, volumes, then status), cut at the top
  // inside a toleration and at the bottom inside a condition.
  const TAIL = `      tolerationSeconds: 300
  - effect: NoExecute
    key: node.kubernetes.io/unreachable
    operator: Exists
    tolerationSeconds: 300
  volumes:
  - name: data
    emptyDir: {}
status:
  conditions:
  - lastProbeTime: null
    lastTransitionTime: "2025-02-03T08:15:00Z"
    message: 'Taint manager: deleting due to NoExecute taint'
    reason: DeletionByTaintManager
    status: "True"
    type: DisruptionTarget
  - lastProbeTime: null
    lastTransitionTime: "2025-02-03T08:01:10Z"
    status: "True"
    type: Ready
  - lastProbeTime: null
    lastTransitionTime: "2025-02-03T08:01:02Z"
    status: "True"
`;

  it('reads the conditions as the pod status of an unnamed pod', async () => {
    const incident = await readOnePod(TAIL);
    expect(incident.pod.status?.conditions?.map((c) => c.type)).toEqual(['DisruptionTarget', 'Ready']);
    expect(incident.pod.metadata?.name).toBe('<pod>');
    expect(incident.missing).toEqual(expect.arrayContaining([expect.stringMatching(/only part of the pod's YAML\/JSON/)]));
  });

  it('a taint manager deletion is diagnosed as the node failing, not a healthy pod', async () => {
    const incident = await readOnePod(TAIL);
    const finding = (await (await builtInDiagnoser()).diagnose(incident)).findings[0];
    expect(finding?.cause).toBe('node-failure');
    expect(finding?.evidence.map((e) => e.text).join('\n')).toContain('Taint manager: deleting due to NoExecute taint');
  });

  it('a lone PodScheduled condition the scheduler set False reads as unschedulable', async () => {
    const text = `status:
  conditions:
  - lastProbeTime: null
    lastTransitionTime: "2025-02-03T08:01:02Z"
    message: '0/3 nodes are available: 3 Insufficient memory. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.'
    reason: Unschedulable
    status: "False"
    type: PodScheduled
`;
    const finding = (await (await builtInDiagnoser()).diagnose(await readOnePod(text))).findings[0];
    expect(finding?.cause).toBe('unschedulable');
  });

  it('a description cut above its events, PodScheduled False (describe prints no reason): unschedulable, saying the reason is not shown', async () => {
    const text = [
      'Name:         batch-runner-0',
      'Namespace:    jobs',
      'Node:         <none>',
      'Status:       Pending',
      'Containers:',
      '  runner:',
      '    Image:      registry.example/runner:3.2',
      'Conditions:',
      '  Type           Status',
      '  PodScheduled   False ',
      'Volumes:',
      '',
    ].join('\n');
    const finding = (await (await builtInDiagnoser()).diagnose(await readOnePod(text))).findings[0];
    expect({ rule: finding?.rule, cause: finding?.cause }).toEqual({ rule: 'unschedulable', cause: 'unschedulable' });
    expect(finding?.explanation).toContain("the scheduler's reason is not in the evidence");
    expect(finding?.explanation).not.toMatch(/every node|all \d+ nodes/);
  });

  it('PodScheduled False for a reason other than the scheduler\'s verdict, or True, is not read as unschedulable', async () => {
    const gated = 'status:\n  phase: Pending\n  conditions:\n  - type: PodScheduled\n    status: "False"\n    reason: SchedulingGated\n    message: Scheduling is blocked due to non-empty scheduling gates\n';
    const rulesOf = async (text: string) => (await (await builtInDiagnoser()).diagnose(await readOnePod(text))).findings.map((f) => f.rule);
    expect(await rulesOf(gated)).not.toContain('unschedulable');
    const placed = 'status:\n  phase: Pending\n  conditions:\n  - type: PodScheduled\n    status: "True"\n';
    expect(await rulesOf(placed)).not.toContain('unschedulable');
  });

  it('conditions of another kind are no pod evidence', async () => {
    const text = 'status:\n  conditions:\n  - type: Available\n    status: "False"\n    reason: MinimumReplicasUnavailable\n';
    const dir = await mkdtemp(join(tmpdir(), 'podmortem-cond-'));
    await writeFile(join(dir, 'input.yaml'), text);
    await expect(loadReplay([join(dir, 'input.yaml')])).rejects.toThrow(/without a kind/);
  });
});

describe('input that is not a pod still fails with one line', () => {
  const cases: Record<string, [string, RegExp]> = {
    'malformed JSON that names its kind': ['{"kind": "Pod", "metadata": {', /is not valid JSON .*: check the file is complete/],
    'malformed YAML that names its kind': ['apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n   bad: [\n', /is not valid YAML at line \d+/],
    'JSON with no pod in it': ['{ not json', /is not valid JSON/],
    'an empty file': ['  \n', /is empty/],
    'a Deployment': ['apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n', /is a Deployment, not a Pod/],
    "a workload's pod template without its kind": ['spec:\n  template:\n    spec:\n      containers:\n      - name: a\n', /looks like part of a pod without its kind/],
    'a YAML piece of another kind': ['kind: Service\nspec:\n  ports: [\n', /is not valid YAML/],
  };
  it.each(Object.entries(cases))('%s', async (_, [text, message]) => {
    const dir = await mkdtemp(join(tmpdir(), 'podmortem-bad-'));
    const file = join(dir, 'input.yaml');
    await writeFile(file, text);
    await expect(loadReplay([file])).rejects.toThrow(message);
  });
});

describe('an Event object cut down to its reason and message', () => {
  const diagnose = async (text: string) => {
    const incident = await readOnePod(text);
    const diagnosis = await (await builtInDiagnoser()).diagnose(incident);
    return { incident, top: diagnosis.findings[0] };
  };

  it('two JSON lines of an event (reason, then a message kubelet writes under it) are that event, not a log', async () => {
    const { incident, top } = await diagnose('```\n"reason": "Unhealthy",\n            "message": "Liveness probe failed: HTTP probe failed with statuscode: 500",\n```\n');
    expect(incident.events.map((e) => ({ type: e.type, reason: e.reason, message: e.message }))).toEqual([
      { type: 'Warning', reason: 'Unhealthy', message: 'Liveness probe failed: HTTP probe failed with statuscode: 500' },
    ]);
    expect(incident.logs).toEqual([]);
    expect(incident.missing.some((m) => m.startsWith('an event was pasted as reason and message only'))).toBe(true);
    expect(top?.cause).toBe('liveness-probe');
  });

  it("events.k8s.io's note and an explicit type are read the same way", async () => {
    const { incident } = await diagnose('reason: FailedScheduling\ntype: Warning\nnote: "0/4 nodes are available: 4 node(s) had untolerated taint {dedicated: gpu}."\n');
    expect(incident.events.map((e) => e.reason)).toEqual(['FailedScheduling']);
  });

  it('a reason and a message that is no fixed text of it are not an event', async () => {
    await expect(readOnePod('"reason": "Rejected",\n"message": "deploy rejected by policy",\n')).rejects.toThrow(/is not kubectl output podmortem can read/);
  });

  it("a waiting state's reason and message do not pair as an event's: it stays a container state", async () => {
    const { incident } = await diagnose('waiting:\n  reason: ImagePullBackOff\n  message: Back-off pulling image "registry.example/cart:4.2"\n');
    expect(incident.events).toEqual([]);
    expect(incident.pod.status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('ImagePullBackOff');
  });
});
