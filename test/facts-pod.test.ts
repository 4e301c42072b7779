import { describe, expect, it } from 'vitest';
import {
  classifySchedulingMessage,
  describeReason,
  insufficientResources,
  parseSchedulingMessage,
  primarySchedulingProblem,
  taintsIn,
} from '../src/facts/classify-scheduling.js';
import { classifyEviction, ephemeralStorageOverrun, evictionThreshold, evictionUsage } from '../src/facts/classify-eviction.js';
import { classifyAttachFailure, classifyMountFailure, podsHoldingVolume } from '../src/facts/classify-volume.js';
import { classifySandboxFailure, cniPluginNamedIn } from '../src/facts/classify-sandbox.js';
import { computeFacts } from '../src/facts/compute.js';
import { ago, makeIncident, makeNode, makePod, podEvent } from './build-incident.js';
import { builtInDiagnoser } from './helpers.js';

const primary = (message: string) => primarySchedulingProblem(parseSchedulingMessage(message));

describe('scheduler messages', () => {
  it('splits a current message into reasons with node counts and ignores the preemption part', () => {
    const failure = parseSchedulingMessage(
      '0/5 nodes are available: 2 Insufficient cpu, 3 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/5 nodes are available: 2 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling.',
    );
    expect(failure?.totalNodes).toBe(5);
    expect(failure?.reasons).toEqual([
      { problem: 'insufficient-cpu', text: 'Insufficient cpu', nodes: 2 },
      { problem: 'untolerated-taint', text: 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }', nodes: 3 },
    ]);
  });

  it('leaves out the post-filter message a v1.34 scheduler writes before the preemption part', () => {
    // Recorded from kube-scheduler v1.34.4 (fixtures/recorded/unschedulable-cpu).
    const failure = parseSchedulingMessage(
      '0/1 nodes are available: 1 Insufficient cpu. no new claims to deallocate, preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
    );
    expect(failure).toEqual({ totalNodes: 1, reasons: [{ problem: 'insufficient-cpu', text: 'Insufficient cpu', nodes: 1 }] });
    expect(insufficientResources(failure)).toEqual(['cpu']);
    expect(
      primary("0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 Insufficient memory. no new claims to deallocate, preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling."),
    ).toBe('insufficient-memory');
  });

  it('keeps the older taint wording whole although it holds a comma', () => {
    const failure = parseSchedulingMessage("0/3 nodes are available: 1 node(s) had taint {node-role.kubernetes.io/master: }, that the pod didn't tolerate, 2 Insufficient memory.");
    expect(failure?.reasons.map((r) => [r.problem, r.nodes])).toEqual([
      ['untolerated-taint', 1],
      ['insufficient-memory', 2],
    ]);
    expect(taintsIn(failure?.reasons[0]?.text ?? '')).toEqual(['node-role.kubernetes.io/master']);
  });

  it.each([
    ["0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector.", ['node-affinity']],
    ["0/3 nodes are available: 3 node(s) didn't match node selector.", ['node-affinity']],
    ['0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling..', ['unbound-pvc']],
    ['0/3 nodes are available: 3 pod has unbound immediate PersistentVolumeClaims.', ['unbound-pvc']],
    ['0/3 nodes are available: persistentvolumeclaim "data-db-0" not found. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling..', ['missing-pvc']],
    ['0/4 nodes are available: 1 node(s) had volume node affinity conflict, 3 Insufficient memory.', ['volume-node-affinity', 'insufficient-memory']],
    ['0/3 nodes are available: 3 Too many pods. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.', ['too-many-pods']],
    ['0/8 nodes are available: 2 Insufficient nvidia.com/gpu, 6 node(s) didn\'t match Pod\'s node affinity/selector.', ['insufficient-gpu', 'node-affinity']],
    ['0/3 nodes are available: 3 Insufficient hugepages-2Mi.', ['insufficient-other']],
    ["0/3 nodes are available: 1 node(s) didn't match pod anti-affinity rules, 2 node(s) didn't match pod topology spread constraints (missing required label).", ['pod-affinity', 'topology-spread']],
    ["0/2 nodes are available: 2 node(s) didn't satisfy existing pods anti-affinity rules.", ['pod-affinity']],
    ['0/3 nodes are available: 1 node(s) were unschedulable, 2 node(s) didn\'t have free ports for the requested pod ports.', ['node-unschedulable', 'port-conflict']],
    ['0/2 nodes are available: 2 node(s) exceed max volume count.', ['volume-limit']],
    ['no nodes available to schedule pods', ['no-nodes']],
    ['0/0 nodes are available.', ['no-nodes']],
    ['0/3 nodes are available: 3 node(s) had something new.', ['other']],
  ])('%s', (message, expected) => {
    expect(classifySchedulingMessage(message)).toEqual(expected);
  });

  it('picks the problem on the nodes the pod targets, not the nodes it excludes on purpose', () => {
    expect(primary('0/6 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu, 5 Insufficient memory.')).toBe('insufficient-memory');
    expect(primary("0/8 nodes are available: 2 Insufficient nvidia.com/gpu, 6 node(s) didn't match Pod's node affinity/selector.")).toBe('insufficient-gpu');
    expect(primary("0/6 nodes are available: 5 node(s) had untolerated taint {dedicated: gpu}, 1 node(s) didn't match Pod's node affinity/selector.")).toBe('untolerated-taint');
  });

  it('falls back to the exclusions when nothing else rules nodes out', () => {
    expect(primary('0/1 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }.')).toBe('untolerated-taint');
    expect(primary("0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 node(s) didn't match Pod's node affinity/selector.")).toBe('node-affinity');
  });

  it('lets the largest group win, a pre-filter reason counting for every node', () => {
    expect(primary("0/5 nodes are available: 1 Insufficient memory, 4 node(s) didn't match pod anti-affinity rules.")).toBe('pod-affinity');
    expect(primary('0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims.')).toBe('unbound-pvc');
  });

  it('describes each reason with its node count', () => {
    const failure = parseSchedulingMessage('0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 2 Insufficient cpu.');
    expect(failure?.reasons.map((r) => describeReason(r, failure.totalNodes))).toEqual(['1 node had untolerated taint {dedicated: gpu}', 'Insufficient cpu on 2 nodes']);
    const prefilter = parseSchedulingMessage('0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims.');
    expect(prefilter?.reasons.map((r) => describeReason(r, prefilter.totalNodes))).toEqual(['pod has unbound immediate PersistentVolumeClaims (all 3 nodes)']);
    expect(taintsIn('node(s) had untolerated taint {dedicated: gpu}')).toEqual(['dedicated=gpu']);
  });
});

describe('eviction messages', () => {
  const memoryOld = 'The node was low on resource: memory. Threshold quantity: 100Mi, available: 87344Ki. Container cart was using 1286340Ki, request is 256Mi, has larger consumption of memory. ';
  const memoryNew = 'The node was low on resource: memory. Threshold quantity: 100Mi, available: 52Mi. Container app was using 1.2Gi, which exceeds its request of 256Mi. ';

  it.each([
    [memoryOld, 'memory'],
    [memoryNew, 'memory'],
    ['Container consumerui exceeded its local ephemeral storage limit "20Mi". ', 'ephemeral-storage'],
    ['Usage of EmptyDir volume "cache" exceeds the limit "1Gi". ', 'ephemeral-storage'],
    ['Pod ephemeral local storage usage exceeds the total limit of containers 2Gi. ', 'ephemeral-storage'],
    ['The node was low on resource: ephemeral-storage. Threshold quantity: 10737418240, available: 9823744Ki. ', 'disk'],
    ['The node was low on resource: nodefs. ', 'disk'],
    ['The node was low on resource: inodes. ', 'disk'],
    ['The node was low on resource: pids. Threshold quantity: 1000, available: 400. ', 'pid'],
    ['The node had condition: [DiskPressure]. ', 'disk'],
    ['Something else entirely', 'other'],
  ])('%s', (message, expected) => {
    expect(classifyEviction(message)).toBe(expected);
  });

  it('reads what each container used against its request in both kubelet wordings, in readable units', () => {
    expect(evictionUsage(memoryOld)).toEqual(['container cart was using 1.2Gi, request is 256Mi']);
    expect(evictionUsage(memoryNew)).toEqual(['container app was using 1.2Gi, request is 256Mi']);
    expect(evictionThreshold(memoryOld)).toBe('threshold 100Mi, available 85.3Mi');
    expect(evictionThreshold('The node was low on resource: pids. Threshold quantity: 1000, available: 400. ')).toBe('threshold 1000, available 400');
  });

  it('names the storage limit that was exceeded', () => {
    expect(ephemeralStorageOverrun('Container consumerui exceeded its local ephemeral storage limit "20Mi". ')).toBe('container consumerui exceeded its ephemeral-storage limit of 20Mi');
    expect(ephemeralStorageOverrun('Usage of EmptyDir volume "cache" exceeds the limit "1Gi". ')).toBe('emptyDir volume cache exceeded its sizeLimit of 1Gi');
    expect(ephemeralStorageOverrun(memoryOld)).toBeNull();
  });
});

describe('mount, attach and sandbox messages', () => {
  it.each([
    ['MountVolume.SetUp failed for volume "tls" : secret "api-tls" not found', 'missing-object'],
    ['MountVolume.SetUp failed for volume "cfg" : configmap "app" not found', 'missing-object'],
    ['MountVolume.SetUp failed for volume "cfg" : configmap references non-existent config key: app.yaml', 'missing-key'],
    ['MountVolume.MountDevice failed for volume "pvc-1" : kubernetes.io/csi: attacher.MountDevice failed to create newCsiDriverClient: driver name ebs.csi.aws.com not found in the list of registered CSI drivers', 'driver-not-registered'],
    ['MountVolume.WaitForAttach failed for volume "pvc-1" : volume attachment is being deleted', 'waiting-for-attach'],
    ['Unable to attach or mount volumes: unmounted volumes=[data], unattached volumes=[], failed to process volumes=[]: timed out waiting for the condition', 'timeout'],
    ['MountVolume.SetUp failed for volume "nfs" : mount failed: exit status 32 Mounting command: mount ... mount.nfs: Connection timed out', 'mount-error'],
  ])('mount: %s', (message, expected) => {
    expect(classifyMountFailure(message)).toBe(expected);
  });

  it.each([
    ['Multi-Attach error for volume "pvc-1" Volume is already exclusively attached to one node and can\'t be attached to another', 'multi-attach'],
    ['AttachVolume.Attach failed for volume "pvc-1" : volume attachment is being deleted', 'attachment-being-deleted'],
    ['AttachVolume.Attach failed for volume "pvc-1" : rpc error: code = DeadlineExceeded desc = context deadline exceeded', 'timeout'],
  ])('attach: %s', (message, expected) => {
    expect(classifyAttachFailure(message)).toBe(expected);
  });

  it('names the pods a Multi-Attach error says hold the volume', () => {
    expect(podsHoldingVolume('Multi-Attach error for volume "pvc-1" Volume is already used by pod(s) web-0, web-1')).toEqual(['web-0', 'web-1']);
  });

  it.each([
    ['Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "ab12": plugin type="aws-cni" name="aws-cni" failed (add): add cmd: failed to assign an IP address to container', 'ip-exhaustion'],
    ['Failed to create pod sandbox: rpc error: code = Unknown desc = failed to set up sandbox container "ab12" network for pod "web-0": networkPlugin cni failed to set up pod "web-0_default" network: failed to allocate for range 0: no IP addresses available in range set: 10.244.1.1-10.244.1.254', 'ip-exhaustion'],
    ['network is not ready: container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized', 'cni-not-ready'],
    ['Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "ab12": plugin type="flannel" failed (add): loadFlannelSubnetEnv failed: open /run/flannel/subnet.env: no such file or directory', 'cni-not-ready'],
    ['Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "ab12": failed to find plugin "bridge" in path [/opt/cni/bin]', 'cni-plugin-missing'],
    ['Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "ab12": plugin type="calico" failed (add): error getting ClusterInformation: connection is unauthorized: Unauthorized', 'cni-error'],
    ['Failed to create pod sandbox: rpc error: code = Unknown desc = failed to get sandbox image "registry.k8s.io/pause:3.10": failed to pull image', 'sandbox-image'],
    ['Failed to create pod sandbox: rpc error: code = Unknown desc = failed to get sandbox runtime: no runtime for "kata" is configured', 'runtime-handler'],
    ['Failed to create pod sandbox: rpc error: code = DeadlineExceeded desc = context deadline exceeded', 'runtime-error'],
  ])('sandbox: %s', (message, expected) => {
    expect(classifySandboxFailure(message)).toBe(expected);
  });

  it('names the CNI plugin a sandbox failure blames', () => {
    expect(cniPluginNamedIn('plugin type="calico" failed (add): ...')).toBe('calico');
    expect(cniPluginNamedIn('failed to find plugin "bridge" in path [/opt/cni/bin]')).toBe('bridge');
  });
});

describe('pod facts from an incident', () => {
  const pending = makePod({ status: { phase: 'Pending' } });
  const message = '0/3 nodes are available: 3 Insufficient memory.';

  it('reads scheduling facts only while the pod still waits for a node', () => {
    const waiting = computeFacts(makeIncident({ pod: pending, events: [podEvent('FailedScheduling', message, { count: 4, secondsAgo: 600, source: 'default-scheduler' })] }));
    expect(waiting.values.schedulingProblems).toEqual(['insufficient-memory']);
    expect(waiting.values.schedulingAttempts).toBe(4);
    expect(waiting.values.schedulingReasons).toEqual(['Insufficient memory on 3 nodes']);
    expect(waiting.values.unscheduledSeconds).toBe(600);

    const placed = computeFacts(
      makeIncident({
        pod: makePod({ spec: { nodeName: 'node-a', containers: [{ name: 'app' }] } }),
        events: [podEvent('FailedScheduling', message, { secondsAgo: 600 }), podEvent('Scheduled', 'Successfully assigned default/web-0 to node-a', { secondsAgo: 300, type: 'Normal' })],
      }),
    );
    expect(placed.values.schedulingMessage).toBeNull();
    expect(placed.values.schedulingProblems).toEqual([]);
  });

  it('says the Job ran past its deadline only from the Job\'s events: unknown when they are not in the evidence', () => {
    const pod = makePod({ status: { phase: 'Failed' } });
    const deadline = (ownerEvents?: ReturnType<typeof podEvent>[]) =>
      computeFacts({ ...makeIncident({ pod }), ...(ownerEvents ? { ownerEvents } : {}) }).values.jobDeadlineExceeded;
    const jobEvent = (reason: string, message: string) => podEvent(reason, message, { kind: 'Job', name: 'nightly', source: 'job-controller', type: 'Normal' });
    expect(deadline()).toBeNull();
    expect(deadline([])).toBeNull();
    expect(deadline([jobEvent('SuccessfulCreate', 'Created pod: web-0')])).toBe(false);
    expect(deadline([jobEvent('SuccessfulCreate', 'Created pod: web-0'), { ...jobEvent('DeadlineExceeded', 'Job was active longer than specified deadline'), type: 'Warning' }])).toBe(true);
  });

  it('lists the tolerations the pod asked for as people write them, without the two admission adds to every pod', () => {
    const tolerations = [
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' },
      { key: 'spot', operator: 'Exists' },
      { operator: 'Exists' },
    ];
    const pod = makePod({ spec: { containers: [{ name: 'app' }], tolerations }, status: { phase: 'Pending' } });
    expect(computeFacts(makeIncident({ pod })).values.tolerations).toEqual(['dedicated=gpu:NoSchedule', 'spot Exists', '*']);
  });

  it('takes a Scheduled event after the last failure as placed, where the pod itself does not say (a pasted events table)', () => {
    const facts = (events: ReturnType<typeof podEvent>[]) => computeFacts(makeIncident({ pod: pending, events })).values;
    const failed = podEvent('FailedScheduling', message, { secondsAgo: 600 });
    const scheduled = (secondsAgo: number) => podEvent('Scheduled', 'Successfully assigned default/web-0 to node-a', { secondsAgo, type: 'Normal', source: 'default-scheduler' });
    expect(facts([failed, scheduled(300)]).schedulingProblems).toEqual([]);
    expect(facts([scheduled(900), failed]).schedulingProblems).toEqual(['insufficient-memory']);
  });

  it('names the claim the scheduler says is missing (the fact its remediation quotes)', () => {
    const missing = '0/3 nodes are available: persistentvolumeclaim "data-postgres-0" not found. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling..';
    expect(computeFacts(makeIncident({ pod: pending, events: [podEvent('FailedScheduling', missing)] })).values.schedulingMissingClaim).toBe('data-postgres-0');
  });

  it('reads the node\'s architecture from its nodeInfo, else from its kubernetes.io/arch label, else unknown', () => {
    const arch = (node: ReturnType<typeof makeNode>) => computeFacts(makeIncident({ pod: pending, node })).values.nodeArchitecture;
    const node = makeNode('node-a', { Ready: 'True' });
    expect(arch({ ...node, status: { ...node.status, nodeInfo: { architecture: 'arm64' } as never } })).toBe('arm64');
    expect(arch({ ...node, metadata: { name: 'node-a', labels: { 'kubernetes.io/arch': 'arm64' } } })).toBe('arm64');
    expect(arch(node)).toBeNull();
  });

  it('a pod whose node stopped reporting it (phase Unknown) shows a failure signal, so it is never taken for healthy', async () => {
    const lost = computeFacts(makeIncident({ pod: makePod({ status: { phase: 'Unknown' } }) })).values;
    expect(lost.failureSignals).toContain("the pod's phase is Unknown: its node stopped reporting its status");
    const diagnosis = await (await builtInDiagnoser()).diagnose(makeIncident({ pod: makePod({ status: { phase: 'Unknown' } }) }));
    expect(diagnosis.severity).not.toBeNull();
  });

  it('restarts counted from events read "at least 1 time", "at least 3 times"', () => {
    const signals = (restarts: number) => {
      const events = [podEvent('Started', 'Started container app', { count: restarts + 1, type: 'Normal' }), podEvent('BackOff', 'Back-off restarting failed container app in pod web-0_default(uid)')];
      return computeFacts(makeIncident({ pod: makePod({ status: { phase: 'Running' } }), events })).values.failureSignals as string[];
    };
    expect(signals(1).filter((s) => s.includes('by its events'))).toEqual(['container app restarted at least 1 time by its events']);
    expect(signals(3).filter((s) => s.includes('by its events'))).toEqual(['container app restarted at least 3 times by its events']);
  });

  it('lists the untolerated taints, saying so when the message names none', () => {
    const taints = (message: string) =>
      computeFacts(makeIncident({ pod: pending, events: [podEvent('FailedScheduling', message)] })).values.schedulingTaints;
    expect(taints('0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 2 node(s) had untolerated taint {node.kubernetes.io/not-ready: }.')).toEqual(['dedicated=gpu', 'node.kubernetes.io/not-ready']);
    expect(taints("0/2 nodes are available: 2 node(s) had taints that the pod didn't tolerate.")).toEqual(['(not named in the message)']);
  });

  it('falls back to the PodScheduled condition when the events have expired', () => {
    const pod = makePod({
      status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message, lastTransitionTime: new Date(ago(7200)) }] },
    });
    const facts = computeFacts(makeIncident({ pod }));
    expect(facts.values.schedulingPrimaryProblem).toBe('insufficient-memory');
    expect(facts.values.unscheduledSeconds).toBe(7200);
  });

  it('sums aggregated mount, attach and sandbox events and picks the telling mount message', () => {
    const facts = computeFacts(
      makeIncident({
        pod: pending,
        events: [
          podEvent('FailedMount', 'MountVolume.SetUp failed for volume "tls" : secret "api-tls" not found', { count: 9, secondsAgo: 300 }),
          podEvent('FailedMount', 'Unable to attach or mount volumes: unmounted volumes=[tls], unattached volumes=[], failed to process volumes=[]: timed out waiting for the condition', { count: 3, secondsAgo: 60 }),
          podEvent('FailedAttachVolume', 'Multi-Attach error for volume "pvc-1" Volume is already used by pod(s) web-1', { count: 2, source: 'attachdetach-controller' }),
          podEvent('FailedCreatePodSandBox', 'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "ab": plugin type="calico" failed (add): boom', { count: 5 }),
          podEvent('NetworkNotReady', 'network is not ready: container runtime network not ready: NetworkReady=false', { count: 2 }),
        ],
      }),
    );
    expect(facts.values.mountFailures).toBe(12);
    expect(facts.values.mountProblem).toBe('missing-object');
    expect(facts.values.mountVolume).toBe('tls');
    expect(facts.values.mountMissingObject).toBe('secret/api-tls');
    expect(facts.values.attachFailures).toBe(2);
    expect(facts.values.attachHeldBy).toEqual(['web-1']);
    expect(facts.values.sandboxFailures).toBe(7);
    expect(facts.values.sandboxProblem).toBe('cni-not-ready');
  });

  it('measures how long a deleted pod is overdue, 0 while still in its grace period', () => {
    const deleting = (secondsAgo: number) =>
      computeFacts(makeIncident({ pod: makePod({ metadata: { deletionTimestamp: new Date(ago(secondsAgo)), deletionGracePeriodSeconds: 30 } }) })).values;
    expect(deleting(3600).terminatingOverdueSeconds).toBe(3600);
    expect(deleting(3600).terminatingSeconds).toBe(3630);
    expect(deleting(-20).terminatingOverdueSeconds).toBe(0);
    expect(deleting(-20).terminatingSeconds).toBe(10);
    expect(computeFacts(makeIncident({ pod: makePod() })).values.terminatingOverdueSeconds).toBeNull();
  });

  it('reads node conditions, taints and how the node failed', () => {
    const bound = makePod({ spec: { nodeName: 'node-a', containers: [{ name: 'app' }] } });
    const pressured = computeFacts(makeIncident({ pod: bound, node: makeNode('node-a', { Ready: 'True', DiskPressure: 'True', MemoryPressure: 'False' }) }));
    expect(pressured.values.nodePressures).toEqual(['DiskPressure']);
    expect(pressured.values.nodeProblem).toBeNull();

    const lost = computeFacts(
      makeIncident({ pod: bound, node: makeNode('node-a', { Ready: 'Unknown' }, [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }]) }),
    );
    expect(lost.values.nodeProblem).toBe('Node node-a has been unreachable (Ready=Unknown) for 30m: Kubelet stopped posting node status.');
    expect(lost.values.nodeNotReadySeconds).toBe(1800);
    expect(lost.values.nodeTaints).toEqual(['node.kubernetes.io/unreachable:NoExecute']);

    // Without the Node object, a NodeNotReady event counts only while the pod is not Ready.
    const event = podEvent('NodeNotReady', 'Node is not ready', { source: 'node-controller' });
    const notReadyPod = makePod({ spec: { nodeName: 'node-a', containers: [{ name: 'app' }] }, status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'False' }] } });
    expect(computeFacts(makeIncident({ pod: notReadyPod, events: [event] })).values.nodeProblem).toMatch(/reported node node-a not ready/);
    const readyPod = makePod({ spec: { nodeName: 'node-a', containers: [{ name: 'app' }] }, status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] } });
    expect(computeFacts(makeIncident({ pod: readyPod, events: [event] })).values.nodeProblem).toBeNull();
  });

  it('sums what the scheduler reserves: app containers and sidecars add up, a bigger init container raises it', () => {
    const pod = makePod({
      spec: {
        initContainers: [
          { name: 'migrate', resources: { requests: { cpu: '2', memory: '256Mi' } } },
          { name: 'proxy', restartPolicy: 'Always', resources: { requests: { cpu: '100m', memory: '64Mi' } } },
        ],
        containers: [
          { name: 'app', resources: { requests: { cpu: '500m', memory: '1Gi', 'nvidia.com/gpu': '1' } } },
          { name: 'log', resources: { requests: { cpu: '50m', memory: '64Mi' } } },
        ],
      },
    });
    expect(computeFacts(makeIncident({ pod })).values.podRequests).toEqual(['cpu 2', 'memory 1.1Gi', 'nvidia.com/gpu 1']);
  });
});
