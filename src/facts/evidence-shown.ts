import type { Incident } from '../model/incident.js';
import type { ContainerContext, PodContext } from './context.js';

/*
 * Whole API objects (files, bundles, the cluster) hold every field, so an absent field there
 * means "not set". Pasted text does not: kubectl describe never prints some fields, a paste may
 * be cut, and a pod rebuilt from pasted events alone is a stand-in with nothing but the names
 * its events give. Facts that read an absent field as "none" ask these first and say null
 * (not shown) instead of claiming the pod has none.
 */

/** The pod was rebuilt from pasted text (describe output, events tables) or pieces of its YAML. */
export function fromPaste(p: PodContext): boolean {
  return incidentFromPaste(p.incident);
}

export function incidentFromPaste(incident: Incident): boolean {
  if (incident.source.kind === 'describe') return true;
  // The API server rejects a pod without containers and a container without an image, so such a
  // spec was rebuilt from a piece of YAML (a status: block, a containerStatuses list).
  const containers = incident.pod.spec?.containers ?? [];
  return containers.every((c) => !c.image);
}

/**
 * The pod's own description was in the evidence: its status or the header of describe output
 * (phase, reason, QoS class, conditions, container states). False for a stand-in built from events.
 */
export function podShown(p: PodContext): boolean {
  if (!fromPaste(p)) return true;
  const status = p.pod.status ?? {};
  return Boolean(
    status.phase || status.reason || status.qosClass || status.conditions?.length || status.containerStatuses?.length || status.initContainerStatuses?.length,
  );
}

/**
 * The container's own block was in the evidence, from its head (describe prints the image before
 * the command, probes and limits). False for a container known only from events (its spec holds
 * no more than the name and pulled image) and for one whose block was cut above the image line.
 */
export function containerShown(c: ContainerContext): boolean {
  if (!fromPaste(c.pod)) return true;
  const spec = c.spec ?? { name: c.name };
  if (spec.image === undefined) return false;
  return c.status !== undefined || Object.keys(spec).some((key) => key !== 'name' && key !== 'image');
}
