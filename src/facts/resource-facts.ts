import { containerFact, specField } from './definition.js';
import type { ContainerContext } from './context.js';
import { parseQuantity } from './quantity.js';

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
  ...quantityFacts('memoryRequest', 'memory', 'requests', '64Mi'),
  ...quantityFacts('cpuLimit', 'cpu', 'limits', '500m'),
  ...quantityFacts('cpuRequest', 'cpu', 'requests', '100m'),
  ...quantityFacts('ephemeralStorageLimit', 'ephemeral-storage', 'limits', '1Gi'),
];
