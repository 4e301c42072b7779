import { formatBytes, parseQuantity } from './quantity.js';

/**
 * What an eviction reclaimed. `ephemeral-storage` is the pod's own limit (a container's
 * ephemeral-storage limit, the pod's total, or an emptyDir sizeLimit); `disk` is the node's
 * filesystem running low (DiskPressure: nodefs or imagefs space or inodes).
 */
export type EvictionResource = 'memory' | 'ephemeral-storage' | 'disk' | 'pid' | 'other';

/** kubelet names the starved node resource as the signal maps it: nodefs and imagefs both read `ephemeral-storage`. */
const NODE_RESOURCES: Record<string, EvictionResource> = {
  memory: 'memory',
  'ephemeral-storage': 'disk',
  nodefs: 'disk',
  imagefs: 'disk',
  inodes: 'disk',
  pids: 'pid',
};

const OWN_LIMIT = /exceeded its local ephemeral storage limit|ephemeral local storage usage exceeds|Usage of EmptyDir volume .* exceeds the limit/i;

export function classifyEviction(message: string | null | undefined): EvictionResource | null {
  // `Evicted` alone (a get pods row, a status with no message) says nothing of what was reclaimed.
  if (!message || message.trim() === 'Evicted') return null;
  if (OWN_LIMIT.test(message)) return 'ephemeral-storage';
  const resource = /low on resource: ([\w.-]+)/i.exec(message)?.[1]?.toLowerCase();
  if (resource) return NODE_RESOURCES[resource] ?? NODE_RESOURCES[resource.split('.')[0] ?? ''] ?? 'other';
  const condition = /node had condition: \[?(Memory|Disk|PID)Pressure/i.exec(message)?.[1]?.toLowerCase();
  if (condition) return condition === 'memory' ? 'memory' : condition === 'disk' ? 'disk' : 'pid';
  if (/memory/i.test(message)) return 'memory';
  if (/disk|storage/i.test(message)) return 'disk';
  return 'other';
}

/** Byte quantities as people read them (`1286340Ki` -> `1.2Gi`); process counts stay as they are. */
function readable(quantity: string, message: string): string {
  if (classifyEviction(message) === 'pid') return quantity;
  const bytes = parseQuantity(quantity);
  return bytes !== null && bytes >= 1024 ? formatBytes(bytes) : quantity;
}

/**
 * "container app was using 1.2Gi, request is 256Mi" for each container the message blames, from
 * either kubelet wording ("..., request is 256Mi, has larger consumption of memory." in older releases,
 * "..., which exceeds its request of 256Mi." in newer ones).
 */
export function evictionUsage(message: string | null | undefined): string[] {
  if (!message) return [];
  return [...message.matchAll(/Container (\S+) was using ([^,\s]+), (?:request is|which exceeds its request of) ([^,\s]+?)[,.]?(?=\s|$)/g)].map(
    (m) => `container ${m[1]} was using ${readable(m[2] ?? '', message)}, request is ${readable(m[3] ?? '', message)}`,
  );
}

/** "Threshold quantity: 100Mi, available: 52Mi" from a node-pressure eviction. */
export function evictionThreshold(message: string | null | undefined): string | null {
  const m = /Threshold quantity: ([^,\s]+), available: (\S+?)\.?(?=\s|$)/i.exec(message ?? '');
  return m?.[1] && m[2] ? `threshold ${readable(m[1], message ?? '')}, available ${readable(m[2], message ?? '')}` : null;
}

/** What blew the pod's own storage budget: `container X over its "20Mi" limit`, an emptyDir, or the pod total. */
export function ephemeralStorageOverrun(message: string | null | undefined): string | null {
  if (!message) return null;
  let m = /Container (\S+) exceeded its local ephemeral storage limit "([^"]+)"/i.exec(message);
  if (m) return `container ${m[1]} exceeded its ephemeral-storage limit of ${m[2]}`;
  m = /Usage of EmptyDir volume "([^"]+)" exceeds the limit "([^"]+)"/i.exec(message);
  if (m) return `emptyDir volume ${m[1]} exceeded its sizeLimit of ${m[2]}`;
  m = /Pod ephemeral local storage usage exceeds the total limit of containers (\S+?)\.?$/i.exec(message.trim());
  if (m) return `the pod's containers together exceeded their total ephemeral-storage limit of ${m[1]}`;
  return null;
}
