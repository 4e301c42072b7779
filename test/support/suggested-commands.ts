// Every command podmortem suggests: as the fixtures' diagnoses print them, and every rule's
// command template filled with the catalog's example fact values (so a rule no fixture fires
// is checked too).
import { join } from 'node:path';
import { incidentsToDiagnose } from '../../src/cli/replay-incidents.js';
import { buildRuleSet } from '../../src/engine/rule-set.js';
import { renderTemplate, templateComplete } from '../../src/engine/template.js';
import { computeFacts } from '../../src/facts/compute.js';
import { FACT_CATALOG } from '../../src/facts/catalog.js';
import type { Incident } from '../../src/model/incident.js';
import { loadReplay } from '../../src/sources/load-replay.js';
import { builtInRuleFiles, loadRuleValidator } from '../../src/sources/rule-files.js';
import { builtInDiagnoser, FIXTURES, fixtureNames } from '../helpers.js';

export interface SuggestedCommand {
  /** Where it came from: `fixture/pod` or `rule template`. */
  readonly origin: string;
  readonly rule: string;
  readonly command: string;
}

export interface FixtureIncident {
  readonly fixture: string;
  readonly incident: Incident;
}

/** Every incident of every fixture (a timeline's latest snapshot), as replay diagnoses them. */
export async function fixtureIncidents(): Promise<FixtureIncident[]> {
  const out: FixtureIncident[] = [];
  for (const fixture of await fixtureNames()) {
    for (const incident of incidentsToDiagnose(await loadReplay([join(FIXTURES, fixture)]))) out.push({ fixture, incident });
  }
  return out;
}

/** The commands the diagnoses of these incidents print, one entry per finding step. */
export async function commandsOf(incidents: readonly FixtureIncident[]): Promise<SuggestedCommand[]> {
  const diagnoser = await builtInDiagnoser();
  const out: SuggestedCommand[] = [];
  for (const { fixture, incident } of incidents) {
    const diagnosis = await diagnoser.diagnose(incident);
    for (const finding of diagnosis.findings) {
      for (const step of finding.remediation) {
        if (step.command) out.push({ origin: `${fixture}/${diagnosis.name}`, rule: finding.rule, command: step.command });
      }
    }
  }
  return out;
}

/** The owners a pod can have, none included: each gives the workload facts their own values. */
const OWNERS: ReadonlyArray<{ kind: string; name: string } | null> = [
  null,
  { kind: 'ReplicaSet', name: 'api-5c8d7f9b6d' },
  { kind: 'StatefulSet', name: 'db' },
  { kind: 'DaemonSet', name: 'agent' },
  { kind: 'Job', name: 'backup-29071440' },
  { kind: 'ReplicationController', name: 'legacy' },
  { kind: 'Node', name: 'node-1' },
];

/** The workload facts (`workload`, `rolloutWorkload`, ...) of a pod with this owner, as the facts compute them. */
function workloadFacts(owner: { kind: string; name: string } | null): Record<string, unknown> {
  const pod = { metadata: { name: 'api-0', namespace: 'shop', ...(owner ? { ownerReferences: [{ apiVersion: 'v1', kind: owner.kind, name: owner.name, uid: 'u', controller: true }] } : {}) } };
  const { values } = computeFacts({ pod, events: [], logs: [], nodeEvents: [], source: { kind: 'file', capturedAt: '2026-11-20T10:00:00Z' } } as Incident);
  return Object.fromEntries([...FACT_CATALOG.keys()].filter((name) => /workload/i.test(name)).map((name) => [name, values[name]]));
}

/**
 * Every remediation command of every built-in rule, filled with each fact's catalog example,
 * once per kind of owner a pod can have (a command must suit every workload it may name).
 */
export async function ruleTemplateCommands(): Promise<SuggestedCommand[]> {
  // A list gets a second item, so a list pasted into a command where one name belongs shows.
  const example = (value: unknown) => (Array.isArray(value) && value.length ? [...value, `${value[0]}-2`] : value);
  const examples = Object.fromEntries([...FACT_CATALOG].map(([name, definition]) => [name, example(definition.example)]));
  const { rules } = buildRuleSet(await builtInRuleFiles(), await loadRuleValidator());
  const out = new Map<string, SuggestedCommand>();
  for (const owner of OWNERS) {
    const facts = { ...examples, ...workloadFacts(owner) };
    for (const rule of rules) {
      for (const step of rule.remediation) {
        if (!step.command || !templateComplete(step.command, facts)) continue;
        const command = renderTemplate(step.command, facts);
        out.set(command, { origin: `rule template (owner ${owner ? owner.kind : 'none'})`, rule: rule.id, command });
      }
    }
  }
  return [...out.values()];
}
