import { describe, expect, it } from 'vitest';
import { builtInDiagnoser } from './helpers.js';
import { readOnePod, readPaste } from './support/read-paste.js';
import { podStatusText } from '../src/facts/pod-status.js';
import { readLogsCommand } from '../src/sources/describe/pasted-logs.js';
import { computeFacts } from '../src/facts/compute.js';
import { makeIncident, makePod, podEvent } from './build-incident.js';

/*
 * Pastes whose lines a web page or a terminal mangled, and get pods rows that speak for several
 * containers at once. Made-up pods in the shapes real tickets show: the fix must hold for any
 * pod, not for the paste that revealed it.
 */

const CAPTURED = '2026-11-20T12:00:00Z';

async function findingsOf(text: string) {
  const incidents = await readPaste(text, CAPTURED);
  const diagnoser = await builtInDiagnoser();
  return Promise.all(incidents.map(async (incident) => ({ incident, findings: (await diagnoser.diagnose(incident)).findings })));
}

async function rootCauseOf(text: string) {
  const [first, ...rest] = await findingsOf(text);
  expect(rest).toHaveLength(0);
  const top = first?.findings[0];
  return top ? { pod: first?.incident.pod.metadata?.name, rule: top.rule, cause: top.cause, container: top.container } : null;
}

describe('shell prompts', () => {
  it("reads a command after bash's bracketed prompt ([user@host dir]$) and gives its log to the pod it names", async () => {
    const text = [
      '[admin@bastion01 ~]$ kubectl get pods -n payments',
      'NAME                       READY   STATUS             RESTARTS   AGE',
      'ledger-7f9c8d6b5-x2k4p     0/1     CrashLoopBackOff   12         40m',
      'ledger-7f9c8d6b5-q8w3n     1/1     Running            0          40m',
      '[admin@bastion01 ~]$ kubectl -n payments logs ledger-7f9c8d6b5-x2k4p',
      'time="2026-11-20T11:58:00Z" level=error msg="cannot open ledger store: connection refused"',
    ].join('\n');
    const results = await findingsOf(text);
    const failing = results.find((r) => r.incident.pod.metadata?.name === 'ledger-7f9c8d6b5-x2k4p');
    expect(failing?.incident.pod.metadata?.namespace).toBe('payments');
    expect(failing?.findings[0]).toMatchObject({ rule: 'crashloop-log-error', cause: 'app-error' });
  });
});

describe('a description that names no pod, under one pod of get pods rows', () => {
  const text = [
    'NAME READY STATUS RESTARTS AGE',
    'search-indexer-0 0/1 CrashLoopBackOff 5 (20s ago) 4m',
    'Last State: Terminated',
    'Reason: Error',
    'Exit Code: 137',
    'Events:',
    'Type Reason Age From Message',
    '---- ------ ---- ---- -------',
    'Warning Unhealthy 30s (x9 over 3m) kubelet Liveness probe failed: Get "http://10.1.2.3:9200/_health": context deadline exceeded',
  ].join('\n');

  it('is that pod: one incident under the row name, the liveness failure as the cause of the crash loop', async () => {
    expect(await rootCauseOf(text)).toMatchObject({ pod: 'search-indexer-0', cause: 'liveness-probe' });
  });

  it('says the name was taken from the rows', async () => {
    const incident = await readOnePod(text, CAPTURED);
    expect(incident.missing?.join('\n')).toContain('it was read as search-indexer-0, the only pod the kubectl get pods rows show');
    expect(incident.missing?.join('\n')).not.toContain("the pod's name is not in the paste");
  });

  // A person pastes the describe or events of the pod they ask about: the one whose row fails.
  it('is the only failing pod when the rows show others that run ready and never restarted', async () => {
    const beside = text.replace('search-indexer-0 0/1', 'search-indexer-1 1/1 Running 0 4m\nsearch-indexer-2 1/1 Completed 0 9m\nsearch-indexer-0 0/1');
    const incidents = await readPaste(beside, CAPTURED);
    expect(incidents.map((i) => i.pod.metadata?.name).sort()).toEqual(['search-indexer-0', 'search-indexer-1', 'search-indexer-2']);
    const failing = incidents.find((i) => i.pod.metadata?.name === 'search-indexer-0');
    expect(failing?.missing?.join('\n')).toContain('it was read as search-indexer-0, the only one of the 3 pods in the kubectl get pods rows that shows a failure');
    expect((await (await builtInDiagnoser()).diagnose(failing!)).findings[0]?.cause).toBe('liveness-probe');
  });

  it.each([
    ['two pods fail', 'search-indexer-1 0/1 Error 1 4m'],
    ['the other pod restarted', 'search-indexer-1 1/1 Running 2 4m'],
    ['the other pod is not ready', 'search-indexer-1 0/1 Running 0 4m'],
  ])('stays apart when %s: the paste does not say which pod it describes', async (_case, other) => {
    const two = text.replace('search-indexer-0 0/1', `${other}\nsearch-indexer-0 0/1`);
    const names = (await readPaste(two, CAPTURED)).map((i) => i.pod.metadata?.name).sort();
    expect(names).toEqual(['<pod>', 'search-indexer-0', 'search-indexer-1']);
  });
});

describe('get pods rows of a pod with several containers', () => {
  it('a row 1/2 Running with restarts is not healthy: the restarts are reported, counted over the containers', async () => {
    const text = 'api-gateway-5c8d7f6b9-mk2zt   1/2   Running   8 (4m20s ago)   44m\n';
    expect(await rootCauseOf(text)).toMatchObject({ rule: 'restarts-without-record', cause: 'crashloop-unknown', container: '<container>' });
    const incident = await readOnePod(text, CAPTURED);
    expect(incident.missing).toContain("the rows count the pod's 2 containers together (ready 1/2, 8 restarts in all) without naming them: <container> stands for them");
  });

  it('the same row under events that name both containers adds the unnamed one rather than blaming either', async () => {
    const text = [
      'api-gateway-5c8d7f6b9-mk2zt   1/2   Running   8 (4m20s ago)   44m',
      'Events:',
      '  Type    Reason   Age  From     Message',
      '  ----    ------   ---- ----     -------',
      '  Normal  Started  44m  kubelet  Started container envoy',
      '  Normal  Started  44m  kubelet  Started container gateway',
    ].join('\n');
    const incident = await readOnePod(text, CAPTURED);
    expect(incident.pod.status?.containerStatuses?.map((s) => [s.name, s.restartCount, s.ready])).toEqual([['<container>', 8, false]]);
    expect(await rootCauseOf(text)).toMatchObject({ cause: 'crashloop-unknown', container: '<container>' });
  });

  it('a row 2/2 Running with no restarts stays healthy', async () => {
    const [result] = await findingsOf('api-gateway-5c8d7f6b9-mk2zt   2/2   Running   0   44m\n');
    expect(result?.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });
});

describe('lines a web page glued together', () => {
  it('a get pods command, header and row on one line, and a describe command with its fields on the next', async () => {
    const text = [
      'kubectl get pods NAME READY STATUS RESTARTS AGE thumbnailer-6d9c7b8f5-pl4xq 1/1 Running 23 3d',
      'kubectl describe pod thumbnailer-6d9c7b8f5-pl4xq Last State: Terminated Reason: OOMKilled Exit Code: 137',
    ].join('\n');
    expect(await rootCauseOf(text)).toMatchObject({ pod: 'thumbnailer-6d9c7b8f5-pl4xq', rule: 'oom-killed', cause: 'oom-limit' });
    const incident = await readOnePod(text, CAPTURED);
    expect(incident.pod.status?.containerStatuses?.[0]).toMatchObject({ restartCount: 23, lastState: { terminated: { reason: 'OOMKilled', exitCode: 137 } } });
  });

  it('a header glued to the first row with no space (AGEname), and two rows glued after it', async () => {
    const text = 'NAME READY STATUS RESTARTS AGEworker-0 0/1 ImagePullBackOff 0 5m worker-1 1/1 Running 0 5m\n';
    const names = (await readPaste(text, CAPTURED)).map((i) => [i.pod.metadata?.name, i.pod.status?.containerStatuses?.[0]?.state]);
    expect(names).toEqual([
      ['worker-0', { waiting: { reason: 'ImagePullBackOff' } }],
      ['worker-1', { running: {} }],
    ]);
  });

  it("an old kubelet's error shown as STATUS (several words) is the container's waiting message", async () => {
    const text = 'NAME READY STATUS RESTARTS AGE\nbilling-4207440730-zz9rk 0/1 secrets "billing-db" not found 0 2d\n';
    expect(await rootCauseOf(text)).toMatchObject({ pod: 'billing-4207440730-zz9rk', rule: 'missing-secret', cause: 'config-error' });
    // kubectl's STATUS of the rebuilt pod is the reason that message is kubelet's text for, not Unknown.
    expect(podStatusText((await readOnePod(text, CAPTURED)).pod)).toBe('CreateContainerConfigError');
  });

  it('a line that only mentions a field in a message is left whole', async () => {
    const text = 'Warning  Failed  12s (x4 over 1m)  kubelet  Error: failed: Reason: x Message: y Name: z\n';
    const incident = await readOnePod(text, CAPTURED);
    expect(incident.events.map((e) => e.message)).toEqual(['Error: failed: Reason: x Message: y Name: z']);
  });

  it('kubectl logs with its output on the same line: the output is the log of the container named', async () => {
    expect(await rootCauseOf('me@rpi:~$ kubectl logs -n tools setup-job runner standard_init_linux.go:228: exec user process caused: exec format error\n')).toMatchObject({
      pod: 'setup-job',
      rule: 'exec-format-error',
      container: 'runner',
    });
  });
});

describe('kubectl logs command lines', () => {
  it.each([
    ['logs web-0', { pod: 'web-0', container: null, glued: null }],
    ['logs web-0 app', { pod: 'web-0', container: 'app', glued: null }],
    ['logs <pod-name>', { pod: '<pod-name>', container: null, glued: null }],
    ['logs $POD -c app --tail=50', { pod: '$POD', container: 'app', glued: null }],
    ['-n shop logs pod/web-0 --previous', { pod: 'web-0', container: null, previous: true, glued: null }],
    ['logs web-0 app panic: runtime error', { pod: 'web-0', container: 'app', glued: 'panic: runtime error' }],
    ['logs web-0 -c app Error: cannot start', { pod: 'web-0', container: 'app', glued: 'Error: cannot start' }],
    ['logs web-0 java.lang.OutOfMemoryError: heap', { pod: 'web-0', container: null, glued: 'java.lang.OutOfMemoryError: heap' }],
  ])('%s', (command, expected) => {
    expect(readLogsCommand(command)).toMatchObject(expected);
  });
});

describe('pieces real tickets hold (set H round)', () => {
  it('reads kubectl get all rows, whose names carry pod/, and masked names in capitals', async () => {
    const text = [
      '$ kubectl -n queue get all',
      'NAME          READY   STATUS    RESTARTS   AGE',
      'pod/broker-0  0/1     Pending   0          12m',
      '',
      'NAME                      READY   AGE',
      'statefulset.apps/broker   0/1     12m',
      '',
      'web-XXXXX   0/1   Pending   0   3h',
    ].join('\n');
    const names = (await readPaste(text, CAPTURED)).map((i) => [i.pod.metadata?.name, i.pod.status?.phase]);
    expect(names).toEqual([
      ['broker-0', 'Pending'],
      ['web-XXXXX', 'Pending'],
    ]);
    expect(await findingsOf(text).then((r) => r.map((x) => x.findings[0]?.rule))).toEqual(['pending-without-node', 'pending-without-node']);
  });

  it('a shell prompt in brackets before pod JSON is a paste, not a JSON array; a list item the page cut is left out', async () => {
    const text = [
      '[ops@jump ~]# kubectl get pod api-5d8c7b9f6-zx2lk -o json',
      '{',
      '  "kind": "Pod",',
      '  "apiVersion": "v1",',
      '  "metadata": {',
      '    "name": "api-5d8c7b9f6-zx2lk",',
      '    "namespace": "shop",',
      '    "deletionTimestamp": "2026-11-20T11:00:00Z",',
      '    "ownerReferences": [',
      '      {',
      '        "apiVersion": "apps/v1",',
    ].join('\n');
    const incident = await readOnePod(text, CAPTURED);
    expect(incident.pod.metadata?.ownerReferences).toEqual([]);
    expect(incident.missing).toContain('a list item of the pasted piece was cut short and left out');
    const [result] = await findingsOf(text);
    // The deletion is cited by its time, not by the yes it gives; the grace period was not in the piece.
    expect(result?.findings[0]?.evidence).toContainEqual({ source: 'metadata.deletionTimestamp', text: '2026-11-20T11:00:00Z (grace period not shown)' });
  });

  it('a scheduler message pasted in quotes is read as that event', async () => {
    expect(await rootCauseOf('"0/4 nodes are available: 4 Insufficient memory."\n')).toMatchObject({ cause: 'unschedulable' });
  });

  it('message lines grepped out of events JSON are read as the events they come from', async () => {
    const text = '    "message": "Failed to pull image \\"registry.local:5000/app:1.2\\": rpc error: code = Unknown desc = failed to resolve image: dial tcp 10.0.0.9:5000: i/o timeout",\n';
    expect(await rootCauseOf(text)).toMatchObject({ rule: 'image-registry-unreachable', cause: 'image-pull' });
  });

  it("an old kubelet's sync error that the network is not ready is a sandbox failure, also when the paste lost its space", async () => {
    for (const message of ['Error syncing pod, skipping: network is not ready: [runtime network not ready: NetworkReady=false]', 'Errorsyncing pod, skipping: network is not ready: [Kubenet does not have netConfig]']) {
      const text = `  1m  1m  4  {kubelet node-3}  Warning  FailedSync  ${message}\n`;
      expect(await rootCauseOf(text)).toMatchObject({ cause: 'sandbox-failure' });
    }
  });
});

describe('pods the API server refused to create', () => {
  it("a ReplicaSet's FailedCreate rows stand for the pod it could not make, and say what refused it", async () => {
    const text = [
      '$ kubectl get events -n ci',
      'LAST SEEN   TYPE      REASON         OBJECT                          MESSAGE',
      '2m          Warning   FailedCreate   replicaset/runner-7b9d8c6f5   Error creating: pods "runner-7b9d8c6f5-abcde" is forbidden: violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false (container "runner" must set securityContext.allowPrivilegeEscalation=false)',
    ].join('\n');
    const [result, ...rest] = await findingsOf(text);
    expect(rest).toEqual([]);
    expect(result?.incident.pod.metadata).toMatchObject({ name: 'runner-7b9d8c6f5-abcde', namespace: 'ci', ownerReferences: [{ kind: 'ReplicaSet', name: 'runner-7b9d8c6f5' }] });
    expect(result?.findings[0]).toMatchObject({ rule: 'pod-creation-refused', cause: 'other' });
    expect(result?.findings[0]?.title).toBe('ReplicaSet runner-7b9d8c6f5 cannot create its pod: the API server refuses it (pod-security)');
    expect(result?.incident.missing?.[0]).toMatch(/^the pod was never created: only the events of its ReplicaSet runner-7b9d8c6f5 show it/);
  });

  it.each([
    ['exceeded quota: team, requested: pods=1, used: pods=10, limited: pods=10', 'quota'],
    ['admission webhook "policy.example.com" denied the request: image tag latest not allowed', 'webhook'],
    ['maximum memory usage per Container is 1Gi, but limit is 2Gi', 'limit-range'],
    ['error looking up service account ci/builder: serviceaccount "builder" not found', 'service-account'],
    ['something nobody has seen before', 'other'],
  ])('names the refusal: %s', async (reason, kind) => {
    const text = `5s  Warning  FailedCreate  job/backup-29001  Error creating: pods "backup-29001-q2w3e" is forbidden: ${reason}\n`;
    const [result] = await findingsOf(text);
    expect(result?.findings[0]?.title).toContain(`(${kind})`);
  });

  it('stays out of the way when a pod of that controller is in the evidence', async () => {
    const text = [
      'LAST SEEN   TYPE      REASON         OBJECT                        MESSAGE',
      '2m          Warning   FailedCreate   replicaset/web-7b9d8c6f5      Error creating: pods "web-7b9d8c6f5-abcde" is forbidden: exceeded quota: q',
      '1m          Normal    Scheduled      pod/web-7b9d8c6f5-zzzzz       Successfully assigned shop/web-7b9d8c6f5-zzzzz to node-1',
      '1m          Normal    SuccessfulCreate  replicaset/web-7b9d8c6f5   Created pod: web-7b9d8c6f5-zzzzz',
    ].join('\n');
    const names = (await readPaste(text, CAPTURED)).map((i) => i.pod.metadata?.name);
    expect(names).toEqual(['web-7b9d8c6f5-zzzzz']);
  });
});

describe('pieces real tickets hold (set G round)', () => {
  it('reads get pods rows a person put in a Markdown table', async () => {
    const text = ['|NAME |   READY|   STATUS|   RESTARTS|   AGE|', '|---|---|---|---|---|', '|cache-0|     0/1|     CrashLoopBackOff|    4|          2m|'].join('\n');
    expect(await rootCauseOf(text)).toMatchObject({ pod: 'cache-0', cause: 'crashloop-unknown' });
  });

  it('reads a row of only NAME and a failing STATUS, inventing no readiness or restarts', async () => {
    const incident = await readOnePod('configmap-pod-1   CreateContainerConfigError \n', CAPTURED);
    expect(incident.pod.status?.containerStatuses).toEqual([{ name: '<container>', state: { waiting: { reason: 'CreateContainerConfigError' } } }]);
    const [result] = await findingsOf('two words   Running\n').catch(() => [undefined]);
    expect(result).toBeUndefined();
  });

  it("an init container in CrashLoopBackOff whose cause is unknown is the root, the pod stuck in Init its symptom", async () => {
    const text = 'mongo-0   0/1   Init:CrashLoopBackOff   194   16h\n';
    const [result] = await findingsOf(text);
    expect(result?.findings.map((f) => [f.rule, f.container, f.symptom])).toEqual([
      ['crashloop-backoff', '<init-container>', false],
      ['init-container-blocking', null, true],
    ]);
  });

  it('a Docker daemon error kubelet reports as Failed is read as that event', async () => {
    const incident = await readOnePod('     Error: Error response from daemon: No command specified\n', CAPTURED);
    expect(incident.events.map((e) => [e.reason, e.message])).toEqual([['Failed', 'Error: Error response from daemon: No command specified']]);
  });

  it('reads event rows whose count says (x3 from 1h), as some pages print it', async () => {
    const text = [
      'Events:',
      '  Type     Reason   Last             From     Message',
      '  ----     ------   ----             ----     -------',
      '  Warning  BackOff  1h (x3 from 1h)  kubelet  Back-off restarting failed container',
    ].join('\n');
    const incident = await readOnePod(text, CAPTURED);
    expect(incident.events.map((e) => [e.reason, e.count])).toEqual([['BackOff', 3]]);
  });
});

describe('pieces real tickets hold (set I)', () => {
  it('an event row pasted beside a probe line, with no Events: header, is that pod\'s event', async () => {
    const text = [
      '```',
      '    Startup:    http-get http://:8080/health delay=0s timeout=1s period=10s #success=1 #failure=30',
      '```',
      '```',
      '  Warning  Unhealthy  3m (x40 over 1h)  kubelet  Startup probe failed: Get "http://10.0.0.9:8080/health": dial tcp 10.0.0.9:8080: connect: connection refused',
      '```',
    ].join('\n');
    expect(await rootCauseOf(text)).toMatchObject({ cause: 'startup-probe' });
    const incident = await readOnePod(text, CAPTURED);
    expect(incident.missing?.join('\n')).not.toContain('not recognised');
    // Read as rows of a table without its header: the count and the ages are kept.
    expect(incident.events.map((e) => [e.count, e.firstTimestamp, e.lastTimestamp])).toEqual([[40, '2026-11-20T11:00:00.000Z', '2026-11-20T11:57:00.000Z']]);
  });
});

describe('rows that keep a message beside other columns', () => {
  it('custom-columns pod rows with no header (name, namespace, status, node, message) are read by their messages, each row its own', async () => {
    const text = [
      'api-6d5f7c-2kq9x     payments   Evicted   worker-7   The node was low on resource: memory. Container api was using 1843Mi, which exceeds its request of 512Mi. ',
      'cache-0              payments   Evicted   worker-7   The node was low on resource: memory. Container redis was using 903Mi, which exceeds its request of 256Mi. ',
    ].join('\n');
    const incident = await readOnePod(text, CAPTURED);
    expect(incident.events.map((e) => [e.reason, e.message.slice(0, 40)])).toEqual([
      ['Evicted', 'The node was low on resource: memory. Co'],
      ['Evicted', 'The node was low on resource: memory. Co'],
    ]);
    expect(await rootCauseOf(text)).toMatchObject({ cause: 'evicted', rule: 'evicted-memory' });
  });

  it('a column that is not the reason of the message does not make a row of prose', async () => {
    const text = 'we saw   Killing   then   The node was low on resource: memory.\n';
    await expect(readPaste(text, CAPTURED)).rejects.toThrow(/not kubectl output/);
  });
});

describe('text that opens with a bracket is not JSON', () => {
  it('a kernel log line ([seconds] ...) is read as text: alone it is not kubectl output, and says so rather than asking for objects', async () => {
    const text = '[540603.089879] audit: type=1400 apparmor="DENIED" operation="ptrace" comm="pgrep"\nWriting /etc/app/config.toml\n';
    await expect(readPaste(text, CAPTURED)).rejects.toThrow(/is not kubectl output podmortem can read/);
  });

  it('event rows after it are read', async () => {
    const text = [
      '[540603.089879] audit: type=1400 apparmor="DENIED" operation="ptrace" comm="pgrep"',
      '  Warning  Unhealthy  2m (x9 over 6m)  kubelet  Liveness probe failed: command "pgrep -f gitaly" timed out',
      '  Normal   Killing    2m (x3 over 6m)  kubelet  Container gitaly failed liveness probe, will be restarted',
    ].join('\n');
    expect(await rootCauseOf(`${text}\n`)).toMatchObject({ cause: 'liveness-probe' });
  });

  it('an array of kubectl objects still is', async () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-0', namespace: 'shop' }, status: { phase: 'Running' } };
    expect((await readOnePod(`[\n  ${JSON.stringify(pod)}\n]\n`, CAPTURED)).pod.metadata?.name).toBe('web-0');
  });
});

describe('pieces real tickets hold (set K round)', () => {
  it("reads a command after fish's prompt (a mark, the directory, the branch) and gives its log to the pod it names", async () => {
    const text = [
      '⋊> ~/src/shop on main ◦ kubectl get pods',
      'NAME                       READY   STATUS             RESTARTS     AGE',
      'api-7c9d8f6b5-x2kqp        0/1     CrashLoopBackOff   3 (20s ago)  2m',
      '⋊> ~/src/shop on main ◦ kubectl logs api-7c9d8f6b5-x2kqp',
      'exec /usr/local/bin/api: exec format error',
    ].join('\n');
    expect(await rootCauseOf(`${text}\n`)).toMatchObject({ pod: 'api-7c9d8f6b5-x2kqp', cause: 'arch-mismatch' });
  });

  it('a fence that closes a kubectl logs output ends it: event rows in the next block are events, not log lines', async () => {
    const text = [
      '```',
      '$ kubectl logs web-5d46dbd476-q4lkp',
      'Error from server (BadRequest): container "web" in pod "web-5d46dbd476-q4lkp" is waiting to start: ContainerCreating',
      '```',
      '```',
      '  Normal   Scheduled    29m                default-scheduler  Successfully assigned default/web-5d46dbd476-q4lkp to node-1',
      '  Warning  FailedMount  2m (x13 over 29m)  kubelet  MountVolume.SetUp failed for volume "conf" : configmap "web-conf" not found',
      '```',
    ].join('\n');
    const found = await findingsOf(`${text}\n`);
    expect(found.flatMap((f) => f.incident.logs.map((l) => l.current ?? l.previous ?? '')).join('\n')).not.toContain('FailedMount');
    const withEvents = found.find((f) => f.incident.events.some((e) => e.reason === 'FailedMount'));
    expect(withEvents?.findings[0]?.cause).toBe('mount-failure');
  });

  it('a fence opened right after the command still holds its output', async () => {
    const text = ['$ kubectl logs web-0', '```', 'exec /app/server: exec format error', '```'].join('\n');
    expect(await rootCauseOf(`${text}\n`)).toMatchObject({ pod: 'web-0', cause: 'arch-mismatch' });
  });

  it("the scheduler's plugin error of 1.17-1.19 is read alone, with the pod it names", async () => {
    const text = 'error while running "VolumeBinding" filter plugin for pod "db-0": pod has unbound immediate PersistentVolumeClaims\n';
    expect(await rootCauseOf(text)).toMatchObject({ pod: 'db-0', cause: 'unschedulable' });
    // As a cut paste shows it, without its first words.
    expect(await rootCauseOf(text.replace('error while ', ''))).toMatchObject({ pod: 'db-0', cause: 'unschedulable' });
  });
});

describe('pieces real tickets hold (set J round)', () => {
  it('`kubectl get pods -n NAMESPACE` names a namespace, not a pod called -n', async () => {
    const text = ['kubectl get pods -n payments', '```', '  Warning  BackOff  1m (x9 over 5m)  kubelet  Back-off restarting failed container api in pod api-0_payments(7f1c)', '```'].join('\n');
    const names = (await readPaste(`${text}\n`, CAPTURED)).map((i) => i.pod.metadata?.name);
    expect(names).not.toContain('-n');
  });

  it('a message a person introduces in their own words (`... in events - 0/3 nodes ...`) is read as that event', async () => {
    const text = 'I get this error in events - 0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 2 Insufficient memory.\n';
    expect(await rootCauseOf(text)).toMatchObject({ cause: 'unschedulable' });
  });

  it('a message quoted and put in bold across two lines is read whole, without the marks', async () => {
    const text = '"**Failed to pull image "registry.example/shop/cart:4.2": rpc error: code = Unknown desc = unauthorized: authentication required\nError syncing pod**"\n';
    const incident = await readOnePod(text, CAPTURED);
    expect(incident.events.map((e) => e.message)).toEqual(['Failed to pull image "registry.example/shop/cart:4.2": rpc error: code = Unknown desc = unauthorized: authentication required Error syncing pod']);
    expect(await rootCauseOf(text)).toMatchObject({ cause: 'image-pull' });
  });

  it("a Java exception with its frames, pasted alone, is a program's failing log (a signature of two lines)", async () => {
    const text = [
      '2024-08-13 03:09:09.432 ERROR 1 --- [           main] o.s.boot.SpringApplication               : Application startup failed',
      '',
      "org.springframework.beans.factory.BeanCreationException: Error creating bean with name 'orders': Could not resolve placeholder 'orders.queue'",
      '        at org.springframework.beans.factory.support.AbstractAutowireCapableBeanFactory.doCreateBean(AbstractAutowireCapableBeanFactory.java:543)',
    ].join('\n');
    expect(await rootCauseOf(`${text}\n`)).toMatchObject({ cause: 'app-error' });
  });

  it("Go's nil-pointer panic is the program's error (it exits 2), not a signal crash, also with a fence glued to its first line", async () => {
    const text = [
      '```panic: runtime error: invalid memory address or nil pointer dereference',
      '[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x1b5140d]',
      '',
      'goroutine 1538 [running]:',
      'example.com/operator/pkg/reconcile.(*Reconciler).configMap(0xc001669980)',
      '\t/src/pkg/reconcile/configmap.go:49 +0x18d',
      '```',
    ].join('\n');
    const found = await findingsOf(`${text}\n`);
    expect(found[0]?.findings[0]).toMatchObject({ cause: 'app-error' });
    expect(found[0]?.findings[0]?.title).toContain('panic: runtime error: invalid memory address or nil pointer dereference');
  });
});

describe('a description cut above its events', () => {
  const cut = [
    'Containers:',
    '  zookeeper:',
    '    Image:          zookeeper:3.8',
    '    State:          Running',
    '      Started:      Mon, 25 Sep 2023 11:20:49 +0200',
    '    Last State:     Terminated',
    '      Reason:       Error',
    '      Exit Code:    143',
    '      Started:      Mon, 25 Sep 2023 11:14:21 +0200',
    '      Finished:     Mon, 25 Sep 2023 11:20:49 +0200',
    '    Ready:          False',
    '    Restart Count:  41',
    '    Liveness:       exec [sh -c echo ruok | nc 127.0.0.1 2181 | grep imok] delay=10s timeout=5s period=10s #success=1 #failure=3',
  ];

  it('exit 143 and restarts with a liveness probe: most likely the probe, said as likely, since the events that would say are not shown', async () => {
    const [first] = await findingsOf(`${cut.join('\n')}\n`);
    const top = first?.findings[0];
    expect(top).toMatchObject({ rule: 'liveness-kill-probable', cause: 'liveness-probe' });
    expect(top?.title).toContain('most likely killed by its failing liveness probe');
    expect(first?.findings.map((f) => f.rule)).not.toContain('sigterm-exit');
  });

  it('with its events shown and no probe kill in them, the SIGTERM stays unexplained', async () => {
    const events = ['Events:', '  Type    Reason   Age   From     Message', '  ----    ------   ----  ----     -------', '  Normal  Pulled   5m    kubelet  Container image "zookeeper:3.8" already present on machine'];
    const [first] = await findingsOf(`${[...cut, ...events].join('\n')}\n`);
    expect(first?.findings.map((f) => f.rule)).not.toContain('liveness-kill-probable');
    expect(first?.findings[0]?.rule).toBe('sigterm-exit');
  });

  it('without a liveness probe it is not blamed on one', async () => {
    const [first] = await findingsOf(`${cut.slice(0, -1).join('\n')}\n`);
    expect(first?.findings.map((f) => f.rule)).not.toContain('liveness-kill-probable');
  });
});

describe('pieces real tickets hold (set L round)', () => {
  it('get pods rows without their header, glued onto one line by a page, are a row each', async () => {
    const text = 'web-59978bff4d-2qkgf 0/1 Evicted 0 14m api-74995bc7dd-nzlgq 0/1 Evicted 0 8m20s worker-7f977567d6-zl7cc 0/1 Evicted 0 8m17s\n';
    const found = await findingsOf(text);
    expect(found.map((f) => f.incident.pod.metadata?.name).sort()).toEqual(['api-74995bc7dd-nzlgq', 'web-59978bff4d-2qkgf', 'worker-7f977567d6-zl7cc']);
    expect(found.every((f) => f.findings[0]?.cause === 'evicted')).toBe(true);
  });

  it.each([
    ['The node had condition: [DiskPressure]. ', 'evicted-disk-pressure'],
    ['Usage of EmptyDir volume "cache" exceeds the limit "1Gi". ', 'evicted-ephemeral-storage'],
    ['Container api exceeded its local ephemeral storage limit "500Mi". ', 'evicted-ephemeral-storage'],
    ['Pod was active on the node longer than the specified deadline', 'deadline-exceeded'],
    ['Node is not ready', 'node-not-ready'],
  ])("kubelet's and the node controller's fixed text %j alone names its rule", async (message, rule) => {
    expect((await findingsOf(`${message}\n`))[0]?.findings[0]?.rule).toBe(rule);
  });

  it("kubelet's NetworkNotReady message alone is the pod waiting for the node's CNI", async () => {
    const text = 'network is not ready: container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized\n';
    expect(await rootCauseOf(text)).toMatchObject({ cause: 'sandbox-failure', rule: 'sandbox-creation-failure' });
  });
});

describe('a stop kubelet keeps retrying', () => {
  it("kubelet 1.9-1.13's `Need to kill Pod` repeated for hours is a pod stuck terminating, shown by its events alone", async () => {
    const row = 'Normal  Killing  39s (x735 over 15h)  kubelet, 10.0.3.7  Killing container with id docker://api:Need to kill Pod';
    const top = (await findingsOf(`${row}\n`))[0]?.findings[0];
    expect({ rule: top?.rule, cause: top?.cause }).toEqual({ rule: 'stop-keeps-retrying', cause: 'other' });
    expect(top?.title).toMatch(/^kubelet has been trying to stop the pod's containers for 14h \(735 attempts\)/);
  });

  it('one stop, or stops a few minutes apart, is a deletion going as it should', async () => {
    const once = 'Normal  Killing  2m  kubelet  Stopping container api';
    expect((await findingsOf(`${once}\n`))[0]?.findings.map((f) => f.rule)).not.toContain('stop-keeps-retrying');
    const twice = 'Normal  Killing  2m (x2 over 3m)  kubelet  Stopping container api';
    expect((await findingsOf(`${twice}\n`))[0]?.findings.map((f) => f.rule)).not.toContain('stop-keeps-retrying');
  });
});

describe('pieces real tickets hold (set M round)', () => {
  it("reads a command after oh-my-zsh's arrow (with conda's env before it) and the k alias with a flag before its verb", async () => {
    const text = ['(base) ➜  ~ k -n gitea logs  gitea-66fb985648-khrzk  -c init-directories', '+ mkdir -p /data/git/.ssh', "mkdir: can't create directory '/data/git/': Permission denied"].join('\n');
    expect(await rootCauseOf(`${text}\n`)).toMatchObject({ pod: 'gitea-66fb985648-khrzk', container: 'init-directories', cause: 'app-error' });
  });

  it('a piece of a description that names no pod and shows no container, beside kubectl logs POD -c C: one pod, named by the logs line, its container known from it', async () => {
    const text = [
      '```',
      '$ kubectl -n git logs gitea-7c9d8f6b5-x2kqp -c init-directories',
      "mkdir: can't create directory '/data/git/': Permission denied",
      '```',
      '```',
      'Volumes:',
      '  config:',
      '    Type:        Secret (a volume populated by a Secret)',
      '    SecretName:  gitea',
      '    Optional:    false',
      '```',
    ].join('\n');
    const incident = await readOnePod(`${text}\n`, CAPTURED);
    expect(incident.pod.metadata?.name).toBe('gitea-7c9d8f6b5-x2kqp');
    expect(incident.missing?.join('\n')).toContain('it was read as gitea-7c9d8f6b5-x2kqp, the pod the kubectl logs command names');
    expect(incident.missing?.join('\n')).toContain('container init-directories is known from the kubectl logs line that names it');
    expect(await rootCauseOf(`${text}\n`)).toMatchObject({ container: 'init-directories', cause: 'app-error' });
  });

  it("Go's standard log lines (2016/09/27 10:24:58 [I] ...) are a program's output, not a person's words", async () => {
    const text = ['panic: open gogs.rsa: permission denied', '', 'goroutine 1 [running]:', 'main.main()', '2016/09/27 10:24:58 [I] Gogs: Go Git Service 0.9.97.0926', "2016/09/27 10:24:58 [E] Fail to set git user.email(exit status 255)"].join('\n');
    expect((await findingsOf(`${text}\n`))[0]?.findings[0]?.cause).toBe('app-error');
  });
});

describe('a stop retried more times than a call can take arguments', () => {
  it('200,000 stop events of one pod give the span, not a stack overflow', async () => {
    const events = Array.from({ length: 200_000 }, (_, i) => podEvent('Killing', 'Stopping container app', { type: 'Normal', secondsAgo: 7200 - (i % 3600) }));
    const incident = makeIncident({ pod: makePod({ metadata: { deletionTimestamp: new Date('2026-11-25T10:00:00Z') } }), events });
    expect(computeFacts(incident).values.stopRetrySeconds).toBe(3599);
  });
});

describe('a paste that does not say when it was taken', () => {
  // A describe cut after Restart Count, with absolute times only: nothing says how long after the start it was printed.
  const describe = [
    'Name:         search-ui-7c9d8f6b5-q2w4e',
    'Namespace:    default',
    'Start Time:   Tue, 17 Nov 2026 10:46:50 +0100',
    'Status:       Running',
    'Containers:',
    '  ui:',
    '    Image:          registry.example.com/search-ui:3.1',
    '    State:          Running',
    '      Started:      Tue, 17 Nov 2026 10:46:51 +0100',
    '    Ready:          False',
    '    Restart Count:  0',
  ].join('\n');

  it('a container started at the latest time it shows has run for an unknown time, not none: not ready is reported, and says so', async () => {
    const incident = await readOnePod(describe);
    expect(incident.source.capturedAtInferred).toBe(true);
    const top = (await (await builtInDiagnoser()).diagnose(incident)).findings[0];
    expect(top).toMatchObject({ rule: 'container-not-ready', cause: 'readiness-probe', title: 'container ui runs and is not ready; the evidence does not show for how long' });
  });

  it('with the capture time given, a container not ready for seconds is still starting', async () => {
    const incident = await readOnePod(describe, '2026-11-17T09:47:20Z');
    expect(incident.source.capturedAtInferred).toBeUndefined();
    expect((await (await builtInDiagnoser()).diagnose(incident)).findings).toEqual([]);
  });

  it("a get pods row of the same pod dates the paste: its AGE after the pod's Start Time", async () => {
    const withRow = ['NAME                        READY   STATUS    RESTARTS   AGE', 'search-ui-7c9d8f6b5-q2w4e   0/1     Running   0          3m28s', describe].join('\n');
    const incident = await readOnePod(withRow);
    expect(incident.source).toMatchObject({ capturedAt: '2026-11-17T09:50:18.000Z' });
    expect(incident.source.capturedAtInferred).toBeUndefined();
    expect(incident.missing?.join('\n')).toContain("it was read as 2026-11-17T09:50:18.000Z, the pod's AGE in its get pods row after its Start Time");
    // Three and a half minutes is within what a start may take: no finding, but no claim of health either.
    expect((await (await builtInDiagnoser()).diagnose(incident)).findings).toEqual([]);
    const older = await readOnePod(withRow.replace('3m28s', '47m'));
    expect((await (await builtInDiagnoser()).diagnose(older)).findings[0]).toMatchObject({ rule: 'container-not-ready', title: 'container ui has run 46m and is still not ready' });
  });
});
