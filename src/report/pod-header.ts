import type { PodDiagnosis } from '../model/finding.js';

/*
 * The header of a pod in every report. A value the evidence did not show is never printed as
 * if it had been: one read from the events says so, one nowhere to be read says "not shown".
 */

const FROM_EVENTS = 'from events';

/** `CrashLoopBackOff`, `CrashLoopBackOff (from events)`, or `not shown`. */
export function statusText(pod: PodDiagnosis): string {
  const from = pod.header?.status ?? 'shown';
  if (from === 'not-shown') return 'not shown';
  return from === 'derived' ? `${pod.status} (${FROM_EVENTS})` : pod.status;
}

/** `7`, `at least 7 (from events)`, or null when the evidence shows none. */
export function restartsText(pod: PodDiagnosis): string | null {
  const header = pod.header;
  if (!header || header.restarts === null) return null;
  return header.restartsFrom === 'derived' ? `at least ${header.restarts} (${FROM_EVENTS})` : String(header.restarts);
}

/**
 * Restarts read from the events, for headers that otherwise leave restarts to the containers'
 * own lines: the status is not in the evidence, so this is all there is.
 */
export function derivedRestartsText(pod: PodDiagnosis): string | null {
  return pod.header?.restartsFrom === 'derived' ? restartsText(pod) : null;
}

/** `status X, phase Y` with what the evidence did not show left out or marked, and restarts read from events. */
export function headerSummary(pod: PodDiagnosis): string {
  const restarts = derivedRestartsText(pod);
  return [
    `status ${statusText(pod)}`,
    ...((pod.header?.phase ?? 'shown') === 'shown' ? [`phase ${pod.phase}`] : []),
    ...(restarts !== null ? [`restarts ${restarts}`] : []),
  ].join(', ');
}

/**
 * What to say when no rule found anything: healthy, unless the evidence was partial, in which
 * case nothing in it shows a problem, which is not the same.
 */
export function noFindingsText(pod: PodDiagnosis): string {
  return pod.missing.length
    ? 'No problem found in the evidence given, but it is partial (see below): this does not show the pod is healthy.'
    : 'Healthy: no rule found a problem with this pod.';
}
