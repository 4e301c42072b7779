import type { PodEvent } from '../model/event.js';
import type { PodContext } from './context.js';
import { podFact } from './definition.js';
import { eventEvidence } from './event-format.js';
import { classifyMissingObject } from './classify-config.js';
import { classifyAttachFailure, classifyMountFailure, mostTellingMount, podsHoldingVolume, volumeNamedIn } from './classify-volume.js';
import { citeOpenFailure, fromOpenFailure, openFailures } from './pod-queries.js';
import { sumCounts } from './event-queries.js';

const mountFailure = (e: PodEvent) => e.reason === 'FailedMount' || e.reason === 'FailedMapVolume';
const attachFailure = (e: PodEvent) => e.reason === 'FailedAttachVolume';

/** The FailedMount event that says most: a named missing object beats the timeout that follows it. */
function tellingMount(p: PodContext): PodEvent | undefined {
  const events = openFailures(p, mountFailure);
  return events[mostTellingMount(events.map((e) => e.message))];
}

function readTellingMount<T>(p: PodContext, read: (message: string) => T): T | null {
  const e = tellingMount(p);
  return e ? read(e.message) : null;
}

export const VOLUME_FACTS = [
  podFact({
    name: 'mountFailures',
    type: 'number',
    description: 'FailedMount / FailedMapVolume events (counts summed) that still hold the pod back: 0 once a container runs or started after them.',
    example: 9,
    compute: (p) => sumCounts(openFailures(p, mountFailure)),
    cite: citeOpenFailure(mountFailure),
  }),
  podFact({
    name: 'mountProblem',
    type: 'string',
    description: 'Why volumes do not mount, from the most telling FailedMount: `missing-object`, `missing-key`, `driver-not-registered`, `waiting-for-attach`, `mount-error`, `timeout`, `other`.',
    example: 'missing-object',
    compute: (p) => readTellingMount(p, classifyMountFailure),
  }),
  podFact({
    name: 'mountFailureMessage',
    type: 'string',
    description: 'The most telling FailedMount message: a specific error wins over the generic timeout kubelet reports after it.',
    example: 'MountVolume.SetUp failed for volume "config" : configmap "app-config" not found',
    compute: (p) => readTellingMount(p, (message) => message),
    cite: (p) => {
      const e = tellingMount(p);
      return e ? eventEvidence(e) : null;
    },
  }),
  podFact({
    name: 'mountVolume',
    type: 'string',
    description: 'The volume the most telling FailedMount names.',
    example: 'config',
    compute: (p) => readTellingMount(p, volumeNamedIn),
  }),
  podFact({
    name: 'mountMissingObject',
    type: 'string',
    description: 'The ConfigMap, Secret or PVC a FailedMount says is missing, as `kind/name` (kubectl\'s resource names).',
    example: 'configmap/app-config',
    compute: (p) => {
      for (const e of openFailures(p, mountFailure).reverse()) {
        const missing = classifyMissingObject(e.message);
        if (missing && missing.kind !== 'key') return `${missing.kind}/${missing.name}`;
      }
      return null;
    },
  }),
  podFact({
    name: 'attachFailures',
    type: 'number',
    description: 'FailedAttachVolume events from the attach/detach controller (counts summed) that still hold the pod back: 0 once a container runs or started after them.',
    example: 9,
    compute: (p) => sumCounts(openFailures(p, attachFailure)),
    cite: citeOpenFailure(attachFailure),
  }),
  podFact({
    name: 'attachProblem',
    type: 'string',
    description: 'Why the volume does not attach: `multi-attach` (a ReadWriteOnce volume still attached to another node), `attachment-being-deleted`, `timeout`, `volume-not-found`, `attach-limit`, `other`.',
    example: 'multi-attach',
    compute: fromOpenFailure(attachFailure, classifyAttachFailure),
  }),
  podFact({
    name: 'attachFailureMessage',
    type: 'string',
    description: 'The latest FailedAttachVolume message.',
    example: 'AttachVolume.Attach failed for volume "pvc-1" : volume attachment is being deleted',
    compute: fromOpenFailure(attachFailure, (message) => message),
  }),
  podFact({
    name: 'attachVolume',
    type: 'string',
    description: 'The volume the latest FailedAttachVolume names (usually the PersistentVolume, `pvc-<uid>`).',
    example: 'pvc-0a1b2c3d-4e5f-6789-abcd-ef0123456789',
    compute: fromOpenFailure(attachFailure, volumeNamedIn),
  }),
  podFact({
    name: 'attachHeldBy',
    type: 'string[]',
    description: 'Pods a Multi-Attach error says still use the volume.',
    example: ['postgres-0'],
    compute: fromOpenFailure(attachFailure, podsHoldingVolume),
  }),
];
