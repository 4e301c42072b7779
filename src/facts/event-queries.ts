import type { PodEvent } from '../model/event.js';

/** The latest of `events` (oldest first) that passes `test`. */
export function lastMatching(events: readonly PodEvent[], test: (e: PodEvent) => boolean): PodEvent | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i];
    if (event && test(event)) return event;
  }
  return undefined;
}

/** Occurrences of (matching) events: an aggregated event counts `count` times. */
export function sumCounts(events: readonly PodEvent[], test: (e: PodEvent) => boolean = () => true): number {
  return events.filter(test).reduce((sum, e) => sum + e.count, 0);
}
