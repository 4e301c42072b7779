import { describe, expect, it } from 'vitest';
import type { Incident } from '../src/model/incident.js';
import { builtInDiagnoser } from './helpers.js';
import { ago, makeIncident, makeNode, makePod, podEvent } from './build-incident.js';

async function rulesFor(incident: Incident): Promise<string[]> {
  const diagnosis = await (await builtInDiagnoser()).diagnose(incident);
  return diagnosis.findings.map((f) => f.rule);
}

async function rootCause(incident: Incident) {
  return (await (await builtInDiagnoser()).diagnose(incident)).findings[0];
}

const bound = { nodeName: 'node-a', containers: [{ name: 'app', image: 'registry.example.com/web:1.0' }] };
const controlPlaneOnly =
  '0/1 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling..';

describe('scheduling rules', () => {
  it('names the control-plane taint and advises removing it on a control-plane-only cluster', async () => {
    const finding = await rootCause(
      makeIncident({ pod: makePod({ status: { phase: 'Pending' } }), events: [podEvent('FailedScheduling', controlPlaneOnly, { source: 'default-scheduler' })] }),
    );
    expect(finding?.rule).toBe('unschedulable-taint');
    expect(finding?.title).toContain('node-role.kubernetes.io/control-plane');
    expect(finding?.remediation.map((s) => s.command)).toContain('kubectl taint nodes --all node-role.kubernetes.io/control-plane:NoSchedule-');
  });

  it('does not call unnamed taints control-plane taints', async () => {
    // As kube-scheduler v1.34 wrote it while the test node still had node.kubernetes.io/not-ready.
    const unnamed =
      '0/1 nodes are available: 1 node(s) had untolerated taint(s). no new claims to deallocate, preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.';
    const finding = await rootCause(
      makeIncident({ pod: makePod({ status: { phase: 'Pending' } }), events: [podEvent('FailedScheduling', unnamed, { source: 'default-scheduler' })] }),
    );
    expect(finding?.rule).toBe('unschedulable-taint');
    const advice = finding?.remediation.map((s) => `${s.text} ${s.command ?? ''}`).join('\n') ?? '';
    expect(advice).not.toMatch(/control-plane/);
    expect(advice).toContain('kubectl get nodes -o custom-columns=NAME:.metadata.name,TAINTS:.spec.taints');
  });

  it('says nothing about scheduling once the pod was placed after earlier failures', async () => {
    const rules = await rulesFor(
      makeIncident({
        pod: makePod({ spec: bound, status: { phase: 'Running', conditions: [{ type: 'PodScheduled', status: 'True' }] } }),
        events: [
          podEvent('FailedScheduling', controlPlaneOnly, { secondsAgo: 900 }),
          podEvent('Scheduled', 'Successfully assigned default/web-0 to node-a', { secondsAgo: 600, type: 'Normal' }),
        ],
      }),
    );
    expect(rules.filter((r) => r.startsWith('unschedulable'))).toEqual([]);
  });

  it('shows every reason with its node count in one finding', async () => {
    const message = "0/6 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu, 3 node(s) didn't match Pod's node affinity/selector.";
    const diagnosis = await (await builtInDiagnoser()).diagnose(
      makeIncident({ pod: makePod({ status: { phase: 'Pending' } }), events: [podEvent('FailedScheduling', message)] }),
    );
    expect(diagnosis.findings.map((f) => f.rule)).toEqual(['unschedulable-insufficient-resources']);
    expect(diagnosis.findings[0]?.explanation).toContain(
      "1 node had untolerated taint {node-role.kubernetes.io/control-plane: }, Insufficient cpu on 2 nodes, 3 nodes didn't match Pod's node affinity/selector",
    );
  });

  it('still reports an Unschedulable condition that carries no message', async () => {
    const pod = makePod({ status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }] } });
    expect(await rulesFor(makeIncident({ pod }))).toEqual(['unschedulable']);
    const gated = makePod({ status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] } });
    expect(await rulesFor(makeIncident({ pod: gated }))).toEqual([]);
  });

  it('falls back to the generic rule for reasons no specific rule covers', async () => {
    const message = "0/3 nodes are available: 3 node(s) didn't have free ports for the requested pod ports.";
    expect(await rulesFor(makeIncident({ pod: makePod({ status: { phase: 'Pending' } }), events: [podEvent('FailedScheduling', message)] }))).toEqual(['unschedulable']);
  });
});

describe('eviction rules', () => {
  const evicted = (message: string) =>
    makeIncident({ pod: makePod({ spec: bound, status: { phase: 'Failed', reason: 'Evicted', message } }) });

  it('tells a memory eviction from a storage-limit one', async () => {
    expect(await rulesFor(evicted('The node was low on resource: memory. Threshold quantity: 100Mi, available: 52Mi. Container app was using 1.2Gi, request is 256Mi, has larger consumption of memory. '))).toEqual(['evicted-memory']);
    expect(await rulesFor(evicted('Container app exceeded its local ephemeral storage limit "1Gi". '))).toEqual(['evicted-ephemeral-storage']);
    expect(await rulesFor(evicted('The node was low on resource: pids. Threshold quantity: 1000, available: 400. '))).toEqual(['evicted']);
  });

  it('warns about node pressure only while the pod still runs there', async () => {
    const node = makeNode('node-a', { Ready: 'True', DiskPressure: 'True' });
    expect(await rulesFor(makeIncident({ pod: makePod({ spec: bound }), node }))).toEqual(['node-pressure']);
    const evictedThere = makeIncident({
      pod: makePod({ spec: bound, status: { phase: 'Failed', reason: 'Evicted', message: 'The node was low on resource: ephemeral-storage. ' } }),
      node,
    });
    expect(await rulesFor(evictedThere)).toEqual(['evicted-disk-pressure']);
  });
});

describe('terminating and node rules', () => {
  const deleted = (secondsAgo: number, finalizers?: string[]) =>
    makePod({
      metadata: { deletionTimestamp: new Date(ago(secondsAgo)), deletionGracePeriodSeconds: 30, ...(finalizers ? { finalizers } : {}) },
      spec: bound,
    });

  it('names the finalizer holding a deleted pod, but not within the grace period', async () => {
    const finding = await rootCause(makeIncident({ pod: deleted(7200, ['example.com/cleanup']) }));
    expect(finding?.rule).toBe('stuck-terminating-finalizers');
    expect(finding?.title).toContain('example.com/cleanup');
    expect(await rulesFor(makeIncident({ pod: deleted(-20, ['example.com/cleanup']) }))).toEqual([]);
  });

  it('blames the node, not a stuck kubelet, when a deleted pod sits on a node that is down', async () => {
    expect(await rulesFor(makeIncident({ pod: deleted(1800), node: makeNode('node-a', { Ready: 'True' }) }))).toEqual(['stuck-terminating']);
    expect(await rulesFor(makeIncident({ pod: deleted(1800), node: makeNode('node-a', { Ready: 'Unknown' }) }))).toEqual(['node-not-ready']);
  });

  it('says the node\'s Ready condition when a deleted pod is stuck on a node that is up', async () => {
    const finding = await rootCause(makeIncident({ pod: deleted(1800), node: makeNode('node-a', { Ready: 'True' }) }));
    expect(finding?.rule).toBe('stuck-terminating');
    expect(finding?.explanation).toContain(' Node Ready condition: True.');
  });

  it('blames the node for containers kubelet lost, but not for those of a pod it evicted', async () => {
    const lost = { name: 'app', image: 'web', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode: 137, reason: 'ContainerStatusUnknown', message: 'The container could not be located when the pod was terminated' } } };
    const failed = makePod({ spec: bound, status: { phase: 'Failed', containerStatuses: [lost] } });
    expect(await rulesFor(makeIncident({ pod: failed, node: makeNode('node-a', { Ready: 'True' }) }))).toEqual(['node-not-ready']);
    const evicted = makePod({ spec: bound, status: { phase: 'Failed', reason: 'Evicted', message: 'The node was low on resource: memory. ', containerStatuses: [lost] } });
    expect(await rulesFor(makeIncident({ pod: evicted }))).toEqual(['evicted-memory']);
  });

  it('reports preemption as a warning about a full cluster', async () => {
    const preempted = makePod({
      metadata: { deletionTimestamp: new Date(ago(-25)), deletionGracePeriodSeconds: 30 },
      spec: { ...bound, priority: 0 },
      status: { phase: 'Running', conditions: [{ type: 'DisruptionTarget', status: 'True', reason: 'PreemptionByScheduler', message: 'Kubernetes default scheduler: preempting to accommodate a higher priority pod' }] },
    });
    const event = podEvent('Preempted', 'Preempted by pod 6f1c2d3e-aaaa-bbbb-cccc-0123456789ab on node node-a', { type: 'Normal', source: 'default-scheduler' });
    const finding = await rootCause(makeIncident({ pod: preempted, events: [event] }));
    expect([finding?.rule, finding?.severity, finding?.cause]).toEqual(['preempted', 'warning', 'evicted']);
  });

  it('does not blame a node that is Ready again for an old NodeNotReady event', async () => {
    const event = podEvent('NodeNotReady', 'Node is not ready', { source: 'node-controller', secondsAgo: 3000 });
    // Without any container state, the old warning is still worth an info line, but no blame.
    expect(await rulesFor(makeIncident({ pod: makePod({ spec: bound }), events: [event], node: makeNode('node-a', { Ready: 'True' }) }))).toEqual(['earlier-failures']);
  });
});

describe('volume, sandbox, deadline and failed-pod rules', () => {
  const creating = makePod({ spec: bound, status: { phase: 'Pending', containerStatuses: [{ name: 'app', image: 'web', imageID: '', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }] } });
  const timeout = podEvent('FailedMount', 'Unable to attach or mount volumes: unmounted volumes=[data], unattached volumes=[], failed to process volumes=[]: timed out waiting for the condition', { count: 4 });

  it('names a missing object over the mount timeout that follows it', async () => {
    expect(await rulesFor(makeIncident({ pod: creating, events: [timeout] }))).toEqual(['volume-mount-failure']);
    const missing = podEvent('FailedMount', 'MountVolume.SetUp failed for volume "data" : configmap "settings" not found', { count: 8 });
    const finding = await rootCause(makeIncident({ pod: creating, events: [missing, timeout] }));
    expect(finding?.rule).toBe('mount-missing-object');
    expect(finding?.title).toBe('Volume data cannot mount: configmap/settings does not exist');
    expect(await rulesFor(makeIncident({ pod: creating, events: [missing, timeout] }))).not.toContain('volume-mount-failure');
  });

  it('forgets mount and sandbox failures the pod got past', async () => {
    const running = makePod({ spec: bound, status: { phase: 'Running', containerStatuses: [{ name: 'app', image: 'web', imageID: '', ready: true, restartCount: 0, state: { running: {} } }] } });
    const sandbox = podEvent('FailedCreatePodSandBox', 'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "ab": plugin type="calico" failed (add): boom', { secondsAgo: 900 });
    expect(await rulesFor(makeIncident({ pod: running, events: [timeout, sandbox] }))).toEqual([]);
    const started = podEvent('Started', 'Started container app', { secondsAgo: 30, type: 'Normal' });
    expect(await rulesFor(makeIncident({ pod: makePod({ spec: bound, status: { phase: 'Succeeded' } }), events: [timeout, started] }))).toEqual([]);
  });

  it('forgets a mount failure once kubelet went on to the containers, although none started', async () => {
    // As a real v1.34 kubelet records it (fixtures/recorded/image-never-pull-missing): the token
    // volume's ConfigMap was not synced yet, the next try mounted it, then the image was missing.
    const notSynced = podEvent('FailedMount', 'MountVolume.SetUp failed for volume "kube-api-access-pm8p2" : failed to sync configmap cache: timed out waiting for the condition', { secondsAgo: 60 });
    const neverPull = podEvent('ErrImageNeverPull', 'Container image "podmortem.test/not-built:1" is not present with pull policy of Never', { secondsAgo: 5, count: 5 });
    const waiting = makePod({
      spec: bound,
      status: { phase: 'Pending', containerStatuses: [{ name: 'app', image: 'podmortem.test/not-built:1', imageID: '', ready: false, restartCount: 0, state: { waiting: { reason: 'ErrImageNeverPull' } } }] },
    });
    const rules = await rulesFor(makeIncident({ pod: waiting, events: [notSynced, neverPull] }));
    expect(rules).not.toContain('volume-mount-failure');
    expect(rules).toContain('image-never-pull');
    // Still ContainerCreating with nothing after the failure: the mount is what holds the pod.
    expect(await rulesFor(makeIncident({ pod: creating, events: [notSynced] }))).toEqual(['volume-mount-failure']);
  });

  it('reports a sandbox failure as the cause of ContainerCreating, with advice for its class', async () => {
    const notReady = podEvent('NetworkNotReady', 'network is not ready: container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized', { count: 6 });
    const finding = await rootCause(makeIncident({ pod: creating, events: [notReady] }));
    expect(finding?.rule).toBe('sandbox-creation-failure');
    expect(finding?.remediation[0]?.text).toMatch(/CNI plugin .* is not running or not healthy on node-a/);
  });

  it('explains DeadlineExceeded, not a running pod that merely has a deadline', async () => {
    const stopped = makePod({ spec: { ...bound, activeDeadlineSeconds: 600 }, status: { phase: 'Failed', reason: 'DeadlineExceeded', message: 'Pod was active on the node longer than the specified deadline' } });
    expect(await rulesFor(makeIncident({ pod: stopped }))).toEqual(['deadline-exceeded']);
    expect(await rulesFor(makeIncident({ pod: makePod({ spec: { ...bound, activeDeadlineSeconds: 600 } }) }))).toEqual([]);
  });

  it('says a Failed pod failed when nothing else explains it, and stays quiet when a container does', async () => {
    const unexplained = makePod({ spec: bound, status: { phase: 'Failed' } });
    expect(await rulesFor(makeIncident({ pod: unexplained }))).toEqual(['pod-failed-unknown']);
    const shutdown = makePod({ spec: bound, status: { phase: 'Failed', reason: 'Terminated', message: 'Pod was terminated in response to imminent node shutdown.' } });
    expect(await rulesFor(makeIncident({ pod: shutdown }))).toEqual(['node-shutdown']);
    const crashed = makePod({
      spec: { ...bound, restartPolicy: 'Never' },
      status: { phase: 'Failed', containerStatuses: [{ name: 'app', image: 'web', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode: 1, reason: 'Error' } } }] },
    });
    expect(await rulesFor(makeIncident({ pod: crashed }))).not.toContain('pod-failed-unknown');
  });

  it('explains a kubelet admission rejection instead of a generic failure', async () => {
    const rejected = makePod({ spec: bound, status: { phase: 'Failed', reason: 'OutOfcpu', message: 'Pod Node didn\'t have enough resource: cpu, requested: 2000, used: 3500, capacity: 4000' } });
    expect(await rulesFor(makeIncident({ pod: rejected }))).toEqual(['node-admission-rejected']);
  });
});
