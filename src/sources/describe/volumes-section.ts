import type { V1Volume } from '@kubernetes/client-node';
import { isDnsLabel, isEmptyValue, keyValue } from './key-value.js';
import type { PasteLine } from './paste-lines.js';

function bool(value: string | undefined): boolean | undefined {
  return value === 'true' ? true : value === 'false' ? false : undefined;
}

function number(value: string | undefined): number | undefined {
  return value && /^\d+$/.test(value) ? Number(value) : undefined;
}

/** Builds the volume source from describe's `Type:` and the fields printed for it. */
function toVolume(name: string, fields: Map<string, string>): V1Volume {
  const type = (fields.get('Type') ?? '').split(/\s/)[0];
  const get = (key: string) => {
    const value = fields.get(key);
    return value === undefined || isEmptyValue(value) ? undefined : value;
  };
  const optional = bool(get('Optional'));
  switch (type) {
    case 'ConfigMap':
      return { name, configMap: { name: get('Name') ?? '', ...(optional !== undefined ? { optional } : {}) } };
    case 'Secret':
      return { name, secret: { secretName: get('SecretName') ?? '', ...(optional !== undefined ? { optional } : {}) } };
    case 'PersistentVolumeClaim':
      return { name, persistentVolumeClaim: { claimName: get('ClaimName') ?? '', ...(bool(get('ReadOnly')) ? { readOnly: true } : {}) } };
    case 'EmptyDir':
      return { name, emptyDir: { ...(get('Medium') ? { medium: get('Medium') } : {}), ...(get('SizeLimit') ? { sizeLimit: get('SizeLimit') } : {}) } };
    case 'HostPath':
      return { name, hostPath: { path: get('Path') ?? '', ...(get('HostPathType') ? { type: get('HostPathType') } : {}) } };
    case 'Projected': {
      const expirationSeconds = number(get('TokenExpirationSeconds'));
      const configMapName = get('ConfigMapName');
      return {
        name,
        projected: {
          sources: [
            ...(expirationSeconds ? [{ serviceAccountToken: { path: 'token', expirationSeconds } }] : []),
            ...(configMapName ? [{ configMap: { name: configMapName } }] : []),
            ...(get('DownwardAPI') === 'true' ? [{ downwardAPI: {} }] : []),
          ],
        },
      };
    }
    default:
      return { name };
  }
}

/** `Volumes:` lists `name:` blocks with a `Type:` line and the fields of that volume type. */
export function readVolumes(lines: readonly PasteLine[]): V1Volume[] {
  const volumes: V1Volume[] = [];
  let name: string | null = null;
  let fields = new Map<string, string>();
  const flush = () => {
    if (name) volumes.push(toVolume(name, fields));
  };
  for (const line of lines) {
    const kv = keyValue(line.text);
    if (!kv) continue;
    if (kv.value === '' && isDnsLabel(kv.key)) {
      flush();
      name = kv.key;
      fields = new Map();
    } else {
      fields.set(kv.key, kv.value);
    }
  }
  flush();
  return volumes;
}
