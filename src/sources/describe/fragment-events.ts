import type { PodEvent } from '../../model/event.js';
import { normalizeEvent } from '../normalize-event.js';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An Event object of either API, also one cut before its `kind:` (it still has a reason and the object it is about). */
function isEvent(value: Json): boolean {
  if (value.kind === 'Event') return true;
  return typeof value.reason === 'string' && (isObject(value.involvedObject) || isObject(value.regarding));
}

/**
 * Event objects among pasted pieces of `kubectl get events -o yaml|json` (a list item cut from
 * its List, a truncated events.k8s.io list): each as a PodEvent, whatever else the pieces hold.
 */
export function eventsInFragments(values: readonly unknown[]): PodEvent[] {
  const events: PodEvent[] = [];
  const visit = (value: unknown, depth: number) => {
    if (depth > 6) return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    if (!isObject(value)) return;
    if (isEvent(value)) {
      events.push(normalizeEvent(value));
      return;
    }
    if (Array.isArray(value.items)) visit(value.items, depth + 1);
  };
  for (const value of values) visit(value, 0);
  return events;
}
