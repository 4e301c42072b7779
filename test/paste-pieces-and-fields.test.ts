import { describe, expect, it } from 'vitest';
import { exitCodeMeaning } from '../src/facts/signals.js';
import { windowsStatus } from '../src/facts/windows-status.js';
import { builtInDiagnoser } from './helpers.js';
import { readPaste } from './support/read-paste.js';

/*
 * Pieces of evidence real tickets hold, made up in their shapes: several pieces of one pod (a row,
 * kubectl logs' refusal, a description cut at its annotations), a waiting state written the other
 * way round, a message inside another tool's YAML, a line in misplaced inline code, one step of an
 * old kubelet's FailedSync list, a log whose only failure sign is logged at INFO.
 */

const CAPTURED = '2026-11-20T12:00:00Z';

async function diagnosed(text: string) {
  const diagnoser = await builtInDiagnoser();
  return Promise.all((await readPaste(text, CAPTURED)).map(async (incident) => ({ incident, diagnosis: await diagnoser.diagnose(incident) })));
}

describe('pieces of one pod', () => {
  it('a get pods row, kubectl logs refusing the container and a description cut at its annotations make one failing pod', async () => {
    const text = [
      '$ kubectl get pods -o wide',
      'NAME        READY   STATUS             RESTARTS   AGE   IP             NODE      NOMINATED NODE   READINESS GATES',
      'orders-0    0/1     ImagePullBackOff   0          3h    10.244.1.20    node-2    <none>           <none>',
      '$ kubectl logs orders-0',
      'Error from server (BadRequest): container "orders" in pod "orders-0" is waiting to start: trying and failing to pull image',
      '$ kubectl describe pod orders-0',
      'Name:         orders-0',
      'Namespace:    default',
      'Node:         node-2/10.0.0.12',
      'Start Time:   Fri, 20 Nov 2026 09:00:00 +0000',
      'Labels:       app=orders',
    ].join('\n');
    const pods = await diagnosed(`${text}\n`);
    expect(pods).toHaveLength(1);
    const [{ incident, diagnosis }] = pods as [(typeof pods)[number]];
    expect(diagnosis.findings[0]).toMatchObject({ rule: 'image-pull-failure', cause: 'image-pull', container: 'orders' });
    // The state is the row's: the note says so rather than that states are unknown.
    expect(incident.missing.join('\n')).toContain("the container's state is its get pods row's");
    expect(incident.missing.join('\n')).not.toContain('container states, exit codes and limits are unknown');
  });
});

describe('one line of a waiting state, the reason last', () => {
  it('`message: CreateContainerConfigError` is the container waiting for that reason with that message', async () => {
    const [pod] = await diagnosed('container has runAsNonRoot and image will run as root: CreateContainerConfigError\n');
    expect(pod?.diagnosis.findings[0]).toMatchObject({ rule: 'create-container-config-error', cause: 'config-error' });
    expect(pod?.diagnosis.findings[0]?.explanation).toContain('container has runAsNonRoot and image will run as root');
  });

  it('a sentence ending in a word that is no waiting reason stays unread', async () => {
    await expect(readPaste('we restarted everything and it works now: Thanks\n')).rejects.toThrow(/not kubectl output/);
  });
});

describe("a kubelet message in another tool's YAML", () => {
  it("a workflow engine's record of the pod, `message: Pod was active on the node longer than the specified deadline`, is the deadline", async () => {
    const text = ['```yaml', 'apiVersion: argoproj.io/v1alpha1', 'kind: Workflow', 'status:', '  nodes:', '    etl-7x2k9:', '      message: Pod was active on the node longer than the specified deadline', '      phase: Failed', '```'].join('\n');
    const [pod] = await diagnosed(`${text}\n`);
    expect(pod?.diagnosis.findings[0]).toMatchObject({ rule: 'deadline-exceeded', cause: 'deadline-exceeded' });
    // The next field is not read as part of the message.
    expect(pod?.incident.events[0]?.message).toBe('Pod was active on the node longer than the specified deadline');
  });

  it("a pod status whose reason was cut keeps kubelet's message, which names the deadline", async () => {
    const [pod] = await diagnosed('status:\n  phase: Failed\n  message: Pod was active on the node longer than the specified deadline\n');
    expect(pod?.diagnosis.findings[0]).toMatchObject({ rule: 'deadline-exceeded', evidence: [{ source: 'status.message', text: 'Pod was active on the node longer than the specified deadline' }] });
  });
});

describe('lines as people mark them up', () => {
  it('a line in inline code with a backtick misplaced inside is the runtime line it holds', async () => {
    const [pod] = await diagnosed('`standard_init_linux.go:228:` exec user process caused: permission denied`\n');
    expect(pod?.diagnosis.findings[0]).toMatchObject({ rule: 'not-executable', cause: 'not-executable' });
  });

  it("one step of an old kubelet's FailedSync list, cut out with its comma and bold, is that step's back-off", async () => {
    const text = ', **failed to "StartContainer" for "migrate" with CrashLoopBackOff**: "Back-off 1m20s restarting failed container=migrate pod=db-setup-4kq2x_shop(4818378b-b792-11e6-be46-00248cfcb938)"\n]\n';
    const [pod] = await diagnosed(text);
    expect(pod?.diagnosis.findings[0]).toMatchObject({ rule: 'crashloop-backoff', container: 'migrate' });
    expect(pod?.incident.events[0]?.message.endsWith(')"')).toBe(true);
  });

  it('a log whose only failure sign is logged at INFO is still a failing log, never a pod with no finding', async () => {
    const [pod] = await diagnosed('2026-11-20 11:58:01 INFO starting\n2026-11-20 11:58:02 INFO retrying: dial tcp 10.0.0.5:5432: connect: connection refused\n');
    expect(pod?.diagnosis.findings[0]).toMatchObject({ rule: 'log-error-state-unknown', title: expect.stringContaining('connection refused') });
  });

  it("a runtime's exec failure cut down to its last part is the missing command", async () => {
    const [pod] = await diagnosed('    exec: "/app": stat /app: no such file or directory: unknown\n');
    expect(pod?.diagnosis.findings[0]).toMatchObject({ rule: 'command-not-found', cause: 'command-not-found' });
  });
});

describe('Windows exit codes', () => {
  it('are NTSTATUS codes, signed or unsigned, and say what ended the process', () => {
    expect(windowsStatus(-1073741510)?.name).toBe('STATUS_CONTROL_C_EXIT');
    expect(windowsStatus(3221225786)?.name).toBe('STATUS_CONTROL_C_EXIT');
    expect(windowsStatus(-1073741819)).toMatchObject({ name: 'STATUS_ACCESS_VIOLATION', kind: 'crash' });
    expect(windowsStatus(1)).toBeNull();
    expect(exitCodeMeaning(-1073741510)).toMatch(/^STATUS_CONTROL_C_EXIT \(Windows\): stopped by a console control event/);
    expect(exitCodeMeaning(-12345)).toBe('application-defined error');
  });
});

describe('two listings of the same pods', () => {
  const listing = (ready: string, restarts: number) => `NAME         READY   STATUS    RESTARTS   AGE\nsearch-0     ${ready}     Running   ${restarts}          40m\n`;

  it('ready, then not, with no restart between, is the readiness probe failing', async () => {
    const [pod] = await diagnosed(`${listing('1/1', 0)}\n${listing('0/1', 0)}`);
    expect(pod?.diagnosis.findings[0]).toMatchObject({ rule: 'readiness-lost-in-rows', cause: 'readiness-probe' });
    expect(pod?.diagnosis.findings[0]?.evidence[0]).toEqual({ source: 'kubectl get pods rows', text: 'READY 1/1 in an earlier row, 0/1 in the last, Running with 0 restarts in both' });
  });

  it('not when a restart came between, nor when the pod is ready again', async () => {
    const restarted = await diagnosed(`${listing('1/1', 0)}\n${listing('0/1', 1)}`);
    expect(restarted[0]?.diagnosis.findings.map((f) => f.rule)).not.toContain('readiness-lost-in-rows');
    const back = await diagnosed(`${listing('1/1', 0)}\n${listing('0/1', 0)}\n${listing('1/1', 0)}`);
    expect(back[0]?.diagnosis.findings).toEqual([]);
  });
});

describe('a manifest pasted with the pods it made', () => {
  const manifest = ['$ cat api.yaml', 'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: api', 'spec:', '  template:', '    spec:', '      containers:', '      - name: server', '        image: registry.example.com/api:4.2', '        resources:', '          limits:', '            memory: 128Mi'].join('\n');
  const rows = ['$ kubectl get pods', 'NAME                   READY   STATUS      RESTARTS   AGE', 'api-7d9f8c6b5-x2k8p    0/1     OOMKilled   3          9m', 'apiserver-0            1/1     Running     0          9m'].join('\n');

  it("gives the pods of its workload the template's containers (names, limits), with a note saying where they came from", async () => {
    const pods = await diagnosed(`${manifest}\n${rows}\n`);
    const api = pods.find((p) => p.incident.pod.metadata?.name === 'api-7d9f8c6b5-x2k8p');
    expect(api?.incident.pod.spec?.containers.map((c) => [c.name, c.resources?.limits?.memory])).toEqual([['server', '128Mi']]);
    expect(api?.diagnosis.findings[0]).toMatchObject({ cause: 'oom-limit', container: 'server' });
    expect(api?.incident.missing.join('\n')).toContain('read from the Deployment manifest api pasted with it');
    // A pod whose name only starts like the workload's is none of its pods.
    const other = pods.find((p) => p.incident.pod.metadata?.name === 'apiserver-0');
    expect(other?.incident.pod.spec?.containers.map((c) => c.name)).not.toContain('server');
  });

  it("a command whose first element is a whole command line, or a shell builtin, is no executable", async () => {
    const { commandShape } = await import('../src/facts/command-shape.js');
    expect(commandShape({ name: 'a', command: ['exit 1'] })).toEqual({ problem: 'shell-line-as-one-argument', first: 'exit 1' });
    expect(commandShape({ name: 'a', command: ['source', '/env.sh'] })).toEqual({ problem: 'shell-builtin', first: 'source' });
    expect(commandShape({ name: 'a', command: ['/bin/sh', '-c', 'exit 1'] })).toBeNull();
    expect(commandShape({ name: 'a', args: ['exit 1'] })).toBeNull();
  });
});
