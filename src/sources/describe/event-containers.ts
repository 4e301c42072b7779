import type { V1Container, V1ContainerStatus, V1Pod, V1Probe } from '@kubernetes/client-node';
import type { PodEvent } from '../../model/event.js';
import { imageNamedIn } from './event-clues.js';

interface Candidate {
  readonly path: string;
  readonly spec: V1Container;
  readonly status: V1ContainerStatus | undefined;
}

function candidates(pod: V1Pod): Candidate[] {
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  const status = (name: string, init: boolean) =>
    (init ? pod.status?.initContainerStatuses : pod.status?.containerStatuses)?.find((s) => s.name === name) ?? statuses.find((s) => s.name === name);
  return [
    ...(pod.spec?.initContainers ?? []).map((spec) => ({ path: `spec.initContainers{${spec.name}}`, spec, status: status(spec.name, true) })),
    ...(pod.spec?.containers ?? []).map((spec) => ({ path: `spec.containers{${spec.name}}`, spec, status: status(spec.name, false) })),
  ];
}

/** `nginx`, `docker.io/library/nginx` and `docker.io/nginx` are the same image. */
function sameImage(a: string, b: string): boolean {
  const plain = (image: string) => image.replace(/^docker\.io\//, '').replace(/^library\//, '').replace(/:latest$/, '');
  return plain(a) === plain(b);
}

const PROBES: Record<string, keyof V1Container> = { Liveness: 'livenessProbe', Readiness: 'readinessProbe', Startup: 'startupProbe' };

function probePort(probe: V1Probe | undefined): string | null {
  const port = probe?.httpGet?.port ?? probe?.tcpSocket?.port ?? probe?.grpc?.port;
  return port === undefined ? null : String(port);
}

/** A failing probe's message names its kind and usually the port it called. */
function byProbe(message: string, all: readonly Candidate[]): Candidate[] {
  const kind = /^(Liveness|Readiness|Startup) probe (?:failed|errored)/.exec(message)?.[1];
  const field = kind ? PROBES[kind] : undefined;
  if (!field) return [];
  const withProbe = all.filter((c) => c.spec[field]);
  if (withProbe.length <= 1) return withProbe;
  const port = /:(\d{1,5})(?:\/|"|\s|$)/.exec(message)?.[1];
  return port ? withProbe.filter((c) => probePort(c.spec[field] as V1Probe) === port) : [];
}

/** `Error: configmap "x" not found`, `couldn't find key k in ConfigMap ns/x`, `secret "x" not found`. */
function referencedObject(message: string): string | null {
  return /(?:configmaps?|secrets?) "([^"]{1,253})" not found/i.exec(message)?.[1] ?? /couldn't find key \S+ in (?:ConfigMap|Secret) (?:[^/\s]+\/)?(\S+)/i.exec(message)?.[1] ?? null;
}

function references(container: V1Container, name: string): boolean {
  const fromEnv = (container.env ?? []).some((e) => e.valueFrom?.configMapKeyRef?.name === name || e.valueFrom?.secretKeyRef?.name === name);
  const fromEnvFrom = (container.envFrom ?? []).some((e) => e.configMapRef?.name === name || e.secretRef?.name === name);
  return fromEnv || fromEnvFrom;
}

/** A configuration error belongs to the container that references the object, else the one container stuck on it. */
function byConfigError(message: string, all: readonly Candidate[]): Candidate[] {
  if (!/^Error: /.test(message)) return [];
  const object = referencedObject(message);
  const referencing = object ? all.filter((c) => references(c.spec, object)) : [];
  if (referencing.length) return referencing;
  const waitingReason = /^Error: (\w+)$/.exec(message)?.[1] ?? (/not found|couldn't find key/i.test(message) ? 'CreateContainerConfigError' : null);
  return waitingReason ? all.filter((c) => c.status?.state?.waiting?.reason === waitingReason) : [];
}

/** Old kubelets wrote `Back-off restarting failed container` (or `... failed docker container`) without the name. */
function byBackOff(message: string, all: readonly Candidate[]): Candidate[] {
  if (!/^Back-off restarting failed (?:docker )?container$/.test(message)) return [];
  return all.filter((c) => c.status?.state?.waiting?.reason === 'CrashLoopBackOff');
}

function byImage(message: string, all: readonly Candidate[]): Candidate[] {
  const image = imageNamedIn(message);
  return image ? all.filter((c) => c.spec.image && sameImage(c.spec.image, image)) : [];
}

/**
 * kubelet sets a container up in one go: it pulls the image (or finds it present), then
 * configures, creates and starts the container. A configuration or creation error right after
 * an image event is about the container that runs that image.
 */
function byPrecedingImage(event: PodEvent, previous: PodEvent | undefined, all: readonly Candidate[]): Candidate[] {
  if (event.reason !== 'Failed' || !/^Error: /.test(event.message) || !previous || !/^(?:Pulled|Pulling)$/.test(previous.reason)) return [];
  return byImage(previous.message, all);
}

/**
 * Describe tables drop the `fieldPath` that told which container an event was about. When the
 * event itself points at exactly one container (the image it pulls, the probe that failed, the
 * ConfigMap it misses, the container stuck in the matching state) it gets that container back.
 */
export function withContainerFieldPaths(events: readonly PodEvent[], pod: V1Pod): PodEvent[] {
  const all = candidates(pod);
  if (all.length < 2) return [...events];
  return events.map((event, index) => {
    if (event.involvedObject.fieldPath || event.involvedObject.kind !== 'Pod') return event;
    const clues = [byImage, byProbe, byConfigError, byBackOff, (_: string, candidates: readonly Candidate[]) => byPrecedingImage(event, events[index - 1], candidates)];
    for (const clue of clues) {
      const matching = clue(event.message, all);
      if (matching.length === 1 && matching[0]) return { ...event, involvedObject: { ...event.involvedObject, fieldPath: matching[0].path } };
      if (matching.length > 1) return event;
    }
    return event;
  });
}
