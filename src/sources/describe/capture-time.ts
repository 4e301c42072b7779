import type { V1Pod } from '@kubernetes/client-node';
import type { TableEvent } from './events-table.js';

/** The moment a paste was printed, and how it was found. */
export interface CaptureTime {
  readonly ms: number;
  /** `flag`: --captured-at; `start-time` / `container-start`: read off the paste; `now`: assumed. */
  readonly from: 'flag' | 'start-time' | 'container-start' | 'now';
}

function ms(value: unknown): number {
  return typeof value === 'string' || value instanceof Date ? new Date(value).getTime() : NaN;
}

/**
 * Ages in a paste count back from when it was printed, which the paste rarely says. When it
 * shows an absolute time and the age of the same moment, the two pin it down: the pod's Start
 * Time is when it was scheduled (the `Scheduled` event's age), and a running container started
 * at its last `Started` event. Otherwise the capture is taken as now.
 */
export function captureTime(flag: string | undefined, pod: V1Pod, events: readonly TableEvent[], now: number): CaptureTime {
  const flagged = flag ? Date.parse(flag) : NaN;
  if (Number.isFinite(flagged)) return { ms: flagged, from: 'flag' };
  const scheduled = events.find((e) => e.reason === 'Scheduled' && e.firstSeenAgo !== null);
  const startTime = ms(pod.status?.startTime);
  if (scheduled?.firstSeenAgo != null && Number.isFinite(startTime)) {
    return { ms: startTime + scheduled.firstSeenAgo * 1000, from: 'start-time' };
  }
  const statuses = pod.status?.containerStatuses ?? [];
  for (const status of statuses) {
    const startedAt = ms(status.state?.running?.startedAt);
    if (!Number.isFinite(startedAt)) continue;
    const started = events.findLast(
      (e) => e.reason === 'Started' && e.lastSeenAgo !== null && (statuses.length === 1 || e.message.endsWith(` ${status.name}`)),
    );
    if (started?.lastSeenAgo != null) return { ms: startedAt + started.lastSeenAgo * 1000, from: 'container-start' };
  }
  return { ms: now, from: 'now' };
}
