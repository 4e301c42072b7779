import { describe, expect, it } from 'vitest';
import { builtInDiagnoser } from './helpers.js';
import { diagnosePaste } from './support/diagnose-paste.js';
import { readOnePod, readPaste } from './support/read-paste.js';

/*
 * Shapes real pastes come in, each built here from made-up pods (names, values, wrappers of our
 * own), so what is tested is the reading mechanism, not one ticket: rows a chat client split or a
 * terminal flattened, rows without a header or with only some columns, `kubectl get pods` rows
 * (with `--watch`, with `kubectl logs`), a description cut with `<snip>` or cut above its
 * `Events:` line, program output pasted beside a description.
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
      'stuck-pending': ['Pending', 'unexplained-failure'],
      'slow-create': ['ContainerCreating', 'unexplained-failure'],
      'lost-node': ['Unknown', 'node-not-ready'],
      crashed: ['Error', 'unexplained-failure'],
      'evicted-one': ['Evicted', 'evicted'],
      'oom-one': ['OOMKilled', 'oom-killed'],
      'init-wait': ['Init:1/3', 'unexplained-failure'],
      'done-job': ['Completed', 'none'],
      fine: ['Running', 'none'],
    });
    const prose = diagnoses.flatMap((d) => d.findings.flatMap((f) => [f.title, f.explanation])).join('\n');
    expect(prose).toContain('the pod has been Pending for 120m');
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
    expect(diagnosis.findings[0]?.cause).toBe('crashloop-unknown');
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
