import type { V1Node, V1Pod } from '@kubernetes/client-node';
import type { PodEvent } from '../src/model/event.js';
import type { Incident } from '../src/model/incident.js';

export const CAPTURED_AT = '2026-11-25T12:00:00Z';

/** An ISO time `seconds` before the capture time. */
export function ago(seconds: number): string {
  return new Date(Date.parse(CAPTURED_AT) - seconds * 1000).toISOString();
}

/** A pod event as the loader normalises it; about the pod unless `kind: 'Node'`. */
export function podEvent(reason: string, message: string, options: { count?: number; secondsAgo?: number; type?: string; source?: string; kind?: string; name?: string } = {}): PodEvent {
  const time = ago(options.secondsAgo ?? 60);
  return {
    type: options.type ?? 'Warning',
    reason,
    message,
    count: options.count ?? 1,
    firstTimestamp: time,
    lastTimestamp: time,
    involvedObject: { kind: options.kind ?? 'Pod', name: options.name ?? 'web-0', namespace: 'default' },
    source: options.source ?? 'kubelet',
  };
}

/** A pod with one app container; `status` and `spec` are merged over the defaults. */
export function makePod(overrides: { metadata?: Partial<V1Pod['metadata']>; spec?: Partial<V1Pod['spec']>; status?: V1Pod['status'] } = {}): V1Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web-0', namespace: 'default', uid: 'uid-web-0', creationTimestamp: new Date(ago(3600)), ...overrides.metadata },
    spec: { containers: [{ name: 'app', image: 'registry.example.com/web:1.0' }], ...overrides.spec },
    status: overrides.status ?? { phase: 'Running' },
  };
}

export function makeNode(name: string, conditions: Record<string, string>, taints: Array<{ key: string; effect: string }> = []): V1Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name },
    spec: { taints },
    status: {
      conditions: Object.entries(conditions).map(([type, status]) => ({
        type,
        status,
        lastTransitionTime: new Date(ago(1800)),
        ...(type === 'Ready' && status === 'Unknown' ? { message: 'Kubelet stopped posting node status.' } : {}),
      })),
    },
  };
}

export function makeIncident(parts: { pod: V1Pod; events?: PodEvent[]; node?: V1Node; nodeEvents?: PodEvent[] }): Incident {
  return {
    pod: parts.pod,
    events: parts.events ?? [],
    logs: [],
    ...(parts.node ? { node: parts.node } : {}),
    nodeEvents: parts.nodeEvents ?? [],
    source: { kind: 'file', capturedAt: CAPTURED_AT },
  };
}
