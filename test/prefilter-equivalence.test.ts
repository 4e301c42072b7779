import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { V1Container, V1ContainerStatus, V1Pod } from '@kubernetes/client-node';
import { createDiagnoser, type Diagnoser } from '../src/engine/diagnose.js';
import type { LoadedRule, RuleConditions } from '../src/engine/rule.js';
import { buildRuleSet } from '../src/engine/rule-set.js';
import type { TestCase } from '../src/engine/test-case.js';
import type { PodDiagnosis } from '../src/model/finding.js';
import type { PodEvent } from '../src/model/event.js';
import type { Incident } from '../src/model/incident.js';
import { loadReplay, TEST_CASE_FILE } from '../src/sources/load-replay.js';
import { builtInRuleFiles, loadRuleValidator } from '../src/sources/rule-files.js';
import { FIXTURES, fixtureNames, readJson } from './helpers.js';
import { CAPTURED_AT, makeNode, podEvent } from './build-incident.js';
import { partialViews } from './support/ablation-views.js';
import { CAUSE_EVENT_ROWS } from './support/cause-event-rows.js';
import { describable, readPaste } from './support/read-paste.js';

/*
 * The rule runner rules out, before json-rules-engine runs, every rule whose conditions cannot
 * hold; that must never change a diagnosis. Each input is diagnosed twice: once as podmortem
 * does, once with every rule wrapped so the prefilter cannot judge it and json-rules-engine alone
 * decides it. Both must give the same diagnosis, finding for finding, with the same "why". A second
 * pass turns every rule into a plain cause that supersedes nothing, so the findings are exactly
 * the rules that fired: a rule the prefilter wrongly drops shows even where another rule would
 * have hidden it. A third pass writes the rules as a user's rule file may (see `asUserWritten`),
 * so the prefilter meets conditions it cannot judge and must still drop only rules that cannot
 * hold. Inputs: every fixture and timeline snapshot, every partial view of each fixture
 * as a user would paste it, pods recombined from the fixtures' real containers and events, and
 * pasted event rows. Each test also checks its inputs make most rules fire, so it cannot pass by
 * comparing empty diagnoses.
 */

/** A value no fact ever has: the wrapper's extra condition is always false. */
const NEVER = '\u0000prefilter-cannot-judge';

/**
 * The same conditions, decided by json-rules-engine alone: `any` of them and an always-false
 * condition with `params`, which the prefilter cannot judge, so it can never rule the rule out.
 */
function engineDecides(conditions: RuleConditions): RuleConditions {
  return { any: [conditions, { fact: 'namespace', operator: 'equal', value: NEVER, params: { engineDecides: true } }] } as RuleConditions;
}

/**
 * The same conditions as a user's rule file may write them: some fact conditions carry `params`
 * (which json-rules-engine hands to fact functions and a plain fact ignores, so the prefilter
 * cannot judge them) and some a `priority` (only the engine's evaluation order). No rule is then
 * plain: the prefilter must rule each out on the conditions it can judge alone, never because of
 * one it cannot, and leave the rest to json-rules-engine.
 */
function asUserWritten(conditions: RuleConditions, salt: number): RuleConditions {
  let leaf = salt;
  const rewrite = (node: unknown): unknown => {
    const object = node as Record<string, unknown>;
    if (Array.isArray(object.all)) return { ...object, all: object.all.map(rewrite) };
    if (Array.isArray(object.any)) return { ...object, any: object.any.map(rewrite) };
    if (object.not !== undefined) return { ...object, not: rewrite(object.not) };
    const variant = leaf++ % 3;
    return variant === 0 ? object : variant === 1 ? { ...object, params: { asWritten: true } } : { ...object, priority: 2 };
  };
  return rewrite(conditions) as RuleConditions;
}

/** Every rule as a cause that supersedes nothing: each rule that fires is a finding of its own. */
function everyRuleFires(rule: LoadedRule): LoadedRule {
  return { ...rule, role: 'cause', supersedes: [] };
}

interface Pair {
  readonly prefiltered: Diagnoser;
  readonly engineOnly: Diagnoser;
}

function pair(rules: readonly LoadedRule[]): Pair {
  return {
    prefiltered: createDiagnoser(rules),
    engineOnly: createDiagnoser(rules.map((rule) => ({ ...rule, conditions: engineDecides(rule.conditions) }))),
  };
}

/** The engine-only diagnosis without the wrapper's own condition in each finding's why. */
function withoutWrapper(diagnosis: PodDiagnosis): PodDiagnosis {
  return { ...diagnosis, findings: diagnosis.findings.map((f) => ({ ...f, why: f.why.filter((c) => c.value !== NEVER) })) };
}

let asShipped: Pair;
let allFired: Pair;
let userWritten: Pair;
let ruleCount: number;
/** Rules a paste of events can reach: context rules need a workload's revisions and pods, and log rules a log, which events never carry. */
let eventRuleCount: number;
/** Rules a partial view can reach: a view carries no logs (ablation-views' NEVER_IN_A_VIEW), so rules that cannot hold without them are left out. */
let viewRuleCount: number;

const LOG_FACT = /^(?:log|hasLogs$|probeRequest)/;

/** Whether conditions can hold only with a container log: a log fact every path through them tests. */
function requiresLogs(conditions: unknown): boolean {
  if (!conditions || typeof conditions !== 'object') return false;
  const c = conditions as { fact?: unknown; all?: unknown[]; any?: unknown[]; not?: unknown };
  if (typeof c.fact === 'string') return LOG_FACT.test(c.fact);
  if (Array.isArray(c.all)) return c.all.some(requiresLogs);
  if (Array.isArray(c.any)) return c.any.length > 0 && c.any.every(requiresLogs);
  return false;
}
let comparing: Pair;

beforeAll(async () => {
  const set = buildRuleSet(await builtInRuleFiles(), await loadRuleValidator());
  expect(set.problems).toEqual([]);
  asShipped = pair(set.rules);
  allFired = pair(set.rules.map(everyRuleFires));
  userWritten = pair(set.rules.map((rule, i) => ({ ...everyRuleFires(rule), conditions: asUserWritten(rule.conditions, i) })));
  ruleCount = set.rules.length;
  eventRuleCount = set.rules.filter((r) => r.role !== 'context' && !requiresLogs(r.conditions)).length;
  viewRuleCount = set.rules.filter((r) => !requiresLogs(r.conditions)).length;
  // The rules that read a log alone (log-error-state-unknown and its kin, and the three that read kubelet's probe requests in an access log) are the ones left out, no more.
  expect(ruleCount - viewRuleCount).toBeGreaterThanOrEqual(6);
  expect(ruleCount - viewRuleCount).toBeLessThanOrEqual(9);
  const template = set.rules.find((r) => r.scope === 'container')!;
  comparing = pair(FACT_COMPARISONS.map((conditions, i) => ({ ...template, id: `compares-facts-${i}`, role: 'cause', supersedes: [], conditions })));
});

/**
 * Diagnoses one input both ways, as shipped and with every fired rule as a finding; they must
 * agree. Returns the rules that fired, so a test can show its inputs reach the rule set.
 */
async function expectSameDiagnosis(incident: Incident, label: string): Promise<string[]> {
  const shipped = await asShipped.prefiltered.diagnose(incident);
  expect(shipped, `${label} (as shipped)`).toEqual(withoutWrapper(await asShipped.engineOnly.diagnose(incident)));
  const fired = await allFired.prefiltered.diagnose(incident);
  expect(fired, `${label} (every rule that fired)`).toEqual(withoutWrapper(await allFired.engineOnly.diagnose(incident)));
  const written = await userWritten.prefiltered.diagnose(incident);
  expect(written, `${label} (rules as a user writes them)`).toEqual(withoutWrapper(await userWritten.engineOnly.diagnose(incident)));
  expect(written.findings.map((f) => f.id), `${label} (rules as a user writes them fire as shipped)`).toEqual(fired.findings.map((f) => f.id));
  return fired.findings.map((f) => f.rule);
}

async function fixtureInputs(): Promise<Array<{ name: string; incidents: Incident[] }>> {
  const inputs: Array<{ name: string; incidents: Incident[] }> = [];
  for (const name of await fixtureNames()) {
    const dir = join(FIXTURES, name);
    const testCase = await readJson<TestCase>(join(dir, TEST_CASE_FILE));
    const input = await loadReplay([dir], testCase.capturedAt ? { capturedAt: testCase.capturedAt } : {});
    inputs.push({ name, incidents: [...input.incidents, ...input.timelines.flatMap((t) => t.snapshots)] });
  }
  return inputs;
}

const fixtures = await fixtureInputs();
const pool = fixtures.flatMap((f) => f.incidents);

describe('the rule prefilter never changes a diagnosis', () => {
  it('on every fixture, every pod and timeline snapshot', async () => {
    const fired = new Set<string>();
    for (const { name, incidents } of fixtures) {
      for (const incident of incidents) for (const rule of await expectSameDiagnosis(incident, `${name} ${incident.pod.metadata?.name}`)) fired.add(rule);
    }
    expect(fired.size).toBeGreaterThanOrEqual(Math.floor(ruleCount * 0.6));
  });

  it('on every partial view of every fixture, as pasted', async () => {
    const fired = new Set<string>();
    // What the whole fixtures that can be pasted as a description fire: their views can reach no other rule.
    const reachable = new Set<string>();
    let views = 0;
    for (const { name, incidents } of fixtures) {
      for (const incident of incidents.filter(describable)) {
        for (const rule of await expectSameDiagnosis(incident, `${name} whole`)) reachable.add(rule);
        for (const view of partialViews(incident.pod, incident.events, incident.source.capturedAt)) {
          for (const pasted of await readPaste(view.text, incident.source.capturedAt)) {
            for (const rule of await expectSameDiagnosis(pasted, `${name} ${view.view} ${view.part}`)) fired.add(rule);
            views++;
          }
        }
      }
    }
    expect(views).toBeGreaterThan(fixtures.length * 2);
    // Views fired 57 of 97 such rules on 2026-12-05: the rules added that day read a listing of
    // pods or events alone, which no view of a single described pod holds. The views reach nearly
    // everything the whole fixtures they come from do.
    expect(fired.size).toBeGreaterThanOrEqual(Math.floor(viewRuleCount * 0.58));
    expect(fired.size).toBeGreaterThanOrEqual(Math.floor(reachable.size * 0.9));
  });

  it('on pods recombined from the fixtures: containers, events, logs and nodes of different incidents, pod endings, seen at other times', async () => {
    const fired = new Set<string>();
    await fc.assert(
      fc.asyncProperty(recombinedIncident(pool), async (incident) => {
        for (const rule of await expectSameDiagnosis(incident, JSON.stringify(describeRecombined(incident)))) fired.add(rule);
      }),
      { seed: 20261125, numRuns: 500 },
    );
    expect(fired.size).toBeGreaterThanOrEqual(Math.floor(ruleCount * 0.8));
  });

  it('on rules a user writes that compare one fact with another', async () => {
    const firedOn = new Map<string, number>();
    let inputs = 0;
    for (const incident of pool) {
      const diagnosis = await comparing.prefiltered.diagnose(incident);
      expect(diagnosis, incident.pod.metadata?.name).toEqual(withoutWrapper(await comparing.engineOnly.diagnose(incident)));
      for (const rule of new Set(diagnosis.findings.map((f) => f.rule))) firedOn.set(rule, (firedOn.get(rule) ?? 0) + 1);
      inputs++;
    }
    // Each rule fires on some inputs and not on others, so equal diagnoses are not empty ones.
    expect([...firedOn.keys()].sort()).toEqual(FACT_COMPARISONS.map((_, i) => `compares-facts-${i}`));
    for (const count of firedOn.values()) expect(count).toBeLessThan(inputs);
  });

  it('on container logs pasted alone', async () => {
    const fired = new Set<string>();
    const logs = [
      '/entrypoint.sh: line 12:    41 Segmentation fault      (core dumped) /opt/broker/bin/broker run',
      '/scripts/migrate.sh: line 14:    57 Killed                  /usr/local/bin/migrate --all',
      'Traceback (most recent call last):\n  File "app.py", line 3, in <module>\nModuleNotFoundError: No module named \'yaml\'',
      'panic: runtime error: invalid memory address or nil pointer dereference\ngoroutine 1 [running]:',
      'exec /usr/local/bin/server: exec format error',
      'Error: Cannot find module \'/app/server.js\'',
      'dial tcp 10.0.0.7:5432: connect: connection refused',
    ];
    for (const log of logs) {
      for (const incident of await readPaste(`${log}\n`, CAPTURED_AT)) for (const rule of await expectSameDiagnosis(incident, log)) fired.add(rule);
    }
    expect([...fired].filter((rule) => rule.startsWith('log-')).sort()).toEqual(['log-crash-state-unknown', 'log-error-state-unknown', 'log-killed-state-unknown']);
  });

  it('on pasted event rows, alone or several under a describe header', async () => {
    const fired = new Set<string>();
    // Rows of a step succeeding, so that some pastes show a failure the pod got past.
    const progress = [
      'Normal   Scheduled  40s  default-scheduler  Successfully assigned default/web-0 to node-a',
      'Normal   Pulled     30s  kubelet            Successfully pulled image "web:1.2" in 2.1s',
      'Normal   Created    25s  kubelet            Created container web',
      'Normal   Started    25s  kubelet            Started container web',
    ];
    const rows = fc.array(fc.constantFrom(...CAUSE_EVENT_ROWS.map(([, , row]) => row), ...progress), { minLength: 1, maxLength: 4 });
    await fc.assert(
      fc.asyncProperty(rows, fc.boolean(), async (picked, withHeader) => {
        const text = withHeader ? `Events:\n  Type     Reason  Age  From     Message\n  ----     ------  ---  ----     -------\n${picked.map((r) => `  ${r}`).join('\n')}\n` : `${picked.join('\n')}\n`;
        for (const incident of await readPaste(text, CAPTURED_AT)) for (const rule of await expectSameDiagnosis(incident, text)) fired.add(rule);
      }),
      { seed: 20261126, numRuns: 200 },
    );
    // Event rows reach the rules events can prove; those that read exit codes (Windows' too), a
    // container's command, or get pods rows over time cannot fire from them, so the bar is 38%.
    expect(fired.size).toBeGreaterThanOrEqual(Math.floor(eventRuleCount * 0.38));
  });
});

/**
 * Conditions a user's rule file may write with a fact as the value: the runner must read that
 * fact, as json-rules-engine does, not compare with the `{ fact }` object itself.
 */
const FACT_COMPARISONS: readonly RuleConditions[] = [
  { all: [{ fact: 'terminationExitCode', operator: 'equal', value: { fact: 'lastExitCode' } }, { fact: 'restartCount', operator: 'greaterThan', value: 1 }] },
  { any: [{ fact: 'terminatedReason', operator: 'equal', value: { fact: 'lastTerminatedReason' } }, { fact: 'restartCount', operator: 'greaterThan', value: { fact: 'backOffSeconds' } }] },
  { not: { fact: 'terminationReason', operator: 'notEqual', value: { fact: 'lastTerminatedReason' } } },
] as RuleConditions[];

/** Container names, events and capture time of a recombined pod: enough to rebuild it by hand. */
function describeRecombined(incident: Incident) {
  return {
    containers: [...(incident.pod.spec?.initContainers ?? []), ...(incident.pod.spec?.containers ?? [])].map((c) => c.name),
    events: incident.events.map((e) => e.reason),
    capturedAt: incident.source.capturedAt,
  };
}

interface Donor {
  readonly incident: number;
  readonly container: number;
  readonly init: boolean;
}

/** How a pod can end at the pod level, as the kubelet and the scheduler write it. */
interface PodEnding {
  readonly status: Partial<NonNullable<V1Pod['status']>>;
  readonly events?: readonly PodEvent[];
}

const POD_ENDINGS: readonly PodEnding[] = [
  { status: { phase: 'Failed' } },
  { status: { phase: 'Failed', reason: 'Terminated', message: 'Pod was terminated in response to imminent node shutdown.' } },
  { status: { phase: 'Failed', reason: 'OutOfcpu', message: "Pod Node didn't have enough resource: cpu, requested: 2000, used: 3500, capacity: 4000" } },
  { status: { phase: 'Failed', reason: 'Evicted', message: 'The node was low on resource: memory. Threshold quantity: 100Mi, available: 52Mi. ' } },
  {
    status: { conditions: [{ type: 'DisruptionTarget', status: 'True', reason: 'PreemptionByScheduler', message: 'Kubernetes default scheduler: preempting to accommodate a higher priority pod' }] },
    events: [podEvent('Preempted', 'Preempted by pod 6f1c2d3e-aaaa-bbbb-cccc-0123456789ab on node node-a', { type: 'Normal', source: 'default-scheduler' })],
  },
];

/** Node conditions a node under pressure, a lost node or a healthy one reports. */
const NODE_CONDITIONS: ReadonlyArray<Record<string, string>> = [
  { Ready: 'True' },
  { Ready: 'True', MemoryPressure: 'True' },
  { Ready: 'True', DiskPressure: 'True', PIDPressure: 'True' },
  { Ready: 'Unknown' },
];

/**
 * A fixture pod given containers from other fixtures (with their statuses, events and logs),
 * some of its events dropped, its status replaced by a pod-level ending or removed, its node
 * swapped for one under pressure, and seen up to three days later: real kubelet texts in
 * combinations no single fixture has, across the time thresholds rules use.
 */
function recombinedIncident(incidents: readonly Incident[]): fc.Arbitrary<Incident> {
  const index = fc.nat({ max: incidents.length - 1 });
  const donor = fc.record({ incident: index, container: fc.nat({ max: 7 }), init: fc.boolean() });
  return fc
    .record({
      base: index,
      donors: fc.array(donor, { maxLength: 3 }),
      keepEvent: fc.array(fc.boolean(), { minLength: 16, maxLength: 16 }),
      status: fc.constantFrom('kept', 'kept', 'removed', 'ending'),
      ending: fc.constantFrom(...POD_ENDINGS),
      node: fc.option(fc.constantFrom(...NODE_CONDITIONS), { nil: undefined }),
      laterSeconds: fc.oneof(fc.constantFrom(0, 30, 599, 600, 601, 3600, 86_400), fc.nat({ max: 3 * 86_400 })),
    })
    .map((choice) => recombine(incidents, incidents[choice.base]!, choice));
}

function recombine(
  incidents: readonly Incident[],
  base: Incident,
  choice: {
    donors: readonly Donor[];
    keepEvent: readonly boolean[];
    status: 'kept' | 'removed' | 'ending';
    ending: PodEnding;
    node: Record<string, string> | undefined;
    laterSeconds: number;
  },
): Incident {
  const podName = base.pod.metadata?.name ?? 'pod';
  const spec = { ...base.pod.spec!, containers: [...(base.pod.spec?.containers ?? [])], initContainers: [...(base.pod.spec?.initContainers ?? [])] };
  const status = { ...base.pod.status, containerStatuses: [...(base.pod.status?.containerStatuses ?? [])], initContainerStatuses: [...(base.pod.status?.initContainerStatuses ?? [])] };
  const events = base.events.filter((_, i) => choice.keepEvent[i % choice.keepEvent.length]);
  const logs = [...base.logs];
  const taken = new Set([...spec.containers, ...spec.initContainers].map((c) => c.name));
  for (const d of choice.donors) {
    const from = incidents[d.incident]!;
    const list: V1Container[] = (d.init ? from.pod.spec?.initContainers : from.pod.spec?.containers) ?? [];
    const container = list[d.container % Math.max(list.length, 1)];
    if (!container || taken.has(container.name)) continue;
    taken.add(container.name);
    const statuses: V1ContainerStatus[] = (d.init ? from.pod.status?.initContainerStatuses : from.pod.status?.containerStatuses) ?? [];
    const containerStatus = statuses.find((s) => s.name === container.name);
    (d.init ? spec.initContainers : spec.containers).push(container);
    if (containerStatus) (d.init ? status.initContainerStatuses : status.containerStatuses).push(containerStatus);
    const fieldPath = `${d.init ? 'spec.initContainers' : 'spec.containers'}{${container.name}}`;
    for (const e of from.events) {
      if (e.involvedObject.fieldPath === fieldPath) events.push({ ...e, involvedObject: { ...e.involvedObject, name: podName } });
    }
    logs.push(...from.logs.filter((l) => l.container === container.name));
  }
  if (choice.status === 'ending') {
    Object.assign(status, choice.ending.status, { conditions: [...(status.conditions ?? []), ...(choice.ending.status.conditions ?? [])] });
    events.push(...(choice.ending.events ?? []).map((e) => ({ ...e, involvedObject: { ...e.involvedObject, name: podName } })));
  }
  const pod: V1Pod = {
    ...base.pod,
    spec: { ...spec, initContainers: spec.initContainers.length ? spec.initContainers : undefined },
    status: choice.status === 'removed' ? undefined : status,
  };
  const { node, ...rest } = base;
  const nodeName = spec.nodeName ?? node?.metadata?.name ?? 'node-a';
  return {
    ...rest,
    ...(choice.node ? { node: makeNode(nodeName, choice.node) } : node ? { node } : {}),
    pod,
    events,
    logs,
    source: { ...base.source, capturedAt: new Date(Date.parse(base.source.capturedAt) + choice.laterSeconds * 1000).toISOString() },
  };
}
