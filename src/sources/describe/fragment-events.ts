import type { PodEvent } from '../../model/event.js';
import { canonicalMessage } from '../canonical-event.js';
import { normalizeEvent } from '../normalize-event.js';
import { typeOfReasons, type TableEvent } from './events-table.js';
import { oneReason, reasonsOfMessage } from './reason-of-message.js';

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
  return findInPieces(values, (value) => (isEvent(value) ? normalizeEvent(value) : null));
}

/**
 * What `pick` finds in pasted pieces: each object is picked or, when not, its List's `items` are
 * searched; arrays are searched item by item, six levels deep at most.
 */
function findInPieces<T>(values: readonly unknown[], pick: (value: Json) => T | null): T[] {
  const found: T[] = [];
  const visit = (value: unknown, depth: number) => {
    if (depth > 6) return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    if (!isObject(value)) return;
    const picked = pick(value);
    if (picked !== null) found.push(picked);
    else if (Array.isArray(value.items)) visit(value.items, depth + 1);
  };
  for (const value of values) visit(value, 0);
  return found;
}

/**
 * The words of an Event cut down to its `reason` and `message` (`note` in events.k8s.io), with
 * no object it is about: an object is one when its message is the fixed text kubelet or the
 * scheduler writes under that very reason. A container state's or a condition's reason and
 * message never pair so (a waiting `ImagePullBackOff` says `Back-off pulling image`, the BackOff
 * event's text), so they are not taken for events.
 */
function eventWords(value: Json): TableEvent | null {
  if (isEvent(value)) return null;
  const message = typeof value.message === 'string' ? value.message : typeof value.note === 'string' ? value.note : null;
  if (message === null) return null;
  const reasons = reasonsOfMessage(message);
  const reason = typeof value.reason === 'string' ? value.reason : messageAlone(value) ? oneReason(reasons) : null;
  if (reason === null) return null;
  const type = value.type === 'Normal' || value.type === 'Warning' ? value.type : value.type === undefined ? typeOfReasons(reason ? [reason] : reasons) : null;
  // The message must be the very text its reason writes ('' stands for one of several that write it).
  const paired = reason === '' ? reasons.length > 1 : reasons.includes(reason);
  if (type === null || !paired) return null;
  const count = typeof value.count === 'number' && value.count > 0 ? value.count : 1;
  return {
    type,
    reason,
    message: canonicalMessage(message),
    count,
    lastSeenAgo: null,
    firstSeenAgo: null,
    lastSeenAt: null,
    firstSeenAt: null,
    // kubelet writes every reason read here but FailedScheduling, which is the scheduler's.
    source: reason === 'FailedScheduling' ? 'default-scheduler' : 'kubelet',
  };
}

/**
 * Only an Event's `message` (or `note`) and its type or count, as `grep message` of events JSON
 * leaves them: the message, one of kubelet's or the scheduler's fixed texts, names its reason.
 * Anything more (a `state`, a `phase`, a condition's `status`) makes it something else's.
 */
function messageAlone(value: Json): boolean {
  return Object.keys(value).every((key) => key === 'message' || key === 'note' || key === 'type' || key === 'count');
}

/** Events among pasted pieces that were cut down to their reason and message: what happened, not to which object. */
export function eventWordsInFragments(values: readonly unknown[]): TableEvent[] {
  return findInPieces(values, eventWords);
}
