import type { V1ContainerStatus, V1Pod } from '@kubernetes/client-node';
import { latestEvidenceTime } from '../assemble-incidents.js';
import type { TableEvent } from './events-table.js';
import { imageNamedIn } from './event-clues.js';

/** The moment a paste was printed, and how it was found. */
export interface CaptureTime {
  readonly ms: number;
  /**
   * `flag`: --captured-at; `start-time` / `container-start`: an absolute time and the age of the
   * same moment; `latest-time`: the latest time the paste shows; `now`: nothing to go by.
   */
  readonly from: 'flag' | 'start-time' | 'container-start' | 'latest-time' | 'now';
}

function ms(value: unknown): number {
  return typeof value === 'string' || value instanceof Date ? new Date(value).getTime() : NaN;
}

/** When the container's latest instance started: its running start, or the start of the run that just ended. */
function latestStart(status: V1ContainerStatus): number {
  const running = ms(status.state?.running?.startedAt);
  if (Number.isFinite(running)) return running;
  const terminated = ms(status.state?.terminated?.startedAt);
  return Number.isFinite(terminated) ? terminated : ms(status.lastState?.terminated?.startedAt);
}

/** kubelet pulls (or finds) the image, creates and starts the container each time it starts it. */
const START_REASONS = ['Started', 'Created', 'Pulled'];

function aboutContainer(event: TableEvent, status: V1ContainerStatus, only: boolean): boolean {
  if (only) return true;
  return event.message.endsWith(` ${status.name}`) || (event.reason === 'Pulled' && imageNamedIn(event.message) === status.image);
}

/**
 * The last start event of a container happened when its latest instance started: the age of one
 * and the time of the other give the capture.
 */
function fromContainerStart(pod: V1Pod, events: readonly TableEvent[]): number | null {
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  for (const status of statuses) {
    const started = latestStart(status);
    if (!Number.isFinite(started) || started <= 0) continue;
    for (const reason of START_REASONS) {
      const event = events.findLast((e) => e.reason === reason && e.lastSeenAgo !== null && aboutContainer(e, status, statuses.length === 1));
      if (event?.lastSeenAgo != null) return started + event.lastSeenAgo * 1000;
    }
  }
  return null;
}

/**
 * Ages in a paste count back from when it was printed, which the paste rarely says. When it
 * shows an absolute time and the age of the same moment, the two pin it down: the pod's Start
 * Time is when it was scheduled (the `Scheduled` event's age), and a container's latest start is
 * its last start event's. Otherwise the latest time the paste shows stands for it, as for files,
 * and a paste with no times at all was taken now.
 */
export function captureTime(flag: string | undefined, pod: V1Pod, events: readonly TableEvent[], now: number): CaptureTime {
  const flagged = flag ? Date.parse(flag) : NaN;
  if (Number.isFinite(flagged)) return { ms: flagged, from: 'flag' };
  const scheduled = events.find((e) => e.reason === 'Scheduled' && e.firstSeenAgo !== null);
  const startTime = ms(pod.status?.startTime);
  if (scheduled?.firstSeenAgo != null && Number.isFinite(startTime)) {
    return { ms: startTime + scheduled.firstSeenAgo * 1000, from: 'start-time' };
  }
  const containerStart = fromContainerStart(pod, events);
  if (containerStart !== null) return { ms: containerStart, from: 'container-start' };
  // Events that print times rather than ages (old tables, a described Event) are as good as the status's times.
  const eventTimes = events.some((e) => e.lastSeenAgo !== null) ? [] : events.flatMap((e) => [e.lastSeenAt, e.firstSeenAt].flatMap((t) => (t ? [ms(t)] : [])));
  const statusShown = Boolean(pod.status?.startTime || pod.status?.containerStatuses?.length || pod.status?.initContainerStatuses?.length);
  if (statusShown || eventTimes.length) {
    // latestEvidenceTime falls back to now when the status holds no time: only asked when it shows one.
    const latest = Math.max(statusShown ? Date.parse(latestEvidenceTime(pod, [])) : -Infinity, ...eventTimes.filter((t) => t > 0));
    if (Number.isFinite(latest) && latest < now) return { ms: latest, from: 'latest-time' };
  }
  return { ms: now, from: 'now' };
}
