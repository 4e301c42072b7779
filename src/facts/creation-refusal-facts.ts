import type { PodEvent } from '../model/event.js';
import type { PodContext } from './context.js';
import { podFact } from './definition.js';
import { eventEvidence } from './event-format.js';
import { lastMatching } from './event-queries.js';
import { ownerEvents } from './pod-queries.js';

/*
 * A pod the API server refused to create never exists: its ReplicaSet, StatefulSet, Job or
 * DaemonSet records `FailedCreate` ("Error creating: pods "web-x" is forbidden: exceeded quota")
 * and tries again. The refusal is all the evidence there is, on the owner, not on a pod.
 */

function refusal(p: PodContext): PodEvent | undefined {
  return lastMatching(ownerEvents(p), (e) => e.reason === 'FailedCreate' && e.type === 'Warning');
}

/** The refusal's words: the owner's FailedCreate event, else kubectl's error for a pod a person created (`pods "web" is forbidden: ...`). */
function refusalMessage(p: PodContext): string | undefined {
  return refusal(p)?.message ?? p.incident.createRefused;
}

/** What refused the pod, from the API server's and admission plugins' fixed wording. */
const REFUSALS: ReadonlyArray<readonly [RegExp, string]> = [
  [/exceeded quota|failed quota|must specify (?:limits|requests)/i, 'quota'],
  [/violates PodSecurity|unable to validate against any (?:pod )?security (?:policy|context constraint)|PodSecurityPolicy/i, 'pod-security'],
  [/admission webhook "[^"]{1,253}" denied|failed calling webhook/i, 'webhook'],
  [/(?:maximum|minimum) (?:cpu|memory|ephemeral-storage) usage per (?:Pod|Container)|LimitRange/i, 'limit-range'],
  [/serviceaccounts? "[^"]{1,253}" not found|error looking up service account/i, 'service-account'],
];

export const CREATION_REFUSAL_FACTS = [
  podFact({
    name: 'creationRefusal',
    type: 'string',
    description: "The API server's refusal to create the pod, from a FailedCreate event of its owner (`Error creating: pods \"web-x\" is forbidden: exceeded quota: ...`), or from kubectl's error for a pod a person created (`pods \"web\" is forbidden: ...`); null when neither is in the evidence.",
    example: 'Error creating: pods "web-7d9f-x2k8p" is forbidden: exceeded quota: team-quota, requested: requests.cpu=2, used: requests.cpu=9, limited: requests.cpu=10',
    compute: (p) => refusalMessage(p) ?? null,
    cite: (p) => {
      const event = refusal(p);
      if (event) return eventEvidence(event);
      return p.incident.createRefused ? { source: 'kubectl (creating the pod)', text: p.incident.createRefused } : null;
    },
  }),
  podFact({
    name: 'creationRefusalKind',
    type: 'string',
    description: 'What refused the pod: `quota` (a ResourceQuota), `pod-security` (Pod Security admission or a policy), `webhook` (a validating or mutating webhook), `limit-range`, `service-account`, or `other`; null without a refusal.',
    example: 'quota',
    compute: (p) => {
      const message = refusalMessage(p);
      if (message === undefined) return null;
      return REFUSALS.find(([pattern]) => pattern.test(message))?.[1] ?? 'other';
    },
  }),
  podFact({
    name: 'creationRefusalOwner',
    type: 'string',
    description: 'The owner that could not create the pod, as `Kind name` (`ReplicaSet web-7d9f`); null without a refusal.',
    example: 'ReplicaSet web-7d9f',
    compute: (p) => {
      const object = refusal(p)?.involvedObject;
      return object ? `${object.kind} ${object.name}` : null;
    },
  }),
];
