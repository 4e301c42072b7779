import { containerFact, specField } from './definition.js';
import type { ContainerContext } from './context.js';
import { parseQuantity } from './quantity.js';
import { fromPaste } from './evidence-shown.js';

/**
 * Whether the container has a memory limit: its value when shown; else the QoS class says it
 * (Guaranteed: every container has one; BestEffort: none has); else a whole API object without
 * one has none. A paste that shows no limit and no QoS class leaves it unknown: describe cut
 * above `Limits:`, or a containerStatuses fragment, says nothing about limits.
 */
function memoryLimitSet(c: ContainerContext): boolean | null {
  if (resource(c, 'limits', 'memory') !== null) return true;
  const qos = c.pod.pod.status?.qosClass;
  if (qos === 'Guaranteed') return true;
  if (qos === 'BestEffort') return false;
  return fromPaste(c.pod) ? null : false;
}

function resource(c: ContainerContext, kind: 'limits' | 'requests', name: string): string | null {
  const value = c.spec?.resources?.[kind]?.[name];
  return value === undefined || value === null ? null : String(value);
}

function quantityFacts(name: string, resourceName: string, kind: 'limits' | 'requests', example: string) {
  const label = kind === 'limits' ? 'limit' : 'request';
  return [
    containerFact({
      name,
      type: 'string',
      description: `The container's ${resourceName} ${label} as configured; null when unset.`,
      example,
      compute: (c) => resource(c, kind, resourceName),
      cite: specField(`resources.${kind}.${resourceName}`),
    }),
    containerFact({
      name: `${name}Value`,
      type: 'number',
      description: `The ${resourceName} ${label} as a number (bytes, or cores for cpu); null when unset.`,
      example: parseQuantity(example),
      compute: (c) => parseQuantity(resource(c, kind, resourceName)),
    }),
  ];
}

export const RESOURCE_FACTS = [
  ...quantityFacts('memoryLimit', 'memory', 'limits', '128Mi'),
  containerFact({
    name: 'memoryLimitSet',
    type: 'boolean',
    description: 'Whether the container has a memory limit: true when its value is shown or the QoS class is Guaranteed, false when a whole pod object shows none or the QoS class is BestEffort; null when a paste shows neither (not shown is not none).',
    example: true,
    compute: memoryLimitSet,
    cite: (c, value) => {
      if (value === null || resource(c, 'limits', 'memory') !== null) return null;
      const qos = c.pod.pod.status?.qosClass;
      return qos ? { source: 'status.qosClass', text: qos } : null;
    },
  }),
  containerFact({
    name: 'memoryLimitAssumption',
    type: 'string',
    description: 'A sentence for findings that rest on the memory limit when the evidence does not show it (memoryLimitSet is null); null when it is known.',
    example: 'The memory limit is not in the evidence (neither the container\'s Limits nor the pod\'s QoS class was pasted).',
    compute: (c) => (memoryLimitSet(c) === null ? "The memory limit is not in the evidence (neither the container's Limits nor the pod's QoS class was pasted)." : null),
  }),
  ...quantityFacts('memoryRequest', 'memory', 'requests', '64Mi'),
  ...quantityFacts('cpuLimit', 'cpu', 'limits', '500m'),
  ...quantityFacts('cpuRequest', 'cpu', 'requests', '100m'),
  ...quantityFacts('ephemeralStorageLimit', 'ephemeral-storage', 'limits', '1Gi'),
];
