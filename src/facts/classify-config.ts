/** What a CreateContainerConfigError or FailedMount message says is missing. */
export interface MissingObject {
  readonly kind: 'configmap' | 'secret' | 'key' | 'serviceaccount' | 'pvc' | 'other';
  /** The missing object's name (for a key: `key in namespace/object`). */
  readonly name: string;
  /** For a missing key: the object that lacks it, as kubelet names it (`ConfigMap ns/name`). */
  readonly object?: string;
  /** For a missing key: the lacking object's resource (`configmap`, `secret`) and name, for kubectl. */
  readonly objectResource?: 'configmap' | 'secret';
  readonly objectName?: string;
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
  if (m?.[1] && m[2] && m[3]) {
    const objectResource = m[2].toLowerCase() === 'secret' ? 'secret' : 'configmap';
    return { kind: 'key', name: m[1], object: `${m[2]} ${m[3]}`, objectResource, objectName: m[3].split('/').at(-1) ?? m[3] };
  }
  return null;
}
