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

function quantities(resources: V1ResourceRequirements | undefined, kind: 'limits' | 'requests'): string {
  const entries = Object.entries(resources?.[kind] ?? {});
  return entries.length ? entries.map(([name, value]) => `${name} ${String(value)}`).join(', ') : 'none';
}

function field(label: string, value: string, width: number, changed = false): Line[] {
  return paragraph([{ text: `  ${label.padEnd(LABEL_WIDTH)}`, tone: changed ? 'changed' : 'muted' }], value, width);
}

function containerBlock(container: ContainerFacts, now: number, width: number, changed: boolean): Line[] {
  const { name, kind, spec, status } = container.context;
  const lines: Line[] = [[{ text: name, tone: 'heading' }, { text: `  ${KIND_LABEL[kind]}`, tone: kind === 'app' ? 'muted' : 'accent' }, ...(changed ? [{ text: '  CHANGED', tone: 'changed' as const }] : [])]];
  lines.push(...field('Image', spec?.image ?? status?.image ?? 'unknown', width));
  lines.push(...field('State', describeState(status?.state, now) ?? 'no status reported', width, changed));
  const last = describeState(status?.lastState, now);
  if (last) lines.push(...field('Last state', last, width, changed));
  lines.push(...field('Ready', String(status?.ready ?? false), width, changed));
  lines.push(...field('Restarts', String(status?.restartCount ?? 0), width, changed));
  lines.push(...field('Limits', quantities(spec?.resources, 'limits'), width));
  lines.push(...field('Requests', quantities(spec?.resources, 'requests'), width));
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
