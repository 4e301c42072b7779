import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadReplay } from '../src/sources/load-replay.js';
import { readOnePod } from './support/read-paste.js';

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

  it('reads a kind-less status: block that parses as YAML', async () => {
    const text = 'status:\n  phase: Running\n  containerStatuses:\n  - name: app\n    restartCount: 2\n    lastState:\n      terminated:\n        exitCode: 1\n        reason: Error\n';
    const { pod } = await readOnePod(text);
    expect(pod.status).toMatchObject({ phase: 'Running', containerStatuses: [{ name: 'app', restartCount: 2 }] });
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
