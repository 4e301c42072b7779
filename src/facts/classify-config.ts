/** What a CreateContainerConfigError or FailedMount message says is missing. */
export interface MissingObject {
  readonly kind: 'configmap' | 'secret' | 'key' | 'serviceaccount' | 'pvc' | 'other';
  /** The missing object's name (for a key: `key in namespace/object`). */
  readonly name: string;
  /** For a missing key: the object that lacks it. */
  readonly object?: string;
}

export function classifyMissingObject(message: string | null | undefined): MissingObject | null {
  if (!message) return null;
  let m = /(configmaps?|secrets?|serviceaccounts?|persistentvolumeclaims?) "([^"]+)" not found/i.exec(message);
  if (m?.[1] && m[2]) {
    const word = m[1].toLowerCase();
    const kind = word.startsWith('configmap')
      ? 'configmap'
      : word.startsWith('secret')
        ? 'secret'
        : word.startsWith('serviceaccount')
          ? 'serviceaccount'
          : 'pvc';
    return { kind, name: m[2] };
  }
  m = /couldn't find key ([^\s]+) in (ConfigMap|Secret) ([^\s]+)/i.exec(message);
  if (m?.[1] && m[2] && m[3]) return { kind: 'key', name: m[1], object: `${m[2]} ${m[3]}` };
  return null;
}
