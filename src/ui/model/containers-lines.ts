import type { V1ContainerState, V1ResourceRequirements } from '@kubernetes/client-node';
import { formatAge } from '../../facts/duration.js';
import type { ContainerFacts, PodFacts } from '../../facts/compute.js';
import { describeProbe } from '../../facts/probe-facts.js';
import { exitCodeMeaning } from '../../facts/signals.js';
import { blankLine, paragraph, type Line } from './line.js';
import type { SnapshotChanges } from './snapshot-changes.js';
import { toMillis } from './timestamps.js';

const KIND_LABEL = {
  app: 'container',
  init: 'init container',
  sidecar: 'sidecar (restartable init container)',
  ephemeral: 'ephemeral container',
} as const;

const LABEL_WIDTH = 13;

function since(now: number, time: Date | string | undefined): string {
  const ms = toMillis(time);
  return Number.isFinite(ms) ? `${formatAge((now - ms) / 1000)} ago` : 'at an unknown time';
}

/** A container state in the words `kubectl describe` uses, with exit codes explained. */
function describeState(state: V1ContainerState | undefined, now: number): string | null {
  if (state?.waiting) return `Waiting: ${state.waiting.reason ?? 'unknown reason'}${state.waiting.message ? ` (${state.waiting.message})` : ''}`;
  if (state?.running) return `Running since ${since(now, state.running.startedAt)}`;
  const t = state?.terminated;
  if (!t) return null;
  const started = toMillis(t.startedAt);
  const finished = toMillis(t.finishedAt);
  const ran = started > 0 && Number.isFinite(finished) ? `, ran ${formatAge((finished - started) / 1000)}` : '';
  return [
    `Terminated: ${t.reason ?? 'unknown reason'}, exit code ${t.exitCode} (${exitCodeMeaning(t.exitCode, t.signal)})`,
    ran,
    `, finished ${since(now, t.finishedAt)}`,
    t.message ? `. Message: ${t.message.trim()}` : '',
  ].join('');
}

function quantities(resources: V1ResourceRequirements | undefined, kind: 'limits' | 'requests', pasted: boolean): string {
  const entries = Object.entries(resources?.[kind] ?? {});
  if (entries.length) return entries.map(([name, value]) => `${name} ${String(value)}`).join(', ');
  return pasted ? 'none shown' : 'none';
}

/** The state a container's events imply when its status is not in the evidence, marked as such. */
function stateFromEvents(facts: Readonly<Record<string, unknown>>): string | null {
  const state = facts.stateFromEvents;
  if (typeof state !== 'string') return null;
  const reason = typeof facts.waitingReasonFromEvents === 'string' ? `: ${facts.waitingReasonFromEvents}` : '';
  return `${state.charAt(0).toUpperCase()}${state.slice(1)}${reason} (from events; the status is not shown)`;
}

function field(label: string, value: string, width: number, changed = false): Line[] {
  return paragraph([{ text: `  ${label.padEnd(LABEL_WIDTH)}`, tone: changed ? 'changed' : 'muted' }], value, width);
}

function containerBlock(container: ContainerFacts, now: number, width: number, changed: boolean): Line[] {
  const { name, kind, spec, status } = container.context;
  const lines: Line[] = [[{ text: name, tone: 'heading' }, { text: `  ${KIND_LABEL[kind]}`, tone: kind === 'app' ? 'muted' : 'accent' }, ...(changed ? [{ text: '  CHANGED', tone: 'changed' as const }] : [])]];
  const facts = container.values;
  // A pod rebuilt from a paste shows only what was pasted: nothing else may read as "none" or 0.
  const pasted = facts.pastedEvidence === true;
  lines.push(...field('Image', spec?.image ?? status?.image ?? 'not shown', width));
  lines.push(...field('State', describeState(status?.state, now) ?? stateFromEvents(facts) ?? (pasted ? 'not shown' : 'no status reported'), width, changed));
  const last = describeState(status?.lastState, now);
  if (last) lines.push(...field('Last state', last, width, changed));
  lines.push(...field('Ready', status?.ready !== undefined ? String(status.ready) : pasted ? 'not shown' : 'false', width, changed));
  const restarts = status?.restartCount ?? (facts.restartsFromEvents !== null ? `at least ${String(facts.restartsFromEvents)} (from events)` : pasted ? 'not shown' : '0');
  lines.push(...field('Restarts', String(restarts), width, changed));
  lines.push(...field('Limits', quantities(spec?.resources, 'limits', pasted), width));
  lines.push(...field('Requests', quantities(spec?.resources, 'requests', pasted), width));
  for (const [label, probe] of [['Liveness', spec?.livenessProbe], ['Readiness', spec?.readinessProbe], ['Startup', spec?.startupProbe]] as const) {
    if (probe) lines.push(...field(label, describeProbe(probe), width));
  }
  return lines;
}

/** Every container, init containers and sidecars first as the pod runs them, each marked by kind. */
export function containersLines(facts: PodFacts, changes: SnapshotChanges | null, width: number): Line[] {
  const lines: Line[] = [];
  facts.containers.forEach((container, i) => {
    if (i > 0) lines.push(blankLine);
    lines.push(...containerBlock(container, facts.context.now, width, changes?.changedContainers.has(container.context.name) ?? false));
  });
  if (lines.length === 0) lines.push([{ text: 'The evidence names no containers.', tone: 'muted' }]);
  return lines;
}
