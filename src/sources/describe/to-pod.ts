import type { V1Container, V1ContainerStatus, V1Pod, V1PodStatus } from '@kubernetes/client-node';
import { CONTAINER_PLACEHOLDER, POD_PLACEHOLDER } from '../../model/placeholders.js';
import { apiTime } from './api-time.js';
import { readConditions } from './conditions-table.js';
import { readContainerBlocks, type DescribedContainer } from './container-block.js';
import { describeTime } from './describe-time.js';
import { containerNamedBy, containersNamedInEvents, imagesNamedInEvents, imagesOfContainers, namesInitContainer, type PodClues } from './event-clues.js';
import type { TableEvent } from './events-table.js';
import { isEmptyValue } from './key-value.js';
import { readAnnotations, readIPs, readKeyEqualsValue, readNode, readOwner, readStatus, readTolerations } from './pod-header.js';
import { durationSeconds } from './relative-age.js';
import type { PasteLine } from './paste-lines.js';
import { findSection, type PodSections, type Section } from './sections.js';
import { readVolumes } from './volumes-section.js';


/** A pod rebuilt from one pasted description, with what had to be guessed or was not there. */
export interface DescribedPod {
  readonly pod: V1Pod;
  /** Set for `Status: Terminating (lasts 5m)`: how long ago the deletion deadline was. */
  readonly terminatingSeconds?: number;
  readonly podNamed: boolean;
  /** Containers whose names the paste did not show. */
  readonly unnamedContainers: number;
  /** Containers known only from events (no container block in the paste). */
  readonly containersFromEvents: boolean;
  /** Lines inside container blocks that could not be read, to be reported rather than dropped. */
  readonly unread: readonly PasteLine[];
}

type ContainerKind = 'Init Containers' | 'Containers' | 'Ephemeral Containers';

interface NamedContainer {
  readonly kind: ContainerKind;
  readonly described: DescribedContainer;
  name: string;
}

function readContainers(sections: PodSections): Array<{ kind: ContainerKind; described: DescribedContainer }> {
  const kinds: ContainerKind[] = ['Init Containers', 'Containers', 'Ephemeral Containers'];
  return sections.sections.flatMap((section) =>
    kinds.includes(section.key as ContainerKind)
      ? readContainerBlocks(section.lines).map((described) => ({ kind: section.key as ContainerKind, described }))
      : [],
  );
}

/**
 * Names a container the paste cut off above its name: the one container the events name that
 * no block claims, else a placeholder.
 */
function nameContainers(containers: ReturnType<typeof readContainers>, events: readonly TableEvent[]): NamedContainer[] {
  const named = new Set(containers.flatMap((c) => (c.described.name ? [c.described.name] : [])));
  const unclaimed = containersNamedInEvents(events).filter((n) => !named.has(n));
  const unnamed = containers.filter((c) => !c.described.name).length;
  let placeholder = 0;
  return containers.map(({ kind, described }) => {
    if (described.name) return { kind, described, name: described.name };
    const fromEvents = unnamed === 1 && unclaimed.length === 1 ? unclaimed[0] : undefined;
    placeholder++;
    return { kind, described, name: fromEvents ?? (unnamed === 1 ? CONTAINER_PLACEHOLDER : `<container-${placeholder}>`) };
  });
}

/**
 * Containers of a pod whose paste shows only events: the names the events mention (in Init
 * Containers when their path says so), each with the image its events make certain; images no
 * named container claims belong to containers the events do not name.
 */
function containersFromEvents(events: readonly TableEvent[]): NamedContainer[] {
  const names = containersNamedInEvents(events);
  const paired = imagesOfContainers(events);
  const images = imagesNamedInEvents(events);
  // One name and one image need no pairing: they go together.
  if (names.length === 1 && images.length === 1 && names[0] && images[0]) paired.set(names[0], images[0]);
  const unclaimed = images.filter((image) => ![...paired.values()].includes(image));
  // Without a single name, each image stands for a container; with names, an unpaired image may be a named container's.
  const unnamed = names.length === 0 || (unclaimed.length > 0 && unclaimed.length + paired.size > names.length) ? unclaimed : [];
  const init = new Set(events.filter(namesInitContainer).flatMap((e) => containerNamedBy(e) ?? []));
  const containers = [
    ...names.map((name) => ({ name, image: paired.get(name) })),
    ...unnamed.map((image, index) => ({ name: unnamed.length === 1 ? CONTAINER_PLACEHOLDER : `<container-${index + 1}>`, image })),
  ];
  return containers.map(({ name, image }) => ({
    kind: init.has(name) ? ('Init Containers' as const) : ('Containers' as const),
    name,
    described: { name, spec: image ? { image } : {}, status: {}, unread: [] },
  }));
}

function hasStatus(described: DescribedContainer): boolean {
  const s = described.status;
  return Boolean(s.state || s.lastState || s.containerID || s.ready !== undefined || s.restartCount !== undefined);
}

/** The status as the paste shows it; fields it does not show stay unset rather than invented. */
function toStatus(container: NamedContainer): V1ContainerStatus {
  const { status, spec } = container.described;
  return { name: container.name, ...(spec.image ? { image: spec.image } : {}), ...status } as V1ContainerStatus;
}

function section(sections: PodSections, key: string): string | undefined {
  const value = findSection(sections, key)?.value;
  return value === undefined || isEmptyValue(value) ? undefined : value;
}

/** A section's lines, with what stands on its key's line first (a paste that lost its line breaks keeps a table there). */
function sectionLines(found: Section): PasteLine[] {
  return found.value ? [{ indent: 0, text: found.value, number: 0 }, ...found.lines] : found.lines;
}

/** Everything after `Message:` up to the next pod-level key, for messages that hold newlines. */
function podMessage(sections: PodSections): string | undefined {
  const found = findSection(sections, 'Message');
  if (!found) return undefined;
  const text = [found.value, ...found.lines.map((l) => l.text)].join('\n').trim();
  return text || undefined;
}

/**
 * Describe does not print the restart policy, but some pods show it cannot be Always: Jobs reject
 * Always, and a Succeeded pod has finished for good. Restarted containers then mean OnFailure.
 */
function inferredRestartPolicy(ownerKind: string | undefined, phase: string | undefined, statuses: readonly V1ContainerStatus[]): string | undefined {
  if (ownerKind !== 'Job' && phase !== 'Succeeded') return undefined;
  return statuses.some((s) => (s.restartCount ?? 0) > 0) ? 'OnFailure' : 'Never';
}

/** Rebuilds the V1Pod the description was printed from, as far as the paste shows it. */
export function podFromSections(sections: PodSections, events: readonly TableEvent[], clues: PodClues): DescribedPod {
  const described = readContainers(sections);
  const fromEvents = described.length === 0;
  const containers = fromEvents ? containersFromEvents(events) : nameContainers(described, events);
  const byKind = (kind: ContainerKind) => containers.filter((c) => c.kind === kind);
  const spec = (c: NamedContainer): V1Container => ({ name: c.name, ...c.described.spec });
  const statuses = (kind: ContainerKind) => byKind(kind).filter((c) => hasStatus(c.described)).map(toStatus);

  const name = section(sections, 'Name') ?? clues.name;
  const namespace = section(sections, 'Namespace') ?? clues.namespace;
  const node = readNode(section(sections, 'Node') ?? '');
  const status = readStatus(section(sections, 'Status') ?? '');
  const owner = readOwner(section(sections, 'Controlled By') ?? section(sections, 'Created By') ?? section(sections, 'Controllers') ?? '');
  const priority = Number(section(sections, 'Priority'));
  const grace = durationSeconds(section(sections, 'Termination Grace Period') ?? '');
  const startTime = describeTime(section(sections, 'Start Time') ?? '');
  const podIPs = readIPs(findSection(sections, 'IPs'));
  const podIP = section(sections, 'IP') ?? podIPs[0];
  const conditions = findSection(sections, 'Conditions');
  const volumes = findSection(sections, 'Volumes');
  const nodeName = node.nodeName ?? clues.nodeName;
  const reason = section(sections, 'Reason');
  const message = podMessage(sections);
  const initStatuses = statuses('Init Containers');
  const appStatuses = statuses('Containers');
  const ephemeralStatuses = statuses('Ephemeral Containers');
  const priorityClassName = section(sections, 'Priority Class Name') ?? section(sections, 'PriorityClassName');
  const serviceAccountName = section(sections, 'Service Account');
  const runtimeClassName = section(sections, 'Runtime Class Name');
  const qosClass = section(sections, 'QoS Class');
  const nominatedNodeName = section(sections, 'Nominated Node Name') ?? section(sections, 'NominatedNodeName');
  const labels = readKeyEqualsValue(findSection(sections, 'Labels'));
  const annotations = readAnnotations(findSection(sections, 'Annotations'));
  const nodeSelector = readKeyEqualsValue(findSection(sections, 'Node-Selectors'));
  const tolerations = readTolerations(findSection(sections, 'Tolerations'));
  const restartPolicy = inferredRestartPolicy(owner?.kind, status.phase, [...initStatuses, ...appStatuses]);

  const podStatus: V1PodStatus = {
    ...(status.phase ? { phase: status.phase } : {}),
    ...(reason ? { reason } : {}),
    ...(message ? { message } : {}),
    ...(node.hostIP ? { hostIP: node.hostIP } : {}),
    ...(podIP ? { podIP } : {}),
    ...(podIPs.length ? { podIPs: podIPs.map((ip) => ({ ip })) } : {}),
    ...(startTime ? { startTime: apiTime(startTime) } : {}),
    ...(qosClass ? { qosClass } : {}),
    ...(nominatedNodeName ? { nominatedNodeName } : {}),
    ...(conditions ? { conditions: readConditions(sectionLines(conditions)) } : {}),
    ...(initStatuses.length ? { initContainerStatuses: initStatuses } : {}),
    ...(appStatuses.length ? { containerStatuses: appStatuses } : {}),
    ...(ephemeralStatuses.length ? { ephemeralContainerStatuses: ephemeralStatuses } : {}),
  };
  const pod: V1Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: name ?? POD_PLACEHOLDER,
      ...(namespace ? { namespace } : {}),
      ...(labels && Object.keys(labels).length ? { labels } : {}),
      ...(annotations && Object.keys(annotations).length ? { annotations } : {}),
      ...(owner ? { ownerReferences: [owner] } : {}),
      ...(grace !== null ? { deletionGracePeriodSeconds: grace } : {}),
    },
    spec: {
      ...(nodeName ? { nodeName } : {}),
      ...(restartPolicy ? { restartPolicy } : {}),
      ...(Number.isFinite(priority) && section(sections, 'Priority') ? { priority } : {}),
      ...(priorityClassName ? { priorityClassName } : {}),
      ...(serviceAccountName ? { serviceAccountName } : {}),
      ...(runtimeClassName ? { runtimeClassName } : {}),
      ...(byKind('Init Containers').length ? { initContainers: byKind('Init Containers').map(spec) } : {}),
      containers: byKind('Containers').map(spec),
      ...(byKind('Ephemeral Containers').length ? { ephemeralContainers: byKind('Ephemeral Containers').map(spec) } : {}),
      ...(volumes ? { volumes: readVolumes(sectionLines(volumes)) } : {}),
      ...(nodeSelector && Object.keys(nodeSelector).length ? { nodeSelector } : {}),
      // Kept when empty: `Tolerations: <none>` shows the pod has none, a cut paste shows nothing.
      ...(tolerations ? { tolerations } : {}),
    },
    status: podStatus,
  };
  return {
    pod,
    ...(status.terminatingSeconds !== undefined ? { terminatingSeconds: status.terminatingSeconds } : {}),
    podNamed: name !== undefined,
    unnamedContainers: containers.filter((c) => c.name.startsWith('<')).length,
    containersFromEvents: fromEvents,
    unread: described.flatMap((c) => c.described.unread),
  };
}
