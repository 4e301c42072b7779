import { describe, expect, it } from 'vitest';
import { rankPods } from '../src/report/rank-pods.js';
import { builtInDiagnoser } from './helpers.js';
import { diagnosePaste } from './support/diagnose-paste.js';
import { readOnePod, readPaste } from './support/read-paste.js';

/*
 * Shapes real pastes come in, each built here from made-up pods (names, values, wrappers of our
 * own), so what is tested is the reading mechanism, not one ticket: rows a chat client split or a
 * terminal flattened, rows without a header or with only some columns, `kubectl get pods` rows
 * (with `--watch`, with `kubectl logs`), a description cut with `<snip>` or cut above its
 * `Events:` line, program output pasted beside a description or below pod rows, event messages
 * pasted without their rows, pod YAML a chat client wrapped, logs under a shell prompt, logs alone that show a crash.
 */

const CAPTURED = '2026-11-20T12:00:00Z';

const topOf = (text: string) => diagnosePaste(text, CAPTURED);

describe('event rows split, flattened or trimmed', () => {
  it('a row a chat client broke after its age still reads as one event', async () => {
    const text = '> Warning  Unhealthy  2m (x12 over 9m)  kubelet\n> Readiness probe failed: HTTP probe failed with statuscode: 503\n';
    const { top } = await topOf(text);
    expect({ rule: top?.rule, cause: top?.cause }).toEqual({ rule: 'readiness-probe-failing', cause: 'readiness-probe' });
  });

  it('a get events --watch copied as one line is cut back into its header and rows', async () => {
    const rows = [
      '31s Normal Scheduled pod/batch-5f6d7c8b9-zt2qk Successfully assigned etl/batch-5f6d7c8b9-zt2qk to pool-b-3',
      '30s Normal Pulled pod/batch-5f6d7c8b9-zt2qk Container image "alpine:3.19" already present on machine',
      '29s Normal Created pod/batch-5f6d7c8b9-zt2qk Created container loader',
      '29s Normal Started pod/batch-5f6d7c8b9-zt2qk Started container loader',
      '4s Warning BackOff pod/batch-5f6d7c8b9-zt2qk Back-off restarting failed container loader in pod batch-5f6d7c8b9-zt2qk_etl(8f1d2c3b-aaaa-bbbb-cccc-0123456789ab)',
    ];
    const text = `ops@bastion:~$ kubectl get events -n etl --watch LAST SEEN TYPE REASON OBJECT MESSAGE ${rows.join(' ')}\n`;
    const { incident, top } = await topOf(text);
    expect(incident.pod.metadata).toMatchObject({ name: 'batch-5f6d7c8b9-zt2qk', namespace: 'etl' });
    expect(incident.events.map((e) => e.reason)).toEqual(['Scheduled', 'Pulled', 'Created', 'Started', 'BackOff']);
    expect({ rule: top?.rule, container: top?.container }).toEqual({ rule: 'crashloop-backoff', container: 'loader' });
  });

  it('headerless get events -o wide rows: the SUBOBJECT names the container, the trailing columns stay out of the message', async () => {
    const text = [
      '2m10s       Warning   Unhealthy   pod/ledger-api-6c9f8d7b5-hq4ws   spec.containers{api}   kubelet, pool-a-7   Liveness probe failed: Get "http://10.8.1.4:9090/health": context deadline exceeded   6m          14      ledger-api-6c9f8d7b5-hq4ws.17a2b3c4d5e6f708',
      '2m9s        Normal    Killing     pod/ledger-api-6c9f8d7b5-hq4ws   spec.containers{api}   kubelet, pool-a-7   Container api failed liveness probe, will be restarted                                 6m          4       ledger-api-6c9f8d7b5-hq4ws.17a2b3c4d5e6f799',
    ].join('\n');
    const { incident, top } = await topOf(text);
    expect(incident.events.map((e) => [e.message, e.count, e.involvedObject.fieldPath])).toEqual([
      ['Liveness probe failed: Get "http://10.8.1.4:9090/health": context deadline exceeded', 14, 'spec.containers{api}'],
      ['Container api failed liveness probe, will be restarted', 4, 'spec.containers{api}'],
    ]);
    expect({ rule: top?.rule, container: top?.container }).toEqual({ rule: 'liveness-probe-kill', container: 'api' });
  });

  it('an aggregated row\'s "(combined from similar events):" prefix does not hide the message kubelet wrote', async () => {
    const pull = await topOf('  Warning  Failed  6m (x14 over 1h)  kubelet  spec.containers{cron}: (combined from similar events): Failed to pull image "reg.local/tools/cron:2.2": rpc error: code = NotFound desc = failed to pull and unpack image "reg.local/tools/cron:2.2": reg.local/tools/cron:2.2: not found\n');
    expect({ rule: pull.top?.rule, container: pull.top?.container }).toEqual({ rule: 'image-not-found', container: 'cron' });
    const scheduling = await topOf('Warning  FailedScheduling  1m (x30 over 40m)  default-scheduler  (combined from similar events): 0/6 nodes are available: 6 Insufficient cpu.\n');
    expect(scheduling.top?.rule).toBe('unschedulable-insufficient-resources');
  });

  it('a single row with a masked host (`kubelet, <node>`) is read, not refused', async () => {
    const { top } = await topOf('`Warning  Failed  12s (x3 over 40s)  kubelet, <node-name-removed>  Error: configmap "pricing-rules" not found`\n');
    expect({ rule: top?.rule, cause: top?.cause }).toEqual({ rule: 'missing-configmap', cause: 'config-error' });
  });

  it('a bare row (type, reason, message) is read, but a reason that does not look like one is not', async () => {
    const { top } = await topOf('Warning BackOff Back-off restarting failed container\n');
    expect(top?.cause).toBe('crashloop-unknown');
    await expect(readPaste('Warning maybe this is prose about a pod\n')).rejects.toThrow(/is not kubectl output podmortem can read/);
  });
});

describe('kubectl get pods rows', () => {
  it('rows alone become the pods they show: a watch alternating Completed and CrashLoopBackOff is a clean exit restarted forever', async () => {
    const text = [
      '$ kubectl get pods -n jobs -w',
      'NAME          READY   STATUS             RESTARTS   AGE',
      'report-gen    0/1     CrashLoopBackOff   6          9m',
      'report-gen   1/1   Running   7     10m',
      'report-gen   0/1   Completed   7     10m',
      'report-gen   0/1   CrashLoopBackOff   7     10m',
    ].join('\n');
    const { incident, top } = await topOf(text);
    expect(incident.pod.metadata).toMatchObject({ name: 'report-gen', namespace: 'jobs' });
    expect(incident.pod.status?.containerStatuses?.[0]).toMatchObject({ restartCount: 7, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 0, reason: 'Completed' } } });
    expect({ rule: top?.rule, cause: top?.cause }).toEqual({ rule: 'completed-restart', cause: 'completed-restart' });
  });

  it('every STATUS kubectl prints reads as what it means, never healthy while it shows a failure, never inventing what it hides', async () => {
    const text = [
      'NAMESPACE   NAME            READY   STATUS              RESTARTS   AGE',
      'tools       stuck-pending   0/1     Pending             0          2h',
      'tools       slow-create     0/1     ContainerCreating   0          25m',
      'tools       lost-node       1/1     Unknown             2          3d',
      'tools       crashed         0/1     Error               4          9m',
      'tools       evicted-one     0/1     Evicted             0          3h',
      'tools       oom-one         0/1     OOMKilled           3          2m',
      'tools       init-wait       0/1     Init:1/3            0          40m',
      'tools       done-job        0/1     Completed           0          1d',
      'tools       fine            1/1     Running             0          5d',
    ].join('\n');
    const diagnoser = await builtInDiagnoser();
    const diagnoses = await Promise.all((await readPaste(text, CAPTURED)).map((i) => diagnoser.diagnose(i)));
    const top = Object.fromEntries(diagnoses.map((d) => [d.name, [d.status, d.findings[0]?.rule ?? 'none']]));
    expect(top).toEqual({
      'stuck-pending': ['Pending', 'pending-without-node'],
      'slow-create': ['ContainerCreating', 'creating-without-events'],
      'lost-node': ['Unknown', 'node-not-ready'],
      crashed: ['Error', 'error-exit-code-unknown'],
      'evicted-one': ['Evicted', 'evicted'],
      'oom-one': ['OOMKilled', 'oom-killed'],
      'init-wait': ['Init:1/3', 'unexplained-failure'],
      'done-job': ['Completed', 'none'],
      fine: ['Running', 'none'],
    });
    const prose = diagnoses.flatMap((d) => d.findings.flatMap((f) => [f.title, f.explanation])).join('\n');
    expect(prose).toContain('The pod has been Pending 120m and the evidence shows no node');
    expect(prose).not.toMatch(/undefined|exit code null|\(other\)/);
  });

  it('AGE becomes the creation time counted back from the capture, and rows naming several init containers fill none of a described pod\'s', async () => {
    const aged = await readOnePod('queue-0   0/1   Pending   0   3h5m\n', CAPTURED);
    expect(aged.pod.metadata?.creationTimestamp).toBe('2026-11-20T08:55:00.000Z');
    const text = [
      'NAME      READY   STATUS     RESTARTS   AGE',
      'seeder    0/1     Init:1/3   0          12m',
      '$ kubectl describe pod seeder',
      'Name:         seeder',
      'Init Containers:',
      '  fetch:',
      '    Image:          busybox:1.36',
      '[...]',
    ].join('\n');
    const described = await readOnePod(text, CAPTURED);
    expect(described.pod.spec?.initContainers?.map((c) => c.name)).toEqual(['fetch']);
    expect(described.pod.status?.initContainerStatuses?.[0]?.state?.terminated).toBeUndefined();
  });

  it('a watch that only shows Error rows does not invent an exit code', async () => {
    const text = 'worker-1   0/1   Error   3     2m\nworker-1   0/1   CrashLoopBackOff   3     2m\n';
    const { incident, diagnosis } = await topOf(text);
    expect(incident.pod.status?.containerStatuses?.[0]?.lastState?.terminated).toEqual({ reason: 'Error' });
    // Reason Error is the runtime's word for a non-zero exit that was no OOM kill: an app error, code not shown.
    expect(diagnosis.findings[0]).toMatchObject({ rule: 'error-exit-code-unknown', cause: 'app-error' });
    expect(diagnosis.findings.some((f) => /exit(?:s| code) \d/.test(f.title))).toBe(false);
  });

  it('a headerless row plus the pod\'s logs: the log feeds the crash signature facts', async () => {
    const text = '$ kubectl get po\ngeo-tiles   0/1     CrashLoopBackOff   3          58s\n$ kubectl logs geo-tiles\nexec /usr/local/bin/tileserver: exec format error\n';
    const { top } = await topOf(text);
    expect({ rule: top?.rule, cause: top?.cause }).toEqual({ rule: 'exec-format-error', cause: 'arch-mismatch' });
  });

  it('Init: rows with `kubectl logs --all-containers --prefix`: the prefix names the init container, whose last error is the cause', async () => {
    const text = [
      'admin@host $ kubectl get pods',
      'NAME        READY   STATUS                  RESTARTS   AGE',
      'migrator    0/1     Init:CrashLoopBackOff   5          4m',
      '',
      'admin@host $ kubectl logs migrator --all-containers --prefix',
      '[pod/migrator/schema] connecting to postgres://db:5432/app',
      '[pod/migrator/schema] FATAL: password authentication failed for user "app"',
    ].join('\n');
    const { incident, top } = await topOf(text);
    expect(incident.pod.spec?.initContainers?.map((c) => c.name)).toEqual(['schema']);
    expect(incident.logs).toEqual([{ container: 'schema', current: 'connecting to postgres://db:5432/app\nFATAL: password authentication failed for user "app"' }]);
    expect({ rule: top?.rule, cause: top?.cause, container: top?.container }).toEqual({ rule: 'crashloop-log-error', cause: 'app-error', container: 'schema' });
    expect(incident.missing?.join('\n')).toMatch(/<init-container> was taken to be schema/);
  });

  it('a row of a pod the paste also describes fills in what the cut description lacks, never overriding it', async () => {
    const text = [
      'NAME                  READY   STATUS    RESTARTS      AGE',
      'search-7b8c9d-4lmnp   1/1     Running   9 (2h ago)    3d',
      '$ kubectl describe pod search-7b8c9d-4lmnp',
      'Name:         search-7b8c9d-4lmnp',
      '[...]',
      '    State:          Running',
      '      Started:      Thu, 19 Nov 2026 10:00:00 +0000',
      '    Last State:     Terminated',
      '      Reason:       OOMKilled',
      '      Exit Code:    137',
    ].join('\n');
    const incidents = await readPaste(text, CAPTURED);
    expect(incidents).toHaveLength(1);
    expect(incidents[0]?.pod.status?.containerStatuses?.[0]).toMatchObject({ restartCount: 9, ready: true, state: { running: {} }, lastState: { terminated: { reason: 'OOMKilled' } } });
    const top = (await (await builtInDiagnoser()).diagnose(incidents[0]!)).findings[0];
    expect({ rule: top?.rule, cause: top?.cause }).toEqual({ rule: 'oom-killed', cause: 'oom-limit' });
  });
});

describe('cut descriptions', () => {
  it('container lines below a <snip> are a container\'s (a `<container>` stand-in), not part of the pod key above the cut', async () => {
    const text = 'Name:             cart-5d4c3b2a1-q9w8e\nNamespace:        shop\n<snip>\n    State:          Waiting\n      Reason:       CrashLoopBackOff\n    Last State:     Terminated\n      Reason:       Error\n      Exit Code:    3\n';
    const { incident, top } = await topOf(text);
    expect(incident.pod.status?.containerStatuses?.[0]).toMatchObject({ name: '<container>', lastState: { terminated: { exitCode: 3 } } });
    expect({ rule: top?.rule, cause: top?.cause }).toEqual({ rule: 'app-error-exit', cause: 'app-error' });
  });

  it('an events table whose Events: line was cut, right after a container block, is read as the events', async () => {
    const text = [
      '    Last State:     Terminated',
      '      Reason:       Error',
      '      Exit Code:    2',
      '  Type     Reason   Age                From     Message',
      '  ----     ------   ----               ----     -------',
      '  Warning  BackOff  8s (x9 over 2m)    kubelet  Back-off restarting failed container',
    ].join('\n');
    const { incident } = await topOf(text);
    expect(incident.events.map((e) => e.reason)).toEqual(['BackOff']);
    expect(incident.pod.status?.containerStatuses?.[0]?.lastState?.terminated?.exitCode).toBe(2);
  });

  it('a clean exit in the last state proves restartPolicy Always, even with no state and no restart count shown', async () => {
    const { top } = await topOf('    Last State:     Terminated\n      Reason:       Completed\n      Exit Code:    0\n      Started:      Fri, 20 Nov 2026 11:50:00 +0000\n      Finished:     Fri, 20 Nov 2026 11:50:02 +0000\n');
    expect({ rule: top?.rule, cause: top?.cause }).toEqual({ rule: 'completed-restart', cause: 'completed-restart' });
  });
});

describe('program output pasted with a description', () => {
  it('above it, with kubectl\'s "Defaulted container" line: the log of the container it names', async () => {
    const text = [
      'Defaulted container "render" out of: render, fetch-assets (init)',
      'exec /app/render: no such file or directory',
      '',
      'Events:',
      '  Type    Reason   Age                From     Message',
      '  ----    ------   ----               ----     -------',
      '  Normal  Created  1m (x4 over 2m)    kubelet  Created container render',
      '  Normal  Started  1m (x4 over 2m)    kubelet  Started container render',
    ].join('\n');
    const { incident, top } = await topOf(text);
    expect(incident.logs).toEqual([{ container: 'render', current: 'exec /app/render: no such file or directory' }]);
    expect(incident.missing).toContainEqual("1 line pasted above the description without a kubectl logs line was read as container render's log");
    expect(top?.container).toBe('render');
  });
});

describe('event messages pasted without their rows', () => {
  const shape = async (text: string) => {
    const { incident, top } = await topOf(text);
    return { events: incident.events.map((e) => [e.type, e.reason, e.involvedObject.fieldPath ?? null]), pod: incident.pod.metadata?.name, rule: top?.rule, cause: top?.cause, container: top?.container, missing: incident.missing };
  };

  it('a lone liveness failure is an Unhealthy warning kubelet wrote, its pod and container unknown', async () => {
    const got = await shape('Liveness probe failed: Get "http://10.4.0.12:9000/livez": dial tcp 10.4.0.12:9000: connect: connection refused\n');
    expect(got).toMatchObject({ events: [['Warning', 'Unhealthy', null]], cause: 'liveness-probe' });
    expect(got.missing).toContainEqual(expect.stringMatching(/^an event message was pasted without its row: reasons come from kubelet's wording/));
    expect(got.missing).toContainEqual(expect.stringMatching(/pod's name is not in the paste/));
  });

  it('mount messages name their pod, and one wrapped over two lines stays one event', async () => {
    const text = [
      'MountVolume.SetUp failed for volume "archive" : mount failed: exit status 32 Mounting command: mount Mounting arguments: -t nfs 10.9.0.4:/exports/archive',
      '/var/lib/kubelet/pods/7c1e/volumes/kubernetes.io~nfs/archive Output: mount.nfs: Connection timed out',
      '',
      'Unable to mount volumes for pod "ledger-6c9f7d7b4-q2x8k_payments(7c1e0d2a-1111-2222-3333-444455556666)": timeout expired waiting for volumes to attach or mount for pod "payments"/"ledger-6c9f7d7b4-q2x8k". list of unmounted volumes=[archive]. list of unattached volumes=[archive default-token-x7k2p]',
    ].join('\n');
    const got = await shape(text);
    expect(got).toMatchObject({ events: [['Warning', 'FailedMount', null], ['Warning', 'FailedMount', null]], pod: 'ledger-6c9f7d7b4-q2x8k', cause: 'mount-failure' });
    const { incident } = await topOf(text);
    expect(incident.events[0]?.message).toMatch(/Output: mount\.nfs: Connection timed out$/);
  });

  it("kubelet's `Error: ` messages of a container it could not make are Failed events", async () => {
    expect(await shape('Error: secret "ledger-db-credentials" not found\n')).toMatchObject({ events: [['Warning', 'Failed', null]], cause: 'config-error' });
  });

  it('the old kill message of a liveness failure names the probe and the container', async () => {
    const got = await shape('Killing container with id docker://ledger:Container failed liveness probe.. Container will be killed and recreated.\n');
    expect(got).toMatchObject({ events: [['Normal', 'Killing', null]], cause: 'liveness-probe' });
  });

  it('rows cut on the left and quoted in backticks keep the columns that survive: type, reason, container', async () => {
    const text = [
      '`elet, pool-a-2}\tspec.containers{ledger}\tWarning\tUnhealthy\tReadiness probe failed: HTTP probe failed with statuscode: 503`',
      '',
      '`{kubelet pool-a-2}\tspec.containers{ledger}\tWarning\tUnhealthy\tReadiness probe failed: Get http://10.4.0.12:8080/ready: net/http: request canceled`',
    ].join('\n');
    const got = await shape(text);
    expect(got).toMatchObject({ events: [['Warning', 'Unhealthy', 'spec.containers{ledger}'], ['Warning', 'Unhealthy', 'spec.containers{ledger}']], rule: 'readiness-probe-failing', container: 'ledger' });
  });

  it('a row whose age was mangled and whose message a chat client wrapped: the runtime error still reads whole', async () => {
    const text = [
      ' Failed   s (x3 over 2m10s)   kubelet  Error: failed to create containerd task: failed to create shim task:',
      ' OCI runtime create failed: runc create failed: unable to start container process:',
      ' exec: "/srv/ledger": stat /srv/ledger: no such file or directory: unknown',
    ].join('\n');
    const { incident, top } = await topOf(text);
    expect(incident.events.map((e) => [e.reason, e.count, e.source])).toEqual([['Failed', 3, 'kubelet']]);
    expect(incident.events[0]?.message).toMatch(/^Error: failed to create containerd task: .* exec: "\/srv\/ledger": stat \/srv\/ledger: no such file or directory: unknown$/);
    expect(top?.cause).toBe('command-not-found');
  });

  it('a kubelet message inside a sentence of the user is still refused with the one line', async () => {
    await expect(readPaste('Since the upgrade I keep seeing Liveness probe failed: connection refused in the dashboard\n')).rejects.toThrow(/is not kubectl output podmortem can read/);
  });

  it("a program's log with an error line is read as a log, not as a probe's event: the error is quoted and the pod's state said to be unknown", async () => {
    const { incident, top } = await topOf('2026-11-20T11:59:58Z INFO starting ledger\n2026-11-20T11:59:59Z ERROR Error: connection reset by peer\n');
    expect({ rule: top?.rule, cause: top?.cause, title: top?.title }).toEqual({ rule: 'log-error-state-unknown', cause: 'app-error', title: "container <container>'s log shows it failing: 2026-11-20T11:59:59Z ERROR Error: connection reset by peer" });
    expect(incident.missing[0]).toContain("whether the program ended on it, and its pod's state, exit codes and events, were not in the paste");
  });
});

describe('program output pasted with kubectl get pods rows', () => {
  const rows = (names: string[]) => ['NAME                        READY   STATUS             RESTARTS   AGE', ...names.map((n) => `${n}   0/1     CrashLoopBackOff   5          4m`)];

  it("below a workload's replicas: the first one's log, saying the paste did not say whose; a shell's 'not found' at its end is a missing command", async () => {
    const text = [...rows(['ledger-6c9f7d7b4-q2x8k', 'ledger-6c9f7d7b4-w7n4c']), '', '/bin/sh: 1: /opt/ledger/bin/serve: not found'].join('\n');
    const incidents = await readPaste(text, CAPTURED);
    const first = incidents.find((i) => i.pod.metadata?.name === 'ledger-6c9f7d7b4-q2x8k');
    expect(first?.logs).toEqual([{ container: '<container>', current: '/bin/sh: 1: /opt/ledger/bin/serve: not found' }]);
    expect(first?.missing).toContainEqual("the paste does not say which of its 2 replicas printed that log: it was read as ledger-6c9f7d7b4-q2x8k's");
    const diagnosis = await (await builtInDiagnoser()).diagnose(first as NonNullable<typeof first>);
    expect(diagnosis.findings[0]?.cause).toBe('command-not-found');
  });

  it('below pods of different workloads: no pod gets it', async () => {
    const text = [...rows(['ledger-6c9f7d7b4-q2x8k', 'billing-5d8f9c7b6-z9m2p']), '', '/bin/sh: 1: /opt/ledger/bin/serve: not found'].join('\n');
    const incidents = await readPaste(text, CAPTURED);
    expect(incidents.flatMap((i) => i.logs ?? [])).toEqual([]);
  });
});

describe('a get pods row that shows the pod Terminating', () => {
  it('is a pod being deleted, not a healthy one, and the report says the row cannot show since when', async () => {
    const text = 'NAME                        READY   STATUS        RESTARTS   AGE\nledger-7d9f8c6b5-qx2wz   0/2     Terminating   0          5d3h\n';
    const { incident, top } = await topOf(text);
    expect(incident.pod.metadata?.deletionTimestamp).toBeTruthy();
    expect({ rule: top?.rule, cause: top?.cause, severity: top?.severity }).toEqual({ rule: 'terminating-since-unknown', cause: 'other', severity: 'info' });
    expect(top?.explanation).toContain("rows show the pod's age, not when it was deleted");
    expect(top?.explanation).not.toMatch(/Containers still running/);
  });

  it('below a crashing pod of another workload, it ranks after the crash', async () => {
    const text = 'NAME                        READY   STATUS             RESTARTS   AGE\nledger-7d9f8c6b5-qx2wz   0/1     Terminating        0          2h\nbilling-5c7b9d4f8-mm4kq  0/1     CrashLoopBackOff   9          2h\n';
    const diagnoser = await builtInDiagnoser();
    const pods = rankPods(await Promise.all((await readPaste(text, CAPTURED)).map((i) => diagnoser.diagnose(i))));
    expect(pods.map((p) => p.name)).toEqual(['billing-5c7b9d4f8-mm4kq', 'ledger-7d9f8c6b5-qx2wz']);
    expect(pods[1]?.findings[0]?.rule).toBe('terminating-since-unknown');
  });
});

describe('get pods rows of pods Pending for long, with nothing else', () => {
  const rows = (age: string) => `NAME                      READY   STATUS    RESTARTS   AGE\nreports-6f8d9c7b5-lk2vd   0/1     Pending   0          ${age}\n`;

  it('is most likely a pod never scheduled: kubectl stops printing Pending once kubelet reports the containers', async () => {
    const { top } = await topOf(rows('47m'));
    expect({ rule: top?.rule, cause: top?.cause }).toEqual({ rule: 'pending-without-node', cause: 'unschedulable' });
    expect(top?.explanation).toContain("Neither the scheduler's reason");
  });

  it('not while the pod is young, nor once the evidence shows its node or the scheduler\'s own words', async () => {
    expect((await topOf(rows('90s'))).diagnosis.findings.map((f) => f.rule)).not.toContain('pending-without-node');
    // -o wide: NODE after IP, or (kubectl 1.1) straight after AGE.
    const wide = 'NAME                      READY   STATUS    RESTARTS   AGE   IP       NODE       NOMINATED NODE   READINESS GATES\nreports-6f8d9c7b5-lk2vd   0/1     Pending   0          47m   <none>   pool-a-3   <none>           <none>\n';
    const placed = await topOf(wide);
    expect(placed.incident.pod.spec?.nodeName).toBe('pool-a-3');
    expect(placed.diagnosis.findings.map((f) => f.rule)).not.toContain('pending-without-node');
    const old = await topOf('reports-6f8d9c7b5-lk2vd   0/1       Pending   0          47m       pool-a-3.eu-west-1.compute.internal\n');
    expect(old.incident.pod.spec?.nodeName).toBe('pool-a-3.eu-west-1.compute.internal');
    const unplaced = await topOf('reports-6f8d9c7b5-lk2vd   0/1     Pending   0          47m   <none>   <none>   <none>   <none>\n');
    expect(unplaced.incident.pod.spec?.nodeName).toBeUndefined();
    expect(unplaced.top?.rule).toBe('pending-without-node');
    const said = `${rows('47m')}\nLAST SEEN   TYPE      REASON             OBJECT                        MESSAGE\n2m          Warning   FailedScheduling   pod/reports-6f8d9c7b5-lk2vd   0/4 nodes are available: 4 Insufficient memory.\n`;
    const { top } = await topOf(said);
    expect(top?.rule).toBe('unschedulable-insufficient-resources');
  });
});

describe('a Pending pod with no node whose evidence does not show how long it has waited', () => {
  // A describe cut above its events, with no Start Time (none until a node takes the pod) and no creation time.
  const cut = ['Name:           reports-0', 'Namespace:      default', 'Node:           <none>', 'Status:         Pending', 'IP:', 'Controlled By:  StatefulSet/reports'].join('\n');

  it('is reported as not scheduled unless it was created moments ago, and says the wait is not shown', async () => {
    const { top } = await topOf(cut);
    expect({ rule: top?.rule, cause: top?.cause, severity: top?.severity }).toEqual({ rule: 'pending-without-node', cause: 'unschedulable', severity: 'warning' });
    expect(top?.title).toBe('The pod is Pending and the evidence shows no node, nor for how long: unless it was created moments ago, it has not been scheduled');
  });
});

describe('a get pods row above a description of several containers that shows no container state', () => {
  const row = 'NAME             READY   STATUS                       RESTARTS   AGE\nvault-agent-0    1/2     CreateContainerConfigError   0          80s\n';
  const events = [
    'Events:',
    '  Type    Reason     Age   From               Message',
    '  ----    ------     ----  ----               -------',
    '  Normal  Scheduled  20s   default-scheduler  Successfully assigned infra/vault-agent-0 to pool-b-2',
    '  Normal  Pulled     18s   kubelet            Container image "registry.example/agent-init:1.4" already present on machine',
    '  Normal  Created    18s   kubelet            Created container agent-init',
    '  Normal  Started    18s   kubelet            Started container agent-init',
    '  Normal  Pulled     17s   kubelet            Container image "registry.example/agent:1.4" already present on machine',
    '',
  ].join('\n');

  it("keeps the row's failure on the container the paste does not name instead of calling the pod healthy", async () => {
    const { incident, top } = await topOf(`${row}\n$ kubectl describe pod vault-agent-0\n...\n${events}`);
    expect(incident.pod.status?.containerStatuses?.map((c) => [c.name, c.state?.waiting?.reason])).toEqual([['<container>', 'CreateContainerConfigError']]);
    expect({ rule: top?.rule, cause: top?.cause, container: top?.container }).toEqual({ rule: 'create-container-config-error', cause: 'config-error', container: '<container>' });
  });

  it('a row that shows the pod running adds no state to the unnamed containers', async () => {
    const running = row.replace('1/2     CreateContainerConfigError', '2/2     Running                   ');
    const { incident } = await topOf(`${running}\n$ kubectl describe pod vault-agent-0\n...\n${events}`);
    expect(incident.pod.status?.containerStatuses ?? []).toEqual([]);
  });
});

describe('pod YAML a chat client broke', () => {
  it("a quoted message wrapped back to the left margin is joined where it broke, and a waiting state cut above its key is still the container's", async () => {
    const text = [
      '```',
      "      message: 'Back-off pulling image \"registry.example.com/ledger/api@sha256:0f3c9a7e51d24b6c8e9f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f",
      '6a\":',
      '        ErrImagePull: rpc error: code = NotFound desc = failed to pull and unpack image',
      '        \"registry.example.com/ledger/api@sha256:0f3c9a7e51d24b6c8e9f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6a\": not found\'',
      '      reason: ImagePullBackOff',
      '```',
    ].join('\n');
    const { incident, top } = await topOf(text);
    const waiting = incident.pod.status?.containerStatuses?.[0]?.state?.waiting;
    expect(waiting?.reason).toBe('ImagePullBackOff');
    expect(waiting?.message).toContain('ledger/api@sha256:0f3c9a7e51d24b6c8e9f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6a":');
    expect(top?.cause).toBe('image-pull');
  });
});

describe('kubectl logs under a prompt that is only the working directory', () => {
  it("the command is read past zsh's right prompt, and the runtime's exec failure alone says the container cannot start", async () => {
    const text = `  ~/src/ledger  main  kubectl logs ledger-0 -c api${' '.repeat(60)}1  09:14:02 \nstandard_init_linux.go:228: exec user process caused: exec format error\n`;
    const { incident, top } = await topOf(text);
    expect(incident.pod.metadata?.name).toBe('ledger-0');
    expect(incident.logs).toEqual([{ container: 'api', current: 'standard_init_linux.go:228: exec user process caused: exec format error' }]);
    expect(incident.missing[0]).toMatch(/^only kubectl logs output was pasted: in it the container runtime says it could not start/);
    expect({ cause: top?.cause, container: top?.container }).toEqual({ cause: 'arch-mismatch', container: 'api' });
  });

  it("a program's own log with no crash in it, under such a prompt, still asks for the pod's description", async () => {
    await expect(readPaste('~/src/ledger  kubectl logs ledger-0\nINFO ledger listening on :8080\nWARN cache cold, warming\n')).rejects.toThrow(/holds only kubectl logs output.*add kubectl describe pod ledger-0/);
  });
});

describe('runtime start errors in a cut description', () => {
  it("runc's refusal of a command PATH found only through a relative entry, its message wrapped, is a command that could not be found", async () => {
    const text = [
      '    Last State:     Terminated',
      '      Reason:       StartError',
      '      Message:      failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start',
      '          container process: exec: "bundle": cannot run executable found relative to current directory: unknown',
      '      Exit Code:    128',
      '      Started:      Thu, 01 Jan 1970 00:00:00 +0000',
      '      Finished:     Fri, 20 Nov 2026 11:58:40 +0000',
    ].join('\n');
    const { top } = await topOf(text);
    expect(top?.cause).toBe('command-not-found');
  });
});

describe('logs alone that show a crash the log facts know', () => {
  it('kubectl logs with a flag before its verb, a dependency refusing every retry: the pod is named from the command, its state said to be unknown', async () => {
    const line = (s: number) => `E0311 08:15:${String(s).padStart(2, '0')}.104211       1 store.go:88] Ping to ledger db failed: dial tcp 10.96.4.12:5432: connect: connection refused`;
    const text = `$ kubectl -nfinance logs ledger-api-7c9d8f6b5-q2x7m\n${[0, 5, 10, 15].map(line).join('\n')}\n`;
    const { incident, top } = await topOf(text);
    expect(incident.pod.metadata?.name).toBe('ledger-api-7c9d8f6b5-q2x7m');
    expect(incident.pod.status).toBeUndefined();
    expect(incident.missing[0]).toMatch(/^only kubectl logs output was pasted: it shows a dependency refused the connection .*; its pod's state, exit codes and events were not in the paste \(add kubectl describe pod ledger-api-7c9d8f6b5-q2x7m\)/);
    expect({ rule: top?.rule, cause: top?.cause }).toEqual({ rule: 'log-error-state-unknown', cause: 'app-error' });
    expect(top?.explanation).toContain("its pod's state was not in the paste");
  });

  it('a Python traceback pasted with no command line at all is that container\'s log', async () => {
    const text = '```\nTraceback (most recent call last):\n  File "/srv/app/main.py", line 3, in <module>\n    import yaml\nModuleNotFoundError: No module named \'yaml\'\n```\n';
    const { incident, top } = await topOf(text);
    expect(incident.logs[0]?.current).toMatch(/^Traceback[^]*ModuleNotFoundError: No module named 'yaml'$/);
    expect(incident.missing[0]).toMatch(/^only program output \(no kubectl logs line\) was pasted: .* ends with "ModuleNotFoundError: No module named 'yaml'"/);
    expect({ rule: top?.rule, cause: top?.cause, title: top?.title }).toEqual({ rule: 'log-error-state-unknown', cause: 'app-error', title: "container <container>'s log shows it failing: ModuleNotFoundError: No module named 'yaml'" });
  });

  it('a Go program\'s panic that the apimachinery crash handler logged is a panic', async () => {
    const text = 'E0401 10:02:11.000001       1 runtime.go:78] Observed a panic: "invalid memory address or nil pointer dereference" (runtime error: invalid memory address or nil pointer dereference)\ngoroutine 88 [running]:\n';
    const { incident, top } = await topOf(text);
    expect(incident.missing[0]).toMatch(/it shows a Go program panicked/);
    expect(top?.cause).toBe('app-error');
  });

  it('one line fenced on both sides that ends in a segmentation fault is a crash, not refused text', async () => {
    const { top } = await topOf('```/entrypoint.sh: line 12: 41 Segmentation fault (core dumped) /opt/broker/bin/broker run```\n');
    expect({ rule: top?.rule, cause: top?.cause }).toEqual({ rule: 'log-crash-state-unknown', cause: 'app-crash' });
  });

  it.each([
    ['a script', 'Running database migrations\n/scripts/migrate.sh: line 14:    57 Killed                  /usr/local/bin/migrate --all\n'],
    ['a foreground command', '$ npm run build\n> webpack --mode production\nKilled\n'],
  ])("%s the shell reports Killed is a SIGKILL, most often the OOM killer, not the program's own error", async (_what, log) => {
    const { top } = await topOf(log);
    expect({ rule: top?.rule, cause: top?.cause }).toEqual({ rule: 'log-killed-state-unknown', cause: 'sigkill' });
    expect(top?.explanation).toContain("OOM killer");
  });

  it('a log that only mentions a kill in its own words is no SIGKILL', async () => {
    const { top } = await topOf('2026-11-20 10:00:01 ERROR worker 3 was killed by the supervisor after 30s\nTraceback (most recent call last):\n  File "w.py", line 3\nValueError: bad batch\n');
    expect({ rule: top?.rule, cause: top?.cause }).toEqual({ rule: 'log-error-state-unknown', cause: 'app-error' });
  });

  it('a script refused the binary it runs: permission denied', async () => {
    const { top } = await topOf('+ /opt/tools/bin/sync --once\n/opt/tools/run.sh: line 40: /opt/tools/bin/sync: Permission denied\n');
    expect({ rule: top?.rule, cause: top?.cause }).toEqual({ rule: 'log-error-state-unknown', cause: 'app-error' });
  });

  it("runc's older refusal to exec the program (`starting container process caused`), pasted alone: not executable, the line quoted", async () => {
    const line = 'container_linux.go:247: starting container process caused "exec: \\"/usr/local/bin/relay\\": permission denied"';
    const { top } = await topOf(`${line}\n`);
    expect({ rule: top?.rule, cause: top?.cause }).toEqual({ rule: 'not-executable', cause: 'not-executable' });
    expect(top?.explanation).toContain('/usr/local/bin/relay');
    const notFound = await topOf('Error response from daemon: OCI runtime create failed: container_linux.go:349: starting container process caused "exec: \\"relayd\\": executable file not found in $PATH": unknown\n');
    expect(notFound.top?.cause).toBe('command-not-found');
    // The same words about a mount that failed while the container was set up are no exec failure.
    const mount = await topOf('container_linux.go:349: starting container process caused "process_linux.go:449: container init caused \\"rootfs_linux.go:58: mounting \\\\\\"/srv/conf\\\\\\" to rootfs caused \\\\\\"permission denied\\\\\\"\\""\n');
    expect(mount.top?.cause).not.toBe('not-executable');
  });

  it('a person\'s words that mention a crash are still refused with the one line', async () => {
    await expect(readPaste('my pod keeps saying connection refused when it starts, any idea?\n')).rejects.toThrow(/is not kubectl output podmortem can read/);
    await expect(readPaste('We get Permission denied on the volume\nI tried chmod already\n')).rejects.toThrow(/is not kubectl output podmortem can read/);
  });
});

describe("kubelet's probe message re-emitted by an operator with the pod's name before it", () => {
  it('a startup probe failure prefixed `Pod NAME: ` is a startup probe failure, quoted without the prefix', async () => {
    const text = '  Warning  Unhealthy  12s (x4 over 42s)  orders-operator  Pod orders-db-0: Startup probe failed: Get "http://10.4.1.7:8080/healthz": dial tcp 10.4.1.7:8080: connect: connection refused\n';
    const { top } = await topOf(text);
    expect({ rule: top?.rule, cause: top?.cause }).toEqual({ rule: 'startup-probe-failing', cause: 'startup-probe' });
    expect(top?.explanation).not.toContain('Pod orders-db-0: Startup');
  });
});

describe('events that show only restarts', () => {
  it('Created and Started repeated many times, nothing else: restarts seen in events, cause not shown', async () => {
    const text = [
      'Events:',
      '  Type    Reason   Age                  From     Message',
      '  ----    ------   ----                 ----     -------',
      '  Normal  Pulled   4m (x40 over 5h)     kubelet  Container image "registry.example/reaper:2.1" already present on machine',
      '  Normal  Created  4m (x41 over 5h)     kubelet  Created container reaper',
      '  Normal  Started  4m (x41 over 5h)     kubelet  Started container reaper',
      '',
    ].join('\n');
    const { top } = await topOf(text);
    expect({ rule: top?.rule, cause: top?.cause, container: top?.container }).toEqual({ rule: 'restarts-seen-in-events', cause: 'crashloop-unknown', container: 'reaper' });
    expect(top?.title).toBe('container reaper was started again at least 40 times and the evidence does not show why');
  });
});

describe("the poster's numbering before a command, and pod names masked with underscores", () => {
  it('`1) kubectl get pods` rows whose names the poster replaced with my_pod_N are read as pod rows', async () => {
    const text = '1) kubectl get pods\n\nNAME  READY     STATUS             RESTARTS   AGE\nshop_pod_a  0/1       ErrImagePull   0          12m\n\n2) kubectl get pod shop_pod_a -o jsonpath={.status.phase}\nPending\n';
    const { incident, top } = await topOf(text);
    expect(incident.pod.metadata?.name).toBe('shop_pod_a');
    expect(top?.cause).toBe('image-pull');
  });
});

describe("kubelet's message for an image reference it cannot parse, pasted alone", () => {
  it('`Failed to apply default image tag` is an InspectFailed event: an invalid image name', async () => {
    const text = 'Failed to apply default image tag "registry.example/team/Api:v2": couldn\'t parse image reference "registry.example/team/Api:v2": invalid reference format: repository name must be lowercase\n';
    const { incident, top } = await topOf(text);
    expect(incident.events.map((e) => e.reason)).toEqual(['InspectFailed']);
    expect(top?.cause).toBe('image-pull');
  });
});

describe('a trimmed event row that kept its From column', () => {
  it('`Warning Failed kubelet Error: ...` (no age): kubelet is the source, not the start of the message', async () => {
    const { incident, top } = await topOf('Init:CreateContainerConfigError\nWarning  Failed  kubelet  Error: secret "ledger-creds" not found\n');
    expect(incident.events.map((e) => ({ source: e.source, message: e.message }))).toEqual([{ source: 'kubelet', message: 'Error: secret "ledger-creds" not found' }]);
    expect(top?.cause).toBe('config-error');
  });

  it('a message whose first word only looks like a component stays whole', async () => {
    const { incident } = await topOf('Warning  BackOff  kubeletd restarted the container\n');
    expect(incident.events[0]?.message).toBe('kubeletd restarted the container');
  });
});

describe('inline code a poster opened on one line and closed on the next', () => {
  it('a scheduler message in backticks whose closing backtick sits alone on the next line is that message', async () => {
    const { incident, top } = await topOf('`0/3 nodes are available: 3 Insufficient cpu.\n`\n');
    expect(incident.events.map((e) => ({ reason: e.reason, message: e.message }))).toEqual([{ reason: 'FailedScheduling', message: '0/3 nodes are available: 3 Insufficient cpu.' }]);
    expect(top?.cause).toBe('unschedulable');
  });

  it('backticks inside a message are kept', async () => {
    const { incident } = await topOf('Warning  Failed  3s  kubelet  Error: failed to start: exec: "`whoami`": executable file not found in $PATH\n');
    expect(incident.events[0]?.message).toContain('"`whoami`"');
  });
});

describe('a pod row whose age kubectl could not compute', () => {
  it('AGE `<invalid>` (creation time ahead of the client clock) still reads the row, its age unknown', async () => {
    const text = 'ingest-worker-6b7c9d8f5-k2m4p   0/1       CrashLoopBackOff   4          <invalid>\n\nERROR: required setting INGEST_TOPIC is empty, exiting\n';
    const { incident, top } = await topOf(text);
    expect(incident.pod.metadata?.name).toBe('ingest-worker-6b7c9d8f5-k2m4p');
    expect(incident.pod.metadata?.creationTimestamp).toBeUndefined();
    expect(incident.pod.status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('CrashLoopBackOff');
    expect(top?.cause).toBe('app-error');
  });
});

describe("Node.js's resolver failing on a module, pasted alone", () => {
  it('`Error: Cannot find module` with its require stack is a log that shows the program failing', async () => {
    const text = "```\n    throw err;\n    ^\n\nError: Cannot find module 'left-pad'\nRequire stack:\n- /srv/api/lib/util.js\n- /srv/api/server.js\n```\n";
    const { incident, top } = await topOf(text);
    expect(incident.missing[0]).toMatch(/it shows Node\.js could not find a module the program requires .*\("Error: Cannot find module 'left-pad'"\)/);
    expect({ rule: top?.rule, cause: top?.cause, title: top?.title }).toEqual({ rule: 'log-error-state-unknown', cause: 'app-error', title: "container <container>'s log shows it failing: Error: Cannot find module 'left-pad'" });
  });

  it('the ESM loader says the same of a package', async () => {
    const { top } = await topOf("Error [ERR_MODULE_NOT_FOUND]: Cannot find package 'express' imported from /srv/api/index.mjs\n");
    expect(top?.cause).toBe('app-error');
  });

  it('a sentence that quotes it is still refused', async () => {
    await expect(readPaste("I get Cannot find module 'left-pad' when my pod starts?\n")).rejects.toThrow(/is not kubectl output podmortem can read/);
  });
});

describe("a container's waiting state pasted as a line", () => {
  it('`REASON: message` lines of kubelet waiting reasons: the error is the state, not the back-off from it, and the image is the one kubelet quotes', async () => {
    const text = '```\nImagePullBackOff: Back-off pulling image "registry.example/shop/cart:4.2"\nErrImagePull: rpc error: code = NotFound desc = failed to pull and unpack image "registry.example/shop/cart:4.2": not found\n```\n';
    const { incident, top } = await topOf(text);
    const status = incident.pod.status?.containerStatuses?.[0];
    expect(status?.state?.waiting?.reason).toBe('ErrImagePull');
    expect(incident.pod.spec?.containers[0]?.image).toBe('registry.example/shop/cart:4.2');
    expect(incident.pod.status?.phase).toBeUndefined();
    expect(status?.restartCount).toBeUndefined();
    expect(incident.missing[0]).toMatch(/^only 2 lines of containers' waiting states were pasted: .*the pod's phase, restarts, spec and events are not in the paste/);
    expect({ cause: top?.cause, title: top?.title }).toEqual({ cause: 'image-pull', title: 'Image registry.example/shop/cart:4.2 does not exist' });
  });

  it("kubectl logs of a container that never started prints kubelet's refusal: that container waits for the reason it names", async () => {
    const text = '$ kubectl logs vector-0 -c shipper\nError from server (BadRequest): container "shipper" in pod "vector-0" is waiting to start: CreateContainerConfigError\n';
    const { incident, top } = await topOf(text);
    expect(incident.pod.metadata?.name).toBe('vector-0');
    expect(incident.pod.status?.containerStatuses?.[0]).toMatchObject({ name: 'shipper', state: { waiting: { reason: 'CreateContainerConfigError' } } });
    expect({ cause: top?.cause, container: top?.container }).toEqual({ cause: 'config-error', container: 'shipper' });
  });

  it("kubelet's own words for the pull reasons are read as them, pasted without the command", async () => {
    const { incident, top } = await topOf('Error from server (BadRequest): container "api" in pod "api-5d8c7b9f6-q9w2e" is waiting to start: trying and failing to pull image\n');
    expect(incident.pod.status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('ImagePullBackOff');
    expect(top?.cause).toBe('image-pull');
  });

  it('a word before a colon that is no waiting reason is not a state, and the refusal for a pod that is only being created shows no failure', async () => {
    await expect(readPaste('Problem: the image is gone\nBackoff: pulling it again and again\n')).rejects.toThrow(/is not kubectl output podmortem can read/);
    const { incident, top } = await topOf('container "web" in pod "web-0" is waiting to start: ContainerCreating\n');
    expect(incident.pod.status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('ContainerCreating');
    expect(top?.severity ?? 'none').not.toBe('critical');
  });
});

describe("a framework's own line that the application did not start, in logs alone", () => {
  it("an app server's error that an exception stopped the application's start is a log showing it failing", async () => {
    const text = '```\n[ERROR   ] CWWKZ0002E: An exception occurred while starting the application billing. The exception message was: java.lang.IllegalStateException: datasource jdbc/billing not bound\n```\n';
    const { incident, top } = await topOf(text);
    expect(incident.missing[0]).toMatch(/it shows the application failed while starting up, as its framework reports/);
    expect({ rule: top?.rule, cause: top?.cause }).toEqual({ rule: 'log-error-state-unknown', cause: 'app-error' });
    expect(top?.title).toContain('CWWKZ0002E: An exception occurred while starting the application billing');
  });

  it("Spring Boot's failure analysis banner after kubectl logs", async () => {
    const text = '$ kubectl logs orders-6f7d9c8b5-x1y2z\n***************************\nAPPLICATION FAILED TO START\n***************************\n\nDescription:\n\nWeb server failed to start. Port 8080 was already in use.\n';
    const { incident, top } = await topOf(text);
    expect(incident.pod.metadata?.name).toBe('orders-6f7d9c8b5-x1y2z');
    expect(top?.cause).toBe('app-error');
  });

  it('an error line without such words is a log that reports an error, not a framework that failed to start', async () => {
    const { top } = await topOf('2026-11-20 10:00:01 ERROR [main] c.e.TokenCheck - the security token cannot be validated\n');
    expect({ rule: top?.rule, cause: top?.cause }).toEqual({ rule: 'log-error-state-unknown', cause: 'app-error' });
    expect(top?.explanation).not.toMatch(/failed while starting up/);
  });

  it('lines with no mark of a log (no level, time or error prefix) stay refused, whatever words they hold', async () => {
    await expect(readPaste('the token check failed again after the deploy\nsame error as yesterday\n')).rejects.toThrow(/is not kubectl output podmortem can read/);
  });
});

describe('pieces of one pod in blocks of their own, none naming it', () => {
  const rows = ['```', '$ kubectl get pods -n billing', 'NAME                          READY   STATUS             RESTARTS       AGE', 'billing-api-0                 0/1     CrashLoopBackOff   7 (2m ago)     20m', 'billing-proxy-6d9c8b7f5-k2x4m 1/1     Running            0              20m', '```'];
  const event = ['```', 'Warning  Unhealthy  40s (x9 over 90s)  kubelet  Startup probe failed: Get "http://10.8.1.7:8081/healthz": dial tcp 10.8.1.7:8081: connect: connection refused', '```'];
  const spec = (name: string) => ['```', '    image: registry.example.com/billing/api:3.2', `    name: ${name}`, '    ports:', '    - containerPort: 8081', '      protocol: TCP', '```'];

  it('an events row and a piece of the YAML are one pod, the failing one of the rows: the probe is named with its container', async () => {
    const incidents = await readPaste([...rows, ...event, ...spec('api')].join('\n'), CAPTURED);
    const diagnoser = await builtInDiagnoser();
    const api = incidents.find((i) => i.pod.metadata?.name === 'billing-api-0');
    expect(incidents.map((i) => i.pod.metadata?.name).sort()).toEqual(['billing-api-0', 'billing-proxy-6d9c8b7f5-k2x4m']);
    const top = (await diagnoser.diagnose(api!)).findings[0];
    expect({ rule: top?.rule, cause: top?.cause, container: top?.container }).toEqual({ rule: 'startup-probe-restarting', cause: 'startup-probe', container: 'api' });
    expect(api?.missing?.join('\n')).toContain('the events pasted in a block of their own name no pod: they were read as this pod');
  });

  it('an events row beside a piece of the YAML in the same block is that pod\'s event, not its log', async () => {
    const incidents = await readPaste([...event.slice(1, 2), ...spec('api').slice(1, -1)].join('\n'), CAPTURED);
    expect(incidents).toHaveLength(1);
    expect(incidents[0]?.pod.spec?.containers.map((c) => c.name)).toEqual(['api']);
    expect(incidents[0]?.events.map((e) => e.reason)).toEqual(['Unhealthy']);
    expect(incidents[0]?.logs ?? []).toEqual([]);
  });

  it('with two unnamed pieces of pods, which one the events are about is not shown: nothing is joined', async () => {
    const piece = (name: string, restarts: number) => ['$ kubectl get pods -o yaml', `  - name: ${name}`, '    ready: false', `    restartCount: ${restarts}`];
    const incidents = await readPaste([...event.slice(1, 2), ...piece('api', 3), ...piece('worker', 5)].join('\n'), CAPTURED);
    expect(incidents).toHaveLength(3);
    expect(incidents.filter((i) => i.missing?.some((m) => m.includes('they were read as this pod')))).toEqual([]);
  });
});

describe("a pod table in another tool's layout", () => {
  it("k9s's pod view copied from the terminal: its columns are read by the header, numbers right-aligned under narrower headings", async () => {
    const text = [
      ' NAMESPACE↑    NAME                              PF  READY  STATUS              RESTARTS  CPU   MEM  %CPU/R  %MEM/R  IP            NODE        AGE',
      ' billing       invoice-worker-5d7c9b8f6-h2k4m    ●   0/1    CrashLoopBackOff         143     0     0     n/a     n/a  10.42.1.17    worker-2    6h11m',
      ' billing       invoice-api-6c8d7f9b5-p9q3r       ●   1/1    Running                    0  1250   512     125      50  10.42.1.18    worker-2    6h11m',
    ].join('\n');
    const incidents = await readPaste(`${text}\n`, CAPTURED);
    expect(incidents.map((i) => `${i.pod.metadata?.namespace}/${i.pod.metadata?.name}`).sort()).toEqual(['billing/invoice-api-6c8d7f9b5-p9q3r', 'billing/invoice-worker-5d7c9b8f6-h2k4m']);
    const worker = incidents.find((i) => i.pod.metadata?.name === 'invoice-worker-5d7c9b8f6-h2k4m');
    expect(worker?.pod.status?.containerStatuses?.[0]).toMatchObject({ restartCount: 143, ready: false, state: { waiting: { reason: 'CrashLoopBackOff' } } });
    expect(worker?.pod.spec?.nodeName).toBe('worker-2');
    const diagnoser = await builtInDiagnoser();
    expect((await diagnoser.diagnose(worker!)).findings[0]?.rule).toBe('crashloop-backoff');
  });

  it('kubectl get pods -o custom-columns with kubectl\'s names in another order', async () => {
    const text = ['STATUS             NAME             RESTARTS   READY   NODE', 'ImagePullBackOff   report-gen-0     0          0/1     worker-7'].join('\n');
    const incident = await readOnePod(`${text}\n`, CAPTURED);
    expect(incident.pod.metadata?.name).toBe('report-gen-0');
    expect(incident.pod.status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('ImagePullBackOff');
  });
});
