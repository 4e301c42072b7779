import { describe, expect, it } from 'vitest';
import { readOnePod, readPaste } from './support/read-paste.js';

const CAPTURED = '2026-11-20T12:00:00Z';
const at = (secondsBefore: number) => new Date(Date.parse(CAPTURED) - secondsBefore * 1000).toISOString();

const MODERN = `Name:         web-0
Namespace:    shop
Events:
  Type     Reason     Age                  From               Message
  ----     ------     ----                 ----               -------
  Normal   Scheduled  2h                   default-scheduler  Successfully assigned shop/web-0 to node-1
  Normal   Pulled     9m44s (x41 over 2h)  kubelet            Container image "nginx:1.27" already present on machine
  Warning  BackOff    4s (x520 over 2h)    kubelet            Back-off restarting failed container web in pod web-0_shop(5f1e7a2c-3b9d-4c8e-a6f0-1d2e3f4a5b6c)
  Warning  Failed     <unknown>            kubelet            Error: failed to create containerd task: failed to create shim task: OCI runtime create failed:
runc create failed: unable to start container process: exec: "serve": executable file not found in $PATH
  Normal   Killing    10s                  kubelet            Stopping container web
`;

describe('the events table of kubectl describe pod', () => {
  it('reads type, reason, source and message, about the described pod', async () => {
    const { events } = await readOnePod(MODERN, CAPTURED);
    // Oldest first by last occurrence; an event of unknown age cannot be placed and goes first.
    expect(events.map((e) => [e.type, e.reason, e.source])).toEqual([
      ['Warning', 'Failed', 'kubelet'],
      ['Normal', 'Scheduled', 'default-scheduler'],
      ['Normal', 'Pulled', 'kubelet'],
      ['Normal', 'Killing', 'kubelet'],
      ['Warning', 'BackOff', 'kubelet'],
    ]);
    expect(events.every((e) => e.involvedObject.kind === 'Pod' && e.involvedObject.name === 'web-0' && e.involvedObject.namespace === 'shop')).toBe(true);
  });

  it('turns ages and (xN over SPAN) into counts and times before the capture', async () => {
    const { events } = await readOnePod(MODERN, CAPTURED);
    const pulled = events.find((e) => e.reason === 'Pulled');
    expect(pulled).toMatchObject({ count: 41, firstTimestamp: at(7200), lastTimestamp: at(584) });
    expect(events.find((e) => e.reason === 'Scheduled')).toMatchObject({ count: 1, firstTimestamp: at(7200), lastTimestamp: at(7200) });
    expect(events.find((e) => e.reason === 'BackOff')?.count).toBe(520);
  });

  it('joins a message wrapped onto the next line and keeps <unknown> ages unknown', async () => {
    const failed = (await readOnePod(MODERN, CAPTURED)).events.find((e) => e.reason === 'Failed');
    expect(failed?.message).toBe(
      'Error: failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "serve": executable file not found in $PATH',
    );
    expect(failed?.firstTimestamp).toBeNull();
  });

  it('counts ages back from now without --captured-at, and says so', async () => {
    const before = Date.now();
    const incident = await readOnePod('Events:\n  Type Reason Age From Message\n  Warning FailedScheduling 30s default-scheduler 0/3 nodes are available: 3 Insufficient cpu.\n');
    const last = Date.parse(incident.events[0]?.lastTimestamp ?? '');
    expect(last).toBeGreaterThanOrEqual(before - 31_000);
    expect(last).toBeLessThanOrEqual(Date.now() - 29_000);
    expect(incident.missing).toContainEqual(expect.stringMatching(/ages were counted back from now/));
  });

  it('pins the capture time to the Start Time when the Scheduled event shows its age', async () => {
    const text = 'Name: web-0\nNamespace: shop\nStart Time: Fri, 20 Nov 2026 09:00:00 +0000\nStatus: Pending\nEvents:\n  Type Reason Age From Message\n  Normal Scheduled 5m default-scheduler Successfully assigned shop/web-0 to node-1\n  Warning Failed 1m kubelet Error: ImagePullBackOff\n';
    const incident = await readOnePod(text);
    expect(incident.source.capturedAt).toBe('2026-11-20T09:05:00.000Z');
    expect(incident.events.at(-1)?.lastTimestamp).toBe('2026-11-20T09:04:00.000Z');
    expect(incident.missing ?? []).not.toContainEqual(expect.stringMatching(/counted back from now/));
  });

  it('pins the capture time to a container start when its last start event shows its age', async () => {
    const text = 'Name: web-0\nNamespace: shop\nContainers:\n  web:\n    Image: nginx\n    State: Running\n      Started: Sun, 09 Aug 2020 12:17:29 +0530\n    Restart Count: 19\nEvents:\n  Type Reason Age From Message\n  Warning BackOff 7m40s (x53 over 23h) kubelet Back-off restarting failed container\n  Normal Pulled 7m26s (x17 over 23h) kubelet Container image "nginx" already present on machine\n';
    const incident = await readOnePod(text);
    expect(incident.source.capturedAt).toBe('2020-08-09T06:54:55.000Z');
  });

  it('counts ages back from the latest time an old paste shows when nothing pins the capture', async () => {
    const text = 'Name: web-0\nNamespace: shop\nContainers:\n  web:\n    State: Waiting\n      Reason: CrashLoopBackOff\n    Last State: Terminated\n      Exit Code: 1\n      Started: Sun, 09 Aug 2020 12:12:19 +0000\n      Finished: Sun, 09 Aug 2020 12:16:06 +0000\nEvents:\n  Type Reason Age From Message\n  Warning BackOff 30s (x5 over 10m) kubelet Back-off restarting failed container\n';
    const incident = await readOnePod(text);
    expect(incident.source.capturedAt).toBe('2020-08-09T12:16:06.000Z');
    expect(incident.missing).toContainEqual(expect.stringMatching(/counted back from the latest time it shows, 2020-08-09T12:16:06.000Z/));
  });

  it('reads the 1.1x layout: FirstSeen LastSeen Count From SubObjectPath Type Reason Message', async () => {
    const text = `Events:
  FirstSeen	LastSeen	Count	From			SubObjectPath		Type		Reason		Message
  ---------	--------	-----	----			-------------		--------	------		-------
  12m		12m		1	{default-scheduler }				Normal		Scheduled	Successfully assigned web-0 to node-1
  12m		1m		9	{kubelet node-1}	spec.containers{web}	Warning		Failed		Failed to pull image "nginx:1.99": manifest unknown
`;
    const { events, pod } = await readOnePod(text, CAPTURED);
    expect(pod.metadata?.name).toBe('web-0');
    expect(pod.spec?.nodeName).toBe('node-1');
    expect(events[1]).toMatchObject({
      type: 'Warning',
      reason: 'Failed',
      count: 9,
      source: 'kubelet',
      host: 'node-1',
      firstTimestamp: at(720),
      lastTimestamp: at(60),
      involvedObject: { fieldPath: 'spec.containers{web}' },
    });
    expect(pod.spec?.containers).toEqual([{ name: 'web', image: 'nginx:1.99' }]);
  });

  it('reads the oldest layout without a Type column, typing known warnings', async () => {
    const text = 'Events:\n  FirstSeen LastSeen Count From SubobjectPath Reason Message\n  1m 1m 1 {kubelet node-1} spec.containers{web} BackOff Back-off restarting failed container\n';
    const [event] = (await readOnePod(text, CAPTURED)).events;
    expect(event).toMatchObject({ type: 'Warning', reason: 'BackOff', message: 'Back-off restarting failed container' });
  });

  it('reads a row pasted without its header', async () => {
    const text = ' Warning  FailedScheduling  61s (x2 over 6m23s)  default-scheduler  0/1 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }.\n';
    const [event] = (await readOnePod(text, CAPTURED)).events;
    expect(event).toMatchObject({ reason: 'FailedScheduling', count: 2, firstTimestamp: at(383), lastTimestamp: at(61) });
  });
});

describe('kubectl get events tables', () => {
  it('reads LAST SEEN TYPE REASON OBJECT MESSAGE and gives each pod named only there a stand-in', async () => {
    const text = `LAST SEEN   TYPE      REASON             OBJECT                   MESSAGE
5m          Normal    Scheduled          pod/api-0                Successfully assigned shop/api-0 to node-1
2m          Warning   BackOff            pod/api-0                Back-off restarting failed container api in pod api-0_shop(uid)
90s         Warning   FailedScheduling   pod/worker-1             0/3 nodes are available: 3 Insufficient memory.
10m         Normal    ScalingReplicaSet  deployment/api           Scaled up replica set api-5c8d to 1
`;
    const incidents = await readPaste(text, CAPTURED);
    expect(incidents.map((i) => i.pod.metadata?.name)).toEqual(['api-0', 'worker-1']);
    expect(incidents[0]?.pod.spec?.containers.map((c) => c.name)).toEqual(['api']);
    expect(incidents[0]?.events.map((e) => e.reason)).toEqual(['Scheduled', 'BackOff']);
    expect(incidents[0]?.missing).toContainEqual(expect.stringMatching(/only events were pasted/));
  });

  it('takes a pod\'s namespace from kubelet\'s message when the rows name none, for all of its rows', async () => {
    const text = `LAST SEEN   TYPE      REASON    OBJECT        MESSAGE
3m          Normal    Pulled    pod/batch-7   Container image "alpine:3.19" already present on machine
1m          Warning   BackOff   pod/batch-7   Back-off restarting failed container loader in pod batch-7_etl(0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0)
`;
    const incidents = await readPaste(text, CAPTURED);
    expect(incidents).toHaveLength(1);
    expect(incidents[0]?.pod.metadata).toMatchObject({ name: 'batch-7', namespace: 'etl' });
    expect(incidents[0]?.events.map((e) => [e.reason, e.involvedObject.namespace])).toEqual([['Pulled', 'etl'], ['BackOff', 'etl']]);
  });

  it('reads kubectl events with series ages and the -A namespace column', async () => {
    const text = `NAMESPACE   LAST SEEN            TYPE      REASON    OBJECT      MESSAGE
shop        2m (x4 over 10m)     Warning   Unhealthy pod/api-0   Liveness probe failed: HTTP probe failed with statuscode: 500
`;
    const [incident] = await readPaste(text, CAPTURED);
    expect(incident?.pod.metadata).toMatchObject({ name: 'api-0', namespace: 'shop' });
    expect(incident?.events[0]).toMatchObject({ count: 4, firstTimestamp: at(600), lastTimestamp: at(120) });
  });

  it('reads the 1.1x wide layout with a NAME and KIND column', async () => {
    const text = `LASTSEEN   FIRSTSEEN   COUNT     NAME      KIND      SUBOBJECT               TYPE      REASON    SOURCE            MESSAGE
1m         10m         7         api-0     Pod       spec.containers{api}    Warning   Failed    kubelet, node-1   Error: secret "db" not found
`;
    const [incident] = await readPaste(text, CAPTURED);
    expect(incident?.pod.metadata?.name).toBe('api-0');
    expect(incident?.events[0]).toMatchObject({ count: 7, source: 'kubelet', host: 'node-1', involvedObject: { fieldPath: 'spec.containers{api}' } });
  });

  it('gives way to the real pod when it comes from another input', async () => {
    const { loadReplay } = await import('../src/sources/load-replay.js');
    const { writeFile, mkdtemp } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = await mkdtemp(join(tmpdir(), 'podmortem-events-'));
    await writeFile(join(dir, 'events.txt'), 'LAST SEEN   TYPE      REASON    OBJECT      MESSAGE\n2m          Warning   BackOff   pod/api-0   Back-off restarting failed container api in pod api-0_shop(uid)\n');
    await writeFile(join(dir, 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api-0\n  namespace: shop\nspec:\n  containers:\n  - name: api\n    image: api:1\n');
    const input = await loadReplay([dir], { capturedAt: CAPTURED });
    expect(input.incidents).toHaveLength(1);
    expect(input.incidents[0]?.pod.spec?.containers[0]?.image).toBe('api:1');
    expect(input.incidents[0]?.events.map((e) => e.reason)).toEqual(['BackOff']);
  });
});
