import type { JobCondition, JobStatusEvidence } from '../model/job-status.js';

/*
 * A Job object (from a file, a paste or the API server) read into the plain values facts use.
 * Every field is read by its type: a Job from a paste or a bundle is untrusted like any input.
 */

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const count = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
/** kubectl writes times as strings; a YAML reader may have made a Date of an unquoted one. */
const time = (v: unknown): string | null => (v instanceof Date ? v.toISOString() : text(v));

function conditionOf(value: Json): JobCondition | null {
  const type = text(value.type);
  if (!type) return null;
  return { type, status: text(value.status) ?? 'Unknown', reason: text(value.reason), message: text(value.message), since: time(value.lastTransitionTime) ?? time(value.lastProbeTime) };
}

function conditionsOf(value: unknown): JobCondition[] {
  return Array.isArray(value) ? value.filter(isObject).flatMap((c) => conditionOf(c) ?? []) : [];
}

/**
 * The Job's state. A whole Job (kubectl get job -o yaml, the API server: it always holds its pod
 * template) leaves out zero counts and empty conditions, so there absent means none; a pasted
 * piece of one without them says nothing.
 */
export function jobStatusOf(job: unknown): JobStatusEvidence {
  const object = isObject(job) ? job : {};
  const metadata = isObject(object.metadata) ? object.metadata : {};
  const spec = isObject(object.spec) ? object.spec : {};
  const whole = isObject(spec.template);
  const status = isObject(object.status) ? object.status : null;
  const shown = status !== null && (Array.isArray(status.conditions) || whole);
  return {
    name: text(metadata.name) ?? '',
    namespace: text(metadata.namespace) ?? 'default',
    conditions: shown ? conditionsOf(status?.conditions) : null,
    failedPods: count(status?.failed) ?? (whole && status ? 0 : null),
    succeededPods: count(status?.succeeded) ?? (whole && status ? 0 : null),
    activePods: count(status?.active) ?? (whole && status ? 0 : null),
    startTime: time(status?.startTime),
    backoffLimit: count(spec.backoffLimit),
    activeDeadlineSeconds: count(spec.activeDeadlineSeconds),
  };
}

/** A Job's state read back from a bundle; a malformed one is dropped. */
export function jobStatusFromBundle(value: unknown): JobStatusEvidence | null {
  if (!isObject(value) || typeof value.name !== 'string') return null;
  return {
    name: value.name,
    namespace: text(value.namespace) ?? 'default',
    conditions: Array.isArray(value.conditions)
      ? value.conditions.filter(isObject).flatMap((c) => (typeof c.type === 'string' ? [{ type: c.type, status: text(c.status) ?? 'Unknown', reason: text(c.reason), message: text(c.message), since: text(c.since) }] : []))
      : null,
    failedPods: count(value.failedPods),
    succeededPods: count(value.succeededPods),
    activePods: count(value.activePods),
    startTime: text(value.startTime),
    backoffLimit: count(value.backoffLimit),
    activeDeadlineSeconds: count(value.activeDeadlineSeconds),
  };
}
