import type { V1Container, V1EnvVar, V1PodTemplateSpec, V1Probe, V1Toleration, V1Volume } from '@kubernetes/client-node';

/** One difference between two pod templates: a stable field key rules can match, and a line for people. */
export interface TemplateChange {
  /** e.g. `containers[app].image`, `containers[app].resources.limits.memory`, `volumes[cfg].configMap`. */
  readonly field: string;
  /** e.g. `image of app orders-api 2.14.0 -> 2.14.1`. */
  readonly text: string;
}

/** What changed from one revision's template to another's. */
export interface TemplateDiff {
  /** Changes to the pod spec: what can make a pod fail. */
  readonly spec: readonly TemplateChange[];
  /** Template labels and annotations that changed (keys only): they never make a pod fail by themselves. */
  readonly metadata: readonly string[];
}

/** Labels the controllers add to tell revisions apart: they differ by design. */
const REVISION_LABELS = new Set(['pod-template-hash', 'controller-revision-hash']);

/** JSON with object keys sorted, so two equal objects written in another key order compare equal. */
function stable(value: unknown): string {
  if (value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

const same = (a: unknown, b: unknown) => stable(a) === stable(b);
/** A field of an API object by name, for the fields no comparison above knows. */
const field = (object: object, key: string): unknown => (object as Record<string, unknown>)[key];
const shown = (value: unknown) => (value === undefined || value === null || value === '' ? 'none' : String(value));

/** At most `max` characters, cut with an ellipsis: command lines can be long. */
function short(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function argvText(argv: readonly string[] | undefined): string {
  if (!argv || argv.length === 0) return 'none';
  return short(argv.map((a) => (/[\s"']/.test(a) ? JSON.stringify(a) : a)).join(' '));
}

/** Only what differs: the items that changed, or the items added or dropped at the end. */
function argvChange(before: readonly string[], after: readonly string[]): string {
  const common = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < common && before[prefix] === after[prefix]) prefix++;
  if (prefix === before.length) return `adds ${argvText(after.slice(prefix))}`;
  if (prefix === after.length) return `drops ${argvText(before.slice(prefix))}`;
  if (before.length === after.length) {
    const changed = before.flatMap((item, i) => (item === after[i] ? [] : [`${argvText([item])} -> ${argvText([after[i] as string])}`]));
    if (changed.length <= 2) return changed.join(', ');
  }
  return `${argvText(before)} -> ${argvText(after)}`;
}

interface ImageRef {
  readonly repository: string;
  readonly tag: string | null;
  readonly digest: string | null;
}

function parseImage(image: string): ImageRef {
  const at = image.indexOf('@');
  const digest = at >= 0 ? image.slice(at + 1) : null;
  const rest = at >= 0 ? image.slice(0, at) : image;
  const colon = rest.lastIndexOf(':');
  const tagged = colon > rest.lastIndexOf('/');
  return { repository: tagged ? rest.slice(0, colon) : rest, tag: tagged ? rest.slice(colon + 1) : null, digest };
}

function version(ref: ImageRef): string {
  const digest = ref.digest ? `@${ref.digest.slice(0, 19)}` : '';
  return `${ref.tag ?? (ref.digest ? '' : 'latest')}${digest}`;
}

/** `orders-api 2.14.0 -> 2.14.1` for a new tag of the same repository, else both images whole. */
function imageChange(before: string | undefined, after: string | undefined): string {
  if (!before || !after) return `${shown(before)} -> ${shown(after)}`;
  const a = parseImage(before);
  const b = parseImage(after);
  if (a.repository !== b.repository) return `${before} -> ${after}`;
  return `${a.repository.split('/').pop()} ${version(a)} -> ${version(b)}`;
}

/** What an env var's valueFrom points at, never a value: `configMap app-config key LOG_LEVEL`. */
function envSource(env: V1EnvVar | undefined): { kind: string; text: string } {
  const from = env?.valueFrom;
  if (!env) return { kind: 'none', text: 'none' };
  if (!from) return { kind: 'value', text: 'a literal value' };
  if (from.configMapKeyRef) return { kind: 'configMapKeyRef', text: `configMap ${from.configMapKeyRef.name} key ${from.configMapKeyRef.key}` };
  if (from.secretKeyRef) return { kind: 'secretKeyRef', text: `secret ${from.secretKeyRef.name} key ${from.secretKeyRef.key}` };
  if (from.fieldRef) return { kind: 'fieldRef', text: `field ${from.fieldRef.fieldPath}` };
  if (from.resourceFieldRef) return { kind: 'resourceFieldRef', text: `resource ${from.resourceFieldRef.resource}` };
  return { kind: 'valueFrom', text: 'a reference' };
}

function envChanges(label: string, base: string, before: readonly V1EnvVar[] = [], after: readonly V1EnvVar[] = []): TemplateChange[] {
  const changes: TemplateChange[] = [];
  const old = new Map(before.map((e) => [e.name, e]));
  const now = new Map(after.map((e) => [e.name, e]));
  for (const name of new Set([...old.keys(), ...now.keys()])) {
    const a = old.get(name);
    const b = now.get(name);
    // Literal values are never kept (they may be secrets), so only where a value comes from is compared.
    if (a && b && same(a.valueFrom, b.valueFrom)) continue;
    const from = envSource(a);
    const to = envSource(b);
    const kind = to.kind !== 'none' && to.kind !== 'value' ? to.kind : from.kind;
    const field = `${base}.env[${name}]${kind !== 'none' && kind !== 'value' ? `.valueFrom.${kind}` : ''}`;
    if (!a) changes.push({ field, text: `env ${name} added to ${label}${to.kind === 'value' ? '' : ` (from ${to.text})`}` });
    else if (!b) changes.push({ field, text: `env ${name} removed from ${label}` });
    else changes.push({ field, text: `env ${name} of ${label}: ${from.text} -> ${to.text}` });
  }
  return changes;
}

function envFromChanges(label: string, base: string, before: V1Container['envFrom'] = [], after: V1Container['envFrom'] = []): TemplateChange[] {
  const refs = (list: NonNullable<V1Container['envFrom']>) =>
    new Map(
      list.map((e) => {
        const kind = e.configMapRef ? 'configMapRef' : e.secretRef ? 'secretRef' : 'ref';
        const name = e.configMapRef?.name ?? e.secretRef?.name ?? '';
        return [`${kind}[${name}]${e.prefix ? ` prefix ${e.prefix}` : ''}`, { kind, name, prefix: e.prefix }];
      }),
    );
  const old = refs(before);
  const now = refs(after);
  const changes: TemplateChange[] = [];
  const word = (kind: string) => (kind === 'configMapRef' ? 'configMap' : kind === 'secretRef' ? 'secret' : 'source');
  for (const [key, ref] of now) if (!old.has(key)) changes.push({ field: `${base}.envFrom.${key}`, text: `envFrom of ${label} adds ${word(ref.kind)} ${ref.name}` });
  for (const [key, ref] of old) if (!now.has(key)) changes.push({ field: `${base}.envFrom.${key}`, text: `envFrom of ${label} drops ${word(ref.kind)} ${ref.name}` });
  return changes;
}

const RESOURCE_WORDS: Record<string, string> = { limits: 'limit', requests: 'request' };

function resourceChanges(label: string, base: string, before: V1Container['resources'], after: V1Container['resources']): TemplateChange[] {
  const changes: TemplateChange[] = [];
  for (const kind of ['limits', 'requests'] as const) {
    const a = (before?.[kind] ?? {}) as Record<string, unknown>;
    const b = (after?.[kind] ?? {}) as Record<string, unknown>;
    for (const resource of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (String(a[resource] ?? '') === String(b[resource] ?? '')) continue;
      changes.push({ field: `${base}.resources.${kind}.${resource}`, text: `${resource} ${RESOURCE_WORDS[kind]} of ${label} ${shown(a[resource])} -> ${shown(b[resource])}` });
    }
  }
  return changes;
}

function probeHandler(probe: V1Probe): string {
  if (probe.httpGet) return `HTTP GET ${probe.httpGet.path ?? '/'} on port ${probe.httpGet.port}`;
  if (probe.tcpSocket) return `TCP port ${probe.tcpSocket.port}`;
  if (probe.grpc) return `gRPC port ${probe.grpc.port}`;
  if (probe.exec) return `exec ${argvText(probe.exec.command)}`;
  return 'no handler';
}

const PROBE_TIMINGS = ['initialDelaySeconds', 'periodSeconds', 'timeoutSeconds', 'failureThreshold', 'successThreshold', 'terminationGracePeriodSeconds'] as const;

function probeChanges(label: string, base: string, container: { before: V1Container; after: V1Container }): TemplateChange[] {
  const changes: TemplateChange[] = [];
  for (const kind of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
    const a = container.before[kind];
    const b = container.after[kind];
    if (same(a, b)) continue;
    const field = `${base}.${kind}`;
    if (!a || !b) {
      changes.push({ field, text: `${kind} of ${label} ${a ? 'removed' : `added (${probeHandler(b as V1Probe)})`}` });
      continue;
    }
    const parts: string[] = [];
    if (probeHandler(a) !== probeHandler(b)) parts.push(`${probeHandler(a)} -> ${probeHandler(b)}`);
    for (const timing of PROBE_TIMINGS) if (a[timing] !== b[timing]) parts.push(`${timing} ${shown(a[timing])} -> ${shown(b[timing])}`);
    changes.push({ field, text: `${kind} of ${label}: ${parts.length ? parts.join(', ') : 'changed'}` });
  }
  return changes;
}

function mountChanges(label: string, base: string, before: V1Container['volumeMounts'] = [], after: V1Container['volumeMounts'] = []): TemplateChange[] {
  const old = new Map(before.map((m) => [m.mountPath, m]));
  const now = new Map(after.map((m) => [m.mountPath, m]));
  const changes: TemplateChange[] = [];
  const what = (m: NonNullable<V1Container['volumeMounts']>[number]) => `${m.name}${m.subPath ? ` (subPath ${m.subPath})` : ''}${m.readOnly ? ' read-only' : ''}`;
  for (const path of new Set([...old.keys(), ...now.keys()])) {
    const a = old.get(path);
    const b = now.get(path);
    if (same(a, b)) continue;
    const field = `${base}.volumeMounts[${path}]`;
    if (!a) changes.push({ field, text: `${label} mounts ${what(b!)} at ${path}` });
    else if (!b) changes.push({ field, text: `${label} no longer mounts ${what(a)} at ${path}` });
    else changes.push({ field, text: `mount ${path} of ${label}: ${what(a)} -> ${what(b)}` });
  }
  return changes;
}

/** Container fields compared above; any other that differs is reported by name. */
const COMPARED_CONTAINER_KEYS = new Set(['name', 'image', 'command', 'args', 'env', 'envFrom', 'resources', 'livenessProbe', 'readinessProbe', 'startupProbe', 'volumeMounts']);

function containerChanges(list: 'containers' | 'initContainers', before: readonly V1Container[] = [], after: readonly V1Container[] = []): TemplateChange[] {
  const changes: TemplateChange[] = [];
  const old = new Map(before.map((c) => [c.name, c]));
  const now = new Map(after.map((c) => [c.name, c]));
  const noun = list === 'containers' ? 'container' : 'init container';
  for (const name of new Set([...old.keys(), ...now.keys()])) {
    const a = old.get(name);
    const b = now.get(name);
    const base = `${list}[${name}]`;
    if (!a || !b) {
      changes.push({ field: base, text: `${noun} ${name} ${a ? 'removed' : `added (${b?.image ?? 'no image'})`}` });
      continue;
    }
    const label = list === 'containers' ? name : `init container ${name}`;
    if (a.image !== b.image) changes.push({ field: `${base}.image`, text: `image of ${label} ${imageChange(a.image, b.image)}` });
    for (const key of ['command', 'args'] as const) {
      if (!same(a[key], b[key])) changes.push({ field: `${base}.${key}`, text: `${key} of ${label}: ${argvChange(a[key] ?? [], b[key] ?? [])}` });
    }
    changes.push(...resourceChanges(label, base, a.resources, b.resources));
    changes.push(...envChanges(label, base, a.env, b.env));
    changes.push(...envFromChanges(label, base, a.envFrom, b.envFrom));
    changes.push(...probeChanges(label, base, { before: a, after: b }));
    changes.push(...mountChanges(label, base, a.volumeMounts, b.volumeMounts));
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (COMPARED_CONTAINER_KEYS.has(key) || same(field(a, key), field(b, key))) continue;
      changes.push({ field: `${base}.${key}`, text: `${key} of ${label} changed` });
    }
  }
  return changes;
}

/** A volume's source, never its data: `configMap orders-config`, `secret tls`, `persistentVolumeClaim data-0`. */
function volumeSource(volume: V1Volume | undefined): { kind: string; text: string } {
  if (!volume) return { kind: 'none', text: 'none' };
  const { name: _name, ...sources } = volume as V1Volume & Record<string, unknown>;
  const [kind, source] = Object.entries(sources).find(([, v]) => v !== undefined) ?? ['none', undefined];
  const s = (source ?? {}) as Record<string, unknown>;
  const named = s.name ?? s.secretName ?? s.claimName ?? s.path ?? s.driver;
  return { kind, text: named ? `${kind} ${String(named)}` : kind };
}

function volumeChanges(before: readonly V1Volume[] = [], after: readonly V1Volume[] = []): TemplateChange[] {
  const old = new Map(before.map((v) => [v.name, v]));
  const now = new Map(after.map((v) => [v.name, v]));
  const changes: TemplateChange[] = [];
  for (const name of new Set([...old.keys(), ...now.keys()])) {
    const a = old.get(name);
    const b = now.get(name);
    if (same(a, b)) continue;
    const from = volumeSource(a);
    const to = volumeSource(b);
    const field = `volumes[${name}].${to.kind !== 'none' ? to.kind : from.kind}`;
    if (!a) changes.push({ field, text: `volume ${name} added (${to.text})` });
    else if (!b) changes.push({ field, text: `volume ${name} removed (was ${from.text})` });
    else changes.push({ field, text: `volume ${name}: ${from.text === to.text ? `${to.text} changed` : `${from.text} -> ${to.text}`}` });
  }
  return changes;
}

function tolerationText(t: V1Toleration): string {
  const key = t.key ?? '*';
  const match = t.operator === 'Exists' ? key : `${key}=${t.value ?? ''}`;
  return `${match}:${t.effect ?? '*'}${t.tolerationSeconds !== undefined ? ` for ${t.tolerationSeconds}s` : ''}`;
}

function mapChanges(field: string, noun: string, before: Record<string, string> = {}, after: Record<string, string> = {}): TemplateChange[] {
  const changes: TemplateChange[] = [];
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (before[key] === after[key]) continue;
    changes.push({ field: `${field}[${key}]`, text: `${noun} ${key}: ${shown(before[key])} -> ${shown(after[key])}` });
  }
  return changes;
}

/** Pod spec fields compared above; any other that differs is reported by name. */
const COMPARED_SPEC_KEYS = new Set(['containers', 'initContainers', 'volumes', 'nodeSelector', 'tolerations', 'serviceAccountName', 'serviceAccount']);

function specChanges(before: V1PodTemplateSpec['spec'], after: V1PodTemplateSpec['spec']): TemplateChange[] {
  const a = before ?? { containers: [] };
  const b = after ?? { containers: [] };
  const changes = [
    ...containerChanges('initContainers', a.initContainers, b.initContainers),
    ...containerChanges('containers', a.containers, b.containers),
    ...volumeChanges(a.volumes, b.volumes),
    ...mapChanges('nodeSelector', 'nodeSelector', a.nodeSelector, b.nodeSelector),
  ];
  const oldTolerations = new Set((a.tolerations ?? []).map(tolerationText));
  const newTolerations = new Set((b.tolerations ?? []).map(tolerationText));
  const added = [...newTolerations].filter((t) => !oldTolerations.has(t));
  const removed = [...oldTolerations].filter((t) => !newTolerations.has(t));
  if (added.length || removed.length) {
    changes.push({ field: 'tolerations', text: `tolerations ${[...added.map((t) => `+ ${t}`), ...removed.map((t) => `- ${t}`)].join(', ')}` });
  }
  const account = (s: typeof a) => s.serviceAccountName ?? s.serviceAccount;
  if (account(a) !== account(b)) changes.push({ field: 'serviceAccountName', text: `service account ${shown(account(a))} -> ${shown(account(b))}` });
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = field(a, key);
    const y = field(b, key);
    if (COMPARED_SPEC_KEYS.has(key) || same(x, y)) continue;
    const scalar = (v: unknown) => v === undefined || v === null || typeof v !== 'object';
    changes.push({ field: key, text: scalar(x) && scalar(y) ? `${key} ${shown(x)} -> ${shown(y)}` : `${key} changed` });
  }
  return changes;
}

/** Images first, then resources: what a reader checks first after a rollout. */
function weight(change: TemplateChange): number {
  if (change.field.endsWith('.image') || /^(init)?[cC]ontainers\[[^\]]+\]$/.test(change.field)) return 0;
  if (change.field.includes('.resources.')) return 1;
  if (change.field.endsWith('.command') || change.field.endsWith('.args')) return 2;
  return 3;
}

function metadataChanges(before: V1PodTemplateSpec['metadata'], after: V1PodTemplateSpec['metadata']): string[] {
  const keys: string[] = [];
  for (const [kind, a, b] of [
    ['label', before?.labels ?? {}, after?.labels ?? {}],
    ['annotation', before?.annotations ?? {}, after?.annotations ?? {}],
  ] as const) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (kind === 'label' && REVISION_LABELS.has(key)) continue;
      if (a[key] !== b[key]) keys.push(`${kind} ${key}`);
    }
  }
  return keys;
}

const cache = new WeakMap<V1PodTemplateSpec, WeakMap<V1PodTemplateSpec, TemplateDiff>>();

/**
 * What changed from `before` to `after`: the pod spec field by field (images with tag or digest,
 * command and args, env names and where values come from (never values), resources, probes,
 * volumes and mounts, node selector, tolerations, service account, anything else by name), and
 * apart from it the template's labels and annotations. Pure; the same pair is compared once.
 */
export function diffTemplates(before: V1PodTemplateSpec, after: V1PodTemplateSpec): TemplateDiff {
  let byAfter = cache.get(before);
  const known = byAfter?.get(after);
  if (known) return known;
  const spec = specChanges(before.spec, after.spec)
    .map((change, order) => ({ change, order }))
    .sort((x, y) => weight(x.change) - weight(y.change) || x.order - y.order)
    .map((x) => x.change);
  const diff = { spec, metadata: metadataChanges(before.metadata, after.metadata) };
  if (!byAfter) cache.set(before, (byAfter = new WeakMap()));
  byAfter.set(after, diff);
  return diff;
}
