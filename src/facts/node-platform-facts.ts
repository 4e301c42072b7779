import { podFact } from './definition.js';

export const NODE_PLATFORM_FACTS = [
  podFact({
    name: 'nodeArchitecture',
    type: 'string',
    description: 'The CPU architecture of the pod\'s node (`amd64`, `arm64`), from its nodeInfo or kubernetes.io/arch label; null when the node is not known.',
    example: 'arm64',
    compute: (p) => p.incident.node?.status?.nodeInfo?.architecture ?? p.incident.node?.metadata?.labels?.['kubernetes.io/arch'] ?? null,
    cite: (p, value) =>
      value ? { source: `node/${p.incident.node?.metadata?.name ?? ''} status.nodeInfo.architecture`, text: String(value) } : null,
  }),
];
