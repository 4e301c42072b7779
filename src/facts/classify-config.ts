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

/**
 * kubelet's texts for a container it cannot configure (CreateContainerConfigError), as its Failed
 * event prints them after `Error: `: a missing ConfigMap, Secret or key, a runAsNonRoot image,
 * and the volume mounts it could not prepare (a subPath, a volume the pod lacks).
 */
const CONFIG_FAILURE = /^Error: (?:(?:configmaps?|secrets?) "[^"]+" not found|couldn't find key |container has runAsNonRoot|failed to sync (?:configmap|secret) cache|failed to prepare subPath |cannot find volume "[^"]+" to mount into container|unable to provision SubPath )/i;

/** Whether a Failed event's message is kubelet failing to configure the container. */
export function isConfigFailureMessage(message: string): boolean {
  return CONFIG_FAILURE.test(message);
}

/** Configuration errors that are about a volume mount of the container rather than its env or user. */
const MOUNT_CONFIG = /failed to prepare subPath |cannot find volume "[^"]+" to mount into container|unable to provision SubPath /i;

/** What a configuration error is about: `volume-mount` for a mount kubelet could not prepare, `config` for anything else. */
export function configErrorSubject(message: string | null | undefined): 'volume-mount' | 'config' | null {
  if (!message) return null;
  return MOUNT_CONFIG.test(message) ? 'volume-mount' : 'config';
}
