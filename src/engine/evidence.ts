import type { PodEvent } from '../model/event.js';
import type { Evidence } from '../model/finding.js';
import { citeFact, type ContainerFacts, type PodFacts } from '../facts/compute.js';
import { eventEvidence } from '../facts/event-format.js';
import { diagnosticLog } from '../facts/log-facts.js';
import { matchSignatures } from '../facts/log-signatures.js';
import { linearRegex } from './linear-regex.js';
import type { EvidenceSpec } from './rule.js';

type EventSpec = Extract<EvidenceSpec, { events: unknown }>['events'];
type LogSpec = Extract<EvidenceSpec, { logs: unknown }>['logs'];

function matchesEvent(event: PodEvent, spec: EventSpec): boolean {
  if (spec.type && event.type !== spec.type) return false;
  if (spec.reason !== undefined) {
    const reasons = Array.isArray(spec.reason) ? spec.reason : [spec.reason];
    if (!reasons.includes(event.reason)) return false;
  }
  if (spec.message && !linearRegex(spec.message)?.test(event.message)) return false;
  return true;
}

function citeEvents(spec: EventSpec, pod: PodFacts, container: ContainerFacts | null): Evidence[] {
  const events =
    spec.on === 'node'
      ? pod.context.incident.nodeEvents
      : spec.on === 'pod' || !container
        ? pod.context.events
        : container.context.events;
  // The latest three say enough; older repeats are aggregated in their counts already.
  return events
    .filter((e) => matchesEvent(e, spec))
    .slice(-3)
    .map(eventEvidence);
}

function citeLogs(spec: LogSpec, container: ContainerFacts | null): Evidence[] {
  if (!container) return [];
  const log = diagnosticLog(container.context);
  if (!log) return [];
  const source = `logs ${container.context.name}${log.which === 'previous' ? ' --previous' : ''}`;
  const lines: string[] = [];
  if (spec.signatures) {
    for (const match of matchSignatures(log.text)) {
      if (spec.signatures.includes(match.signature.id)) lines.push(match.line);
    }
  }
  if (spec.pattern) {
    const re = linearRegex(spec.pattern);
    const line = re && log.text.split('\n').find((l) => re.test(l));
    if (line) lines.push(line.trim());
  }
  return [...new Set(lines)].slice(0, 3).map((text) => ({ source, text }));
}

/** The evidence lines a rule asks for, deduplicated, in the rule's order. */
export function collectEvidence(specs: readonly EvidenceSpec[], pod: PodFacts, container: ContainerFacts | null): Evidence[] {
  const evidence: Evidence[] = [];
  const seen = new Set<string>();
  const add = (item: Evidence | null) => {
    if (!item) return;
    const key = `${item.source}\u0000${item.text}`;
    if (seen.has(key)) return;
    seen.add(key);
    evidence.push(item);
  };
  for (const spec of specs) {
    if ('fact' in spec) add(citeFact(spec.fact, pod, container));
    else if ('events' in spec) citeEvents(spec.events, pod, container).forEach(add);
    else citeLogs(spec.logs, container).forEach(add);
  }
  return evidence;
}
