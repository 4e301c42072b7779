import type { V1Container, V1HTTPGetAction, V1LifecycleHandler, V1Node, V1ObjectMeta, V1Pod, V1Probe, V1Volume } from '@kubernetes/client-node';
import { redactArgv, REDACTED } from './redact-text.js';
import { scrubAnnotations } from './scrub-annotations.js';
import { scrubStrings } from './scrub-strings.js';

/** Probe and hook headers whose values say how the request is routed, never who makes it. */
const KEPT_HEADERS = new Set([
  'host',
  'accept',
  'accept-encoding',
  'accept-language',
  'user-agent',
  'content-type',
  'connection',
  'cache-control',
  'x-forwarded-proto',
  'x-forwarded-host',
  'x-forwarded-port',
  'x-forwarded-for',
  'x-real-ip',
  'x-request-id',
]);

function scrubHttpGet(action: V1HTTPGetAction): V1HTTPGetAction {
  if (!action.httpHeaders) return action;
  return {
    ...action,
    httpHeaders: action.httpHeaders.map((header) => (KEPT_HEADERS.has(String(header.name).toLowerCase()) ? header : { ...header, value: REDACTED })),
  };
}

/** A probe or lifecycle hook: its exec command as a command line, its HTTP headers by allow-list. */
function scrubHandler<T extends V1Probe | V1LifecycleHandler>(handler: T | undefined): T | undefined {
  if (!handler || (!handler.exec && !handler.httpGet?.httpHeaders)) return handler;
  const out: T = { ...handler };
  if (Array.isArray(handler.exec?.command)) out.exec = { ...handler.exec, command: redactArgv(handler.exec.command) };
  if (handler.httpGet) out.httpGet = scrubHttpGet(handler.httpGet);
  return out;
}

function scrubContainer(container: V1Container): V1Container {
  const out: V1Container = { ...container };
  // Names and valueFrom references say what is configured; literal values may be secrets.
  if (Array.isArray(container.env)) out.env = container.env.map(({ value: _value, ...rest }) => rest);
  // command and args are one command line: a flag at the end of command takes the first arg.
  const command = Array.isArray(container.command) ? container.command : [];
  const args = Array.isArray(container.args) ? container.args : [];
  if (command.length + args.length > 0) {
    const argv = redactArgv([...command, ...args]);
    if (container.command) out.command = argv.slice(0, command.length);
    if (container.args) out.args = argv.slice(command.length);
  }
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
    if (container[probe]) out[probe] = scrubHandler(container[probe]);
  }
  if (container.lifecycle) {
    const lifecycle = { ...container.lifecycle };
    for (const hook of ['postStart', 'preStop'] as const) if (lifecycle[hook]) lifecycle[hook] = scrubHandler(lifecycle[hook]);
    out.lifecycle = lifecycle;
  }
  return out;
}

/** flexVolume options are whatever the driver takes, credentials included: every value goes. */
function scrubVolume(volume: V1Volume): V1Volume {
  const options = volume.flexVolume?.options;
  if (!options || !volume.flexVolume) return volume;
  return { ...volume, flexVolume: { ...volume.flexVolume, options: Object.fromEntries(Object.keys(options).map((key) => [key, REDACTED])) } };
}

/** Metadata without managedFields (copies of the spec), annotations by allow-list. */
export function scrubMetadata(metadata: V1ObjectMeta | undefined): V1ObjectMeta | undefined {
  if (!metadata || typeof metadata !== 'object' || (!metadata.managedFields && !metadata.annotations)) return metadata;
  const { managedFields: _dropped, ...out } = metadata;
  if (metadata.annotations && typeof metadata.annotations === 'object') out.annotations = scrubAnnotations(metadata.annotations);
  return out;
}

const list = <T>(value: T[] | undefined, scrub: (item: T) => T): T[] | undefined => (Array.isArray(value) ? value.map(scrub) : value);

/**
 * The pod as podmortem keeps it: env values dropped; command lines, probe and hook commands
 * redacted as argv; probe headers by allow-list; flexVolume options dropped; annotations by
 * allow-list; managedFields removed; then every remaining string through the secret shapes
 * (termination messages, conditions, paths, labels, whatever a future API field holds).
 */
export function scrubPod(pod: V1Pod): V1Pod {
  const out: V1Pod = { ...pod };
  if (pod.metadata) out.metadata = scrubMetadata(pod.metadata);
  const spec = pod.spec;
  if (spec && typeof spec === 'object') {
    out.spec = {
      ...spec,
      containers: list(spec.containers, scrubContainer) ?? spec.containers,
      ...(spec.initContainers ? { initContainers: list(spec.initContainers, scrubContainer) } : {}),
      ...(spec.ephemeralContainers ? { ephemeralContainers: list(spec.ephemeralContainers, (c) => ({ ...c, ...scrubContainer(c as V1Container) })) } : {}),
      ...(spec.volumes ? { volumes: list(spec.volumes, scrubVolume) } : {}),
    };
  }
  return scrubStrings(out);
}

/** The node as podmortem keeps it: metadata as for pods, every string through the secret shapes. */
export function scrubNode(node: V1Node): V1Node {
  return scrubStrings(node.metadata ? { ...node, metadata: scrubMetadata(node.metadata) } : node);
}
