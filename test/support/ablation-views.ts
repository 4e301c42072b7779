import type { V1Pod } from '@kubernetes/client-node';
import { stringify } from 'yaml';
import type { PodEvent } from '../../src/model/event.js';
import type { EvidenceKind } from '../../src/engine/test-case.js';
import { renderDescribe } from '../../src/report/describe-text.js';

/** One partial view of a fixture pod: the text a user would paste, and what it leaves out. */
export interface PartialView {
  readonly view: ViewName;
  /** Which piece of the view this is when a view has several (each warning row). */
  readonly part: string;
  readonly text: string;
  readonly notShown: ReadonlySet<EvidenceKind>;
}

export type ViewName = 'events' | 'status' | 'containers' | 'cut-after-last-state' | 'warning-row';
export const VIEW_NAMES: readonly ViewName[] = ['events', 'status', 'containers', 'cut-after-last-state', 'warning-row'];

/** Evidence no view carries: logs, the Node object and Services are other commands' output; describe never prints finalizers. */
const NEVER_IN_A_VIEW: readonly EvidenceKind[] = ['finalizers', 'logs', 'node', 'services'];

function notShown(...kinds: EvidenceKind[]): ReadonlySet<EvidenceKind> {
  return new Set([...kinds, ...NEVER_IN_A_VIEW]);
}

/** The lines of describe output between a top-level key and the next top-level key. */
function topLevelSection(lines: readonly string[], key: string): string[] {
  const start = lines.findIndex((l) => l.startsWith(`${key}:`));
  if (start < 0) return [];
  const end = lines.findIndex((l, i) => i > start && /^\S/.test(l));
  return lines.slice(start, end < 0 ? undefined : end);
}

/** Drops `Limits:`/`Requests:` blocks and probe lines from a container section. */
function withoutLimitsAndProbes(lines: readonly string[]): string[] {
  const out: string[] = [];
  let skipBelow: number | null = null;
  for (const line of lines) {
    const indent = line.length - line.trimStart().length;
    if (skipBelow !== null && indent > skipBelow) continue;
    skipBelow = null;
    const key = line.trim().split(':')[0];
    if (key === 'Limits' || key === 'Requests') {
      skipBelow = indent;
      continue;
    }
    if (key === 'Liveness' || key === 'Readiness' || key === 'Startup') continue;
    out.push(line);
  }
  return out;
}

/** Describe output up to the end of its last `Last State:` block (else its last `State:` block); null without one. */
function cutAfterLastState(lines: readonly string[]): string[] | null {
  const lastStateIndexes = lines.flatMap((l, i) => (l.trim().startsWith('Last State:') ? [i] : []));
  const stateIndexes = lines.flatMap((l, i) => (l.trim().startsWith('State:') ? [i] : []));
  const key = lastStateIndexes.at(-1) ?? stateIndexes.at(-1) ?? -1;
  if (key < 0) return null;
  const indent = (lines[key]?.length ?? 0) - (lines[key]?.trimStart().length ?? 0);
  let end = key + 1;
  while (end < lines.length && (lines[end]?.length ?? 0) - (lines[end]?.trimStart().length ?? 0) > indent) end++;
  return lines.slice(0, end);
}

/** `containerStatuses:` (and `initContainerStatuses:`) as `kubectl get pod -o yaml` prints them; the pod's whole status when it has none. */
function statusFragment(pod: V1Pod): string {
  const status = pod.status ?? {};
  const lists = {
    ...(status.initContainerStatuses?.length ? { initContainerStatuses: status.initContainerStatuses } : {}),
    ...(status.containerStatuses?.length ? { containerStatuses: status.containerStatuses } : {}),
  };
  const body = Object.keys(lists).length ? lists : { status };
  // Dates as the API server writes them, not as JavaScript objects.
  return stringify(JSON.parse(JSON.stringify(body)), { lineWidth: 0 });
}

/**
 * Mechanical partial views of one fixture pod, as users paste them into tickets: its events
 * table alone, its container statuses as YAML, the container section of describe without
 * limits and probes, describe cut after the last `Last State`, and each warning event row on
 * its own without a header.
 */
export function partialViews(pod: V1Pod, events: readonly PodEvent[], capturedAt: string): PartialView[] {
  const describe = renderDescribe(pod, events, capturedAt);
  const lines = describe.split('\n');
  const eventsText = describe.slice(describe.indexOf('Events:'));
  const views: PartialView[] = [
    { view: 'events', part: '', text: eventsText, notShown: notShown('container-state', 'pod-status', 'limits', 'probes', 'container-spec') },
    { view: 'status', part: '', text: statusFragment(pod), notShown: notShown('events', 'limits', 'probes', 'container-spec', ...(pod.status?.containerStatuses?.length ? (['pod-status'] as const) : [])) },
  ];
  const containerSection = [...topLevelSection(lines, 'Init Containers'), ...topLevelSection(lines, 'Containers')];
  views.push({ view: 'containers', part: '', text: `${withoutLimitsAndProbes(containerSection).join('\n')}\n`, notShown: notShown('events', 'pod-status', 'limits', 'probes') });
  const cut = cutAfterLastState(lines);
  if (cut) views.push({ view: 'cut-after-last-state', part: '', text: `${cut.join('\n')}\n`, notShown: notShown('events', 'limits', 'probes') });
  const rows = eventsText.split('\n').filter((l) => /^\s+Warning\s/.test(l));
  rows.forEach((row, i) => {
    views.push({ view: 'warning-row', part: `row ${i + 1}`, text: `${row.trim()}\n`, notShown: notShown('events', 'container-state', 'pod-status', 'limits', 'probes', 'container-spec') });
  });
  return views;
}

/** What happens to a paste on its way into a ticket. */
export const WRAPPERS: Readonly<Record<string, (text: string) => string>> = {
  plain: (t) => t,
  quoted: (t) => `Here is what kubectl printed:\n\n${t.replace(/\n$/, '').replace(/^/gm, '> ')}\n`,
  fenced: (t) => `\`\`\`\n${t.replace(/\n$/, '')}\n\`\`\`\n`,
  prose: (t) => `Our pod keeps failing since this morning, this is what we see:\n\n${t}\nAny idea what is wrong? Thanks!\n`,
};
