import type { V1Container, V1Pod } from '@kubernetes/client-node';
import { redactSecrets } from './redaction.js';

/** kubectl apply keeps the whole last applied manifest here, env values included. */
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

function scrubContainer(container: V1Container): V1Container {
  const out: V1Container = { ...container };
  // Names and valueFrom references say what is configured; literal values may be secrets.
  if (container.env) out.env = container.env.map(({ value: _value, ...rest }) => rest);
  if (container.command) out.command = container.command.map(redactSecrets);
  if (container.args) out.args = container.args.map(redactSecrets);
  return out;
}

/**
 * The pod as podmortem keeps it: env values dropped, credentials in command lines redacted,
 * the last-applied manifest and managedFields (copies of the spec, noise for diagnosis) removed.
 */
export function scrubPod(pod: V1Pod): V1Pod {
  const metadata = { ...pod.metadata };
  delete metadata.managedFields;
  if (metadata.annotations?.[LAST_APPLIED] !== undefined) {
    const { [LAST_APPLIED]: _dropped, ...annotations } = metadata.annotations;
    metadata.annotations = annotations;
  }
  if (!pod.spec) return { ...pod, metadata };
  const spec = { ...pod.spec, containers: pod.spec.containers.map(scrubContainer) };
  if (pod.spec.initContainers) spec.initContainers = pod.spec.initContainers.map(scrubContainer);
  if (pod.spec.ephemeralContainers) spec.ephemeralContainers = pod.spec.ephemeralContainers.map((c) => ({ ...c, ...scrubContainer(c as V1Container) }));
  return { ...pod, metadata, spec };
}
