import type { TableEvent } from './events-table.js';

/** What kubelet and scheduler messages say about the pod they concern. */
export interface PodClues {
  readonly name?: string;
  readonly namespace?: string;
  readonly nodeName?: string;
}

/** A pod name, or one with a `<placeholder>` a user typed in place of what they would not paste (`egg-<id here>`). */
const POD_NAME = String.raw`(?:[a-z0-9.-]|<[^<>\n]{1,40}>){1,253}`;

const CLUES: ReadonlyArray<{ readonly pattern: RegExp; readonly name: number; readonly namespace?: number; readonly node?: number }> = [
  // `Successfully assigned shop/web-0 to node-1` (1.1x omitted the namespace).
  { pattern: new RegExp(String.raw`^Successfully assigned (?:([a-z0-9-]{1,63})\/)?(${POD_NAME}) to (\S{1,253})`), namespace: 1, name: 2, node: 3 },
  // `Back-off restarting failed container app in pod web-0_shop(uid)`, `... container=app pod=web-0_shop(uid)`; mount messages use the same `name_namespace(uid)`.
  { pattern: new RegExp(String.raw`\bpod[ =]"?(${POD_NAME})_([a-z0-9-]{1,63})\(`), name: 1, namespace: 2 },
  // `timeout expired waiting for volumes to attach or mount for pod "shop"/"web-0"`.
  { pattern: new RegExp(String.raw`\bfor pod "([a-z0-9-]{1,63})"\/"(${POD_NAME})"`), namespace: 1, name: 2 },
  // The scheduler's plugin errors (1.17-1.19): `error while running "VolumeBinding" filter plugin for pod "web-0": ...`.
  { pattern: new RegExp(String.raw`\bfilter plugin for pod "(${POD_NAME})"`), name: 1 },
  // A lifecycle hook's failure: `... for Container "app" in Pod "web-0_shop(uid)" failed - error: ...`.
  { pattern: new RegExp(String.raw` for Container "[^"\s]{1,253}" in Pod "(${POD_NAME})_([a-z0-9-]{1,63})\(`), name: 1, namespace: 2 },
];

/** The pod's name, namespace and node as its events give them, first clue first. */
export function podCluesFromEvents(events: readonly TableEvent[]): PodClues {
  const found: { name?: string; namespace?: string; nodeName?: string } = {};
  for (const event of events) {
    for (const clue of CLUES) {
      const match = clue.pattern.exec(event.message);
      if (!match) continue;
      found.name ??= match[clue.name];
      if (clue.namespace) found.namespace ??= match[clue.namespace];
      if (clue.node) found.nodeName ??= match[clue.node];
    }
  }
  found.nodeName ??= events.find((e) => e.host && e.source === 'kubelet')?.host;
  return Object.fromEntries(Object.entries(found).filter(([, v]) => v)) as PodClues;
}

/** The namespace a command line names (`-n shop`, `--namespace=shop`). */
export function namespaceFromCommand(command: string | null): string | undefined {
  return command ? /(?:^|\s)(?:-n|--namespace)(?:=|\s+)([a-z0-9-]{1,63})\b/.exec(command)?.[1] : undefined;
}

/** `describe pod web-0 -n shop`, `get pods/web-0 -o yaml --namespace=shop`: the pod a paste was printed for. */
export function podCluesFromCommand(command: string | null): PodClues {
  // A name starts with a letter or digit: `get pods -n shop` names a namespace, not a pod `-n`.
  const pod = command ? new RegExp(String.raw`\b(?:describe|get)\s+(?:po|pod|pods)(?:\/|\s+)((?=[a-z0-9<])${POD_NAME})(?=\s|$)`).exec(command) : null;
  if (!command || !pod?.[1]) return {};
  const namespace = namespaceFromCommand(command);
  return { name: pod[1], ...(namespace ? { namespace } : {}) };
}

const CONTAINER_NAME = '([a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?)';

/** How kubelet names the container in its messages, today's and older releases' (see src/facts/kubelet-events.ts). */
const NAMED_CONTAINER = [
  new RegExp(`^(?:Created|Started|Stopping) container:? ${CONTAINER_NAME}$`),
  new RegExp(`^Container ${CONTAINER_NAME} failed (?:liveness|startup) probe`),
  new RegExp(`restarting failed container ${CONTAINER_NAME}(?: in pod|$)`),
  new RegExp(`restarting failed container=${CONTAINER_NAME}(?:\\s|$)`),
  new RegExp(`\\bcontainer "${CONTAINER_NAME}" is unhealthy`),
  new RegExp(`failed to "\\w{1,40}" for "${CONTAINER_NAME}" with `),
  new RegExp(`^Killing container with id \\w{1,20}://${CONTAINER_NAME}:Container failed`),
  new RegExp(`(?:of|into) container "${CONTAINER_NAME}"$`),
  // A lifecycle hook's failure (see CLUES); the hook's command before it can hold any text.
  new RegExp(` for Container "${CONTAINER_NAME}" in Pod "`),
];

const FIELD_PATH = /^spec\.(initContainers|containers|ephemeralContainers)\{([^}]+)\}/;

/** The container an event names: its subobject path (or the message's `spec.containers{x}:` prefix), else its message. */
export function containerNamedBy(event: TableEvent): string | null {
  const fromPath = event.fieldPath ? FIELD_PATH.exec(event.fieldPath)?.[2] : undefined;
  if (fromPath) return fromPath;
  for (const pattern of NAMED_CONTAINER) {
    const name = pattern.exec(event.message)?.[1];
    if (name) return name;
  }
  return null;
}

/** Whether the event's path says the container is an init container (a sidecar is one too). */
export function namesInitContainer(event: TableEvent): boolean {
  return event.fieldPath ? FIELD_PATH.exec(event.fieldPath)?.[1] === 'initContainers' : false;
}

/** Container names the events mention, in the order they first appear. */
export function containersNamedInEvents(events: readonly TableEvent[]): string[] {
  const names = new Set<string>();
  for (const event of events) {
    const name = containerNamedBy(event);
    if (name) names.add(name);
  }
  return [...names];
}

/** The image an event is about: `Pulling image "x"`, `Failed to pull image "x": ...`, `Container image "x" already present`. */
export function imageNamedIn(message: string): string | null {
  return /\bimage "([^"\s]{1,500})"/i.exec(message)?.[1] ?? null;
}

/**
 * Which image each named container runs, as far as the events make it certain: the event's own
 * path names the container, or kubelet's order does (it pulls a container's image, then creates
 * and starts that container, before it moves on to the next).
 */
export function imagesOfContainers(events: readonly TableEvent[]): Map<string, string> {
  const images = new Map<string, string>();
  let pulled: string | null = null;
  for (const event of events) {
    const image = imageNamedIn(event.message);
    const name = containerNamedBy(event);
    if (image && name && event.fieldPath) images.set(name, image);
    else if (image) pulled = image;
    else if (name && pulled && !images.has(name) && /^(?:Created|Started)$/.test(event.reason) && ![...images.values()].includes(pulled)) images.set(name, pulled);
    if (!image && event.reason !== 'Pulled') pulled = null;
  }
  return images;
}

/** Every image the events mention, in the order they first appear. */
export function imagesNamedInEvents(events: readonly TableEvent[]): string[] {
  return [...new Set(events.flatMap((e) => imageNamedIn(e.message) ?? []))];
}
