// Seeds workloads mid-rollout (seeded.json "rollouts"): a Deployment with two ReplicaSets whose
// old pods run healthy while the new ones are OOMKilled, and a StatefulSet with two
// ControllerRevisions whose highest ordinal fails on the new one. There is no controller
// manager, so the objects stay exactly as written: what a stuck rollout leaves behind.

import { ago, backoff, containerId, createEvents, eventFor, imageId, runningPodStatus, scheduled, startedEvents, terminated } from './seed.mjs';

const owner = (o) => [{ apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name, uid: o.metadata.uid, controller: true, blockOwnerDeletion: true }];

function podSpec(rev, node) {
  const container = {
    name: 'app',
    image: rev.image,
    imagePullPolicy: 'IfNotPresent',
    ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
    resources: { requests: { cpu: '100m', memory: rev.memoryLimit ?? '512Mi' }, limits: { memory: rev.memoryLimit ?? '512Mi' } },
  };
  if (rev.args) container.args = rev.args;
  const spec = { restartPolicy: 'Always', terminationGracePeriodSeconds: 30, containers: [container] };
  if (node) spec.nodeName = node;
  return spec;
}

function healthyStatus(pod, rev, now) {
  return runningPodStatus(pod, now, {
    ready: true,
    startedAgo: rev.createdAgo - 30,
    containerStatuses: [
      {
        name: 'app',
        image: rev.image,
        imageID: imageId(rev.image),
        containerID: containerId(`${pod.metadata.uid}:0`),
        ready: true,
        started: true,
        restartCount: 0,
        state: { running: { startedAt: ago(rev.createdAgo - 25, now) } },
        lastState: {},
      },
    ],
  });
}

function crashStatus(pod, rev, now, { reason, exitCode, ranFor }) {
  const restarts = 6;
  const id = `${pod.metadata.uid}:${restarts}`;
  return runningPodStatus(pod, now, {
    ready: false,
    startedAgo: rev.createdAgo - 20,
    containerStatuses: [
      {
        name: 'app',
        image: rev.image,
        imageID: imageId(rev.image),
        containerID: containerId(id),
        ready: false,
        started: false,
        restartCount: restarts,
        state: { waiting: { reason: 'CrashLoopBackOff', message: `back-off ${backoff(restarts)} restarting failed container=app pod=${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})` } },
        lastState: terminated(id, { exitCode, reason, startedAt: ago(40 + ranFor, now), finishedAt: ago(40, now) }),
      },
    ],
  });
}

function crashEvents(pod, rev, now) {
  return [
    scheduled(pod, now, rev.createdAgo - 20),
    ...startedEvents(pod, now, { image: rev.image, count: 7, firstAgo: rev.createdAgo - 22, lastAgo: 45 }),
    eventFor(pod, {
      reason: 'BackOff',
      type: 'Warning',
      message: `Back-off restarting failed container app in pod ${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`,
      fieldPath: 'spec.containers{app}',
      count: 20,
      firstAgo: rev.createdAgo - 60,
      lastAgo: 15,
      now,
    }),
  ];
}

async function seedPods(api, r, podEntries, build, now) {
  const out = {};
  for (const entry of podEntries) {
    const rev = r.revisions.find((x) => x.revision === entry.revision);
    const manifest = build(entry, rev);
    const created = await api.create(`/api/v1/namespaces/${r.namespace}/pods`, manifest);
    const status =
      entry.cause === null
        ? healthyStatus(created, rev, now)
        : crashStatus(created, rev, now, entry.cause === 'oom-limit' ? { reason: 'OOMKilled', exitCode: 137, ranFor: 95 } : { reason: 'Error', exitCode: 2, ranFor: 1 });
    const pod = await api.replace(`/api/v1/namespaces/${r.namespace}/pods/${entry.name}/status`, { ...created, status });
    await createEvents(api, entry.cause === null ? [scheduled(pod, now, rev.createdAgo - 30)] : crashEvents(pod, rev, now));
    out[`${r.namespace}/${entry.name}`] = { uid: pod.metadata.uid, cause: entry.cause, node: entry.node };
  }
  return out;
}

async function seedDeployment(api, r, now) {
  const apps = `/apis/apps/v1/namespaces/${r.namespace}`;
  const newest = r.revisions.at(-1);
  const replicas = r.pods.filter((p) => p.revision === newest.revision).length + 1;
  const deploy = await api.create(`${apps}/deployments`, {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: r.name, namespace: r.namespace, labels: r.labels, annotations: { 'deployment.kubernetes.io/revision': String(newest.revision) } },
    spec: { replicas, selector: { matchLabels: r.labels }, template: { metadata: { labels: r.labels }, spec: podSpec(newest) } },
  });
  const sets = new Map();
  for (const rev of r.revisions) {
    const labels = { ...r.labels, 'pod-template-hash': rev.hash };
    const count = r.pods.filter((p) => p.revision === rev.revision).length;
    const ready = r.pods.filter((p) => p.revision === rev.revision && p.cause === null).length;
    const rs = await api.create(`${apps}/replicasets`, {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${r.name}-${rev.hash}`,
        namespace: r.namespace,
        labels,
        annotations: { 'deployment.kubernetes.io/revision': String(rev.revision), 'deployment.kubernetes.io/desired-replicas': String(replicas), 'deployment.kubernetes.io/max-replicas': String(replicas + 1) },
        ownerReferences: owner(deploy),
      },
      spec: { replicas: count, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: podSpec(rev) } },
    });
    await api.replace(`${apps}/replicasets/${rs.metadata.name}/status`, {
      ...rs,
      status: { replicas: count, fullyLabeledReplicas: count, readyReplicas: ready, availableReplicas: ready, observedGeneration: rs.metadata.generation },
    });
    sets.set(rev.revision, rs);
  }
  const ready = r.pods.filter((p) => p.cause === null).length;
  await api.replace(`${apps}/deployments/${r.name}/status`, {
    ...deploy,
    status: {
      observedGeneration: deploy.metadata.generation,
      replicas: r.pods.length,
      updatedReplicas: r.pods.filter((p) => p.revision === newest.revision).length,
      readyReplicas: ready,
      availableReplicas: ready,
      unavailableReplicas: r.pods.length - ready,
      conditions: [
        { type: 'Available', status: 'True', lastUpdateTime: ago(86_400, now), lastTransitionTime: ago(86_400, now), reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' },
        { type: 'Progressing', status: 'False', lastUpdateTime: ago(900, now), lastTransitionTime: ago(900, now), reason: 'ProgressDeadlineExceeded', message: `ReplicaSet "${r.name}-${newest.hash}" has timed out progressing.` },
      ],
    },
  });
  return seedPods(
    api,
    r,
    r.pods,
    (entry, rev) => {
      const rs = sets.get(rev.revision);
      return {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: entry.name, namespace: r.namespace, generateName: `${rs.metadata.name}-`, labels: rs.spec.template.metadata.labels, ownerReferences: owner(rs) },
        spec: podSpec(rev, entry.node),
      };
    },
    now,
  );
}

async function seedStatefulSet(api, r, now) {
  const apps = `/apis/apps/v1/namespaces/${r.namespace}`;
  const newest = r.revisions.at(-1);
  const sts = await api.create(`${apps}/statefulsets`, {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: r.name, namespace: r.namespace, labels: r.labels },
    spec: { replicas: r.pods.length, serviceName: r.name, selector: { matchLabels: r.labels }, template: { metadata: { labels: r.labels }, spec: podSpec(newest) } },
  });
  const revisions = new Map();
  for (const rev of r.revisions) {
    // As the StatefulSet controller stores it: the template as a patch that replaces the whole.
    const cr = await api.create(`${apps}/controllerrevisions`, {
      apiVersion: 'apps/v1',
      kind: 'ControllerRevision',
      metadata: { name: `${r.name}-${rev.hash}`, namespace: r.namespace, labels: { ...r.labels, 'controller-revision-hash': rev.hash }, ownerReferences: owner(sts) },
      data: { spec: { template: { $patch: 'replace', metadata: { labels: r.labels }, spec: podSpec(rev) } } },
      revision: rev.revision,
    });
    revisions.set(rev.revision, cr);
  }
  const ready = r.pods.filter((p) => p.cause === null).length;
  await api.replace(`${apps}/statefulsets/${r.name}/status`, {
    ...sts,
    status: {
      observedGeneration: sts.metadata.generation,
      replicas: r.pods.length,
      readyReplicas: ready,
      availableReplicas: ready,
      currentReplicas: ready,
      updatedReplicas: r.pods.length - ready,
      currentRevision: revisions.get(r.revisions[0].revision).metadata.name,
      updateRevision: revisions.get(newest.revision).metadata.name,
      collisionCount: 0,
    },
  });
  return seedPods(
    api,
    r,
    r.pods,
    (entry, rev) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: entry.name,
        namespace: r.namespace,
        labels: {
          ...r.labels,
          'controller-revision-hash': revisions.get(rev.revision).metadata.name,
          'statefulset.kubernetes.io/pod-name': entry.name,
          'apps.kubernetes.io/pod-index': entry.name.split('-').at(-1),
        },
        ownerReferences: owner(sts),
      },
      spec: { ...podSpec(rev, entry.node), hostname: entry.name, subdomain: r.name },
    }),
    now,
  );
}

/** Seeds every rollout; returns the pods like seed() does ("namespace/name" -> uid, cause, node). */
export async function seedRollouts(api, rollouts, now) {
  const out = {};
  for (const r of rollouts) {
    if (r.kind === 'Deployment') Object.assign(out, await seedDeployment(api, r, now));
    else if (r.kind === 'StatefulSet') Object.assign(out, await seedStatefulSet(api, r, now));
    else throw new Error(`seeded.json: no rollout seeding for kind ${r.kind}`);
  }
  return out;
}
