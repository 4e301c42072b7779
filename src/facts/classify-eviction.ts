/** Which node resource an eviction reclaimed. */
export type EvictionResource = 'memory' | 'ephemeral-storage' | 'nodefs' | 'imagefs' | 'pid' | 'other';

export function classifyEviction(message: string | null | undefined): EvictionResource | null {
  if (!message) return null;
  if (/ephemeral[- ]storage/i.test(message)) return 'ephemeral-storage';
  const m = /low on resource: ([\w.-]+)/i.exec(message);
  const resource = m?.[1]?.toLowerCase();
  if (resource === 'memory') return 'memory';
  if (resource === 'pids') return 'pid';
  if (resource?.startsWith('nodefs')) return 'nodefs';
  if (resource?.startsWith('imagefs')) return 'imagefs';
  if (/memory/i.test(message)) return 'memory';
  if (/disk|storage/i.test(message)) return 'nodefs';
  return 'other';
}
