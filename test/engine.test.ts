import { describe, expect, it } from 'vitest';
import { createDiagnoser } from '../src/engine/diagnose.js';
import { OPERATOR_BY_NAME } from '../src/engine/operators.js';
import { filterProblems, renderTemplate } from '../src/engine/template.js';
import { mayHold } from '../src/engine/evaluate-condition.js';
import type { LoadedRule } from '../src/engine/rule.js';
import type { Incident } from '../src/model/incident.js';

function rule(overrides: Partial<LoadedRule> & Pick<LoadedRule, 'id' | 'conditions'>): LoadedRule {
  return {
    title: overrides.id,
    cause: 'other',
    severity: 'critical',
    scope: 'container',
    role: 'cause',
    priority: 50,
    explanation: 'x',
    evidence: [],
    remediation: [{ text: 'do' }],
    supersedes: [],
    source: 'test',
    ...overrides,
  };
}

function incident(statuses: Array<{ name: string; reason?: string; exitCode?: number; waiting?: string }>): Incident {
  return {
    pod: {
      metadata: { name: 'p', namespace: 'ns', uid: 'u' },
      spec: { containers: statuses.map((s) => ({ name: s.name, image: 'img' })) },
      status: {
        phase: 'Running',
        containerStatuses: statuses.map((s) => ({
          name: s.name,
          image: 'img',
          imageID: '',
          ready: false,
          restartCount: 3,
          state: s.waiting ? { waiting: { reason: s.waiting } } : { running: { startedAt: new Date('2026-01-01T00:00:00Z') } },
          lastState: s.exitCode !== undefined ? { terminated: { exitCode: s.exitCode, reason: s.reason ?? 'Error' } } : {},
        })),
      },
    },
    events: [],
    logs: [],
    nodeEvents: [],
    source: { kind: 'file', capturedAt: '2026-01-01T00:10:00Z' },
  };
}

const crashloop = rule({
  id: 'crashloop',
  role: 'symptom',
  cause: 'crashloop-unknown',
  priority: 10,
  conditions: { all: [{ fact: 'waitingReason', operator: 'equal', value: 'CrashLoopBackOff' }] },
});
const oom = rule({ id: 'oom', cause: 'oom-limit', priority: 90, conditions: { all: [{ fact: 'terminationReason', operator: 'equal', value: 'OOMKilled' }] } });
const exit1 = rule({ id: 'exit1', cause: 'app-error', severity: 'warning', conditions: { all: [{ fact: 'terminationExitCode', operator: 'equal', value: 1 }] } });

describe('diagnose: linking and ranking', () => {
  it('links a symptom to the cause on its container and ranks the cause first', async () => {
    const d = await createDiagnoser([crashloop, oom]).diagnose(incident([{ name: 'app', reason: 'OOMKilled', exitCode: 137, waiting: 'CrashLoopBackOff' }]));
    expect(d.findings.map((f) => [f.id, f.cause, f.symptom, f.causedBy])).toEqual([
      ['oom/app', 'oom-limit', false, undefined],
      ['crashloop/app', 'oom-limit', true, 'oom/app'],
    ]);
    expect(d.severity).toBe('critical');
  });

  it('reports a symptom nothing explains under its own cause, not as a symptom', async () => {
    const d = await createDiagnoser([crashloop, oom]).diagnose(incident([{ name: 'app', exitCode: 2, waiting: 'CrashLoopBackOff' }]));
    expect(d.findings).toHaveLength(1);
    expect(d.findings[0]).toMatchObject({ rule: 'crashloop', cause: 'crashloop-unknown', symptom: false });
  });

  it('never links a symptom to a cause on another container', async () => {
    const d = await createDiagnoser([crashloop, oom]).diagnose(
      incident([
        { name: 'a', reason: 'OOMKilled', exitCode: 137 },
        { name: 'b', exitCode: 2, waiting: 'CrashLoopBackOff' },
      ]),
    );
    expect(d.findings.find((f) => f.container === 'b')).toMatchObject({ cause: 'crashloop-unknown', symptom: false });
  });

  it('ranks by severity, then priority, then container order', async () => {
    const d = await createDiagnoser([exit1, oom]).diagnose(
      incident([
        { name: 'first', exitCode: 1 },
        { name: 'second', reason: 'OOMKilled', exitCode: 137 },
      ]),
    );
    expect(d.findings.map((f) => f.id)).toEqual(['oom/second', 'exit1/first']);
  });

  it('drops a rule another rule on the same container supersedes', async () => {
    const generic = rule({ id: 'generic', conditions: { all: [{ fact: 'restartCount', operator: 'greaterThan', value: 0 }] } });
    const specific = { ...oom, supersedes: ['generic'] };
    const d = await createDiagnoser([generic, specific]).diagnose(
      incident([
        { name: 'a', reason: 'OOMKilled', exitCode: 137 },
        { name: 'b', exitCode: 1 },
      ]),
    );
    expect(d.findings.map((f) => f.id).sort()).toEqual(['generic/b', 'oom/a']);
  });

  it('places context right after the root cause, highest priority first, then by id whatever the rule order', async () => {
    const restarted = { all: [{ fact: 'restartCount', operator: 'greaterThan', value: 0 }] } as const;
    const context = (id: string, priority: number) => rule({ id, role: 'context', severity: 'info', priority, conditions: restarted });
    const d = await createDiagnoser([context('context-zeta', 20), oom, context('context-beta', 80), context('context-alpha', 20)]).diagnose(
      incident([{ name: 'app', reason: 'OOMKilled', exitCode: 137 }]),
    );
    expect(d.findings.map((f) => [f.id, f.cause, f.relatedTo])).toEqual([
      ['oom/app', 'oom-limit', undefined],
      ['context-beta/app', 'oom-limit', 'oom/app'],
      ['context-alpha/app', 'oom-limit', 'oom/app'],
      ['context-zeta/app', 'oom-limit', 'oom/app'],
    ]);
  });

  it('records the matched conditions with their fact values as the why', async () => {
    const d = await createDiagnoser([oom]).diagnose(incident([{ name: 'app', reason: 'OOMKilled', exitCode: 137 }]));
    expect(d.findings[0]!.why).toEqual([{ fact: 'terminationReason', operator: 'equal', value: 'OOMKilled', factValue: 'OOMKilled', result: true }]);
  });

  it('a healthy pod has no findings and no severity', async () => {
    const d = await createDiagnoser([crashloop, oom, exit1]).diagnose(incident([{ name: 'app' }]));
    expect(d.findings).toEqual([]);
    expect(d.severity).toBeNull();
  });
});

describe('operators', () => {
  const op = (name: string) => OPERATOR_BY_NAME.get(name)!.evaluate;
  it('compares Kubernetes quantities', () => {
    expect(op('quantityGreaterThan')('1Gi', '512Mi')).toBe(true);
    expect(op('quantityLessThan')('500m', '1')).toBe(true);
    expect(op('quantityLessThan')(null, '1')).toBe(false);
  });
  it('numbers compare as numbers; an unknown or non-numeric fact is neither less nor greater than a number', () => {
    for (const name of ['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive']) {
      expect([null, undefined, '7', Number.POSITIVE_INFINITY, Number.NaN].map((value) => op(name)(value, name.startsWith('less') ? 1e9 : -1e9))).toEqual([false, false, false, false, false]);
    }
    expect([op('lessThan')(3, 5), op('lessThan')(5, 5), op('lessThanInclusive')(5, 5), op('lessThanInclusive')(6, 5)]).toEqual([true, false, true, false]);
    expect([op('greaterThan')(5, 3), op('greaterThan')(5, 5), op('greaterThanInclusive')(5, 5), op('greaterThanInclusive')(4, 5)]).toEqual([true, false, true, false]);
  });
  it('compares durations', () => {
    expect(op('durationGreaterThan')(700, '10m')).toBe(true);
    expect(op('durationLessThan')('90s', '2m')).toBe(true);
  });
  it('matches regular expressions on text and lists', () => {
    expect(op('matches')('java.lang.OutOfMemoryError: Java heap space', 'OutOfMemoryError: Java heap')).toBe(true);
    expect(op('matches')(['a', 'exec format error'], 'exec format')).toBe(true);
    expect(op('matches')(null, 'x')).toBe(false);
    expect(op('matches')('x', '(')).toBe(false);
  });
  it('set membership and isSet', () => {
    expect(op('in')(139, [134, 139])).toBe(true);
    expect(op('containsAny')(['a', 'b'], ['c', 'b'])).toBe(true);
    expect(op('isSet')([], true)).toBe(false);
    expect(op('isSet')(null, false)).toBe(true);
  });
});

describe('templates and prefilter', () => {
  it('fills placeholders, formats durations and says unknown for missing values', () => {
    expect(renderTemplate('{a} ran {b|duration}, limit {c}', { a: 'app', b: 3700, c: null })).toBe('app ran 61m, limit unknown');
  });
  it("a quoted sentence that ends with its own full stop takes no second one from the template; an ellipsis and other stops stay", () => {
    expect(renderTemplate('failing: {line}. Next', { line: 'iptables: Chain already exists.' })).toBe('failing: iptables: Chain already exists. Next');
    expect(renderTemplate('failing: {line}. Next', { line: 'Is it up?' })).toBe('failing: Is it up? Next');
    expect(renderTemplate('failing: {line}. Next', { line: 'no route to host' })).toBe('failing: no route to host. Next');
    expect(renderTemplate('waited {line}... then', { line: 'a while.' })).toBe('waited a while.... then');
    expect(renderTemplate('failing: {line}.', { line: 'loading...' })).toBe('failing: loading....');
  });
  it('a duration of 0 between whole-second timestamps reads as under a second', () => {
    expect(renderTemplate('ran {b|duration}', { b: 0 })).toBe('ran less than 1s');
    expect(renderTemplate('ran {b|duration}', { b: 1 })).toBe('ran 1s');
  });
  it('the prefilter judges all, any and not with the engine operators, and lets through what it cannot judge', () => {
    expect(mayHold(oom.conditions, { terminationReason: 'Error' })).toBe(false);
    expect(mayHold(oom.conditions, { terminationReason: 'OOMKilled' })).toBe(true);
    expect(mayHold({ any: [{ fact: 'x', operator: 'equal', value: 1 }, { fact: 'y', operator: 'in', value: [3] }] }, { x: 2, y: 3 })).toBe(true);
    expect(mayHold({ any: [{ fact: 'x', operator: 'equal', value: 1 }] }, { x: 2 })).toBe(false);
    expect(mayHold({ not: { fact: 'x', operator: 'equal', value: 1 } }, { x: 1 })).toBe(false);
    expect(mayHold({ all: [{ condition: 'shared' }] } as never, {})).toBe(true);
    expect(mayHold({ all: [{ fact: 'x', operator: 'equal', value: { fact: 'y' } }] }, { x: 2, y: 2 })).toBe(true);
  });
  // That the prefilter never changes a diagnosis is test/prefilter-equivalence.test.ts.
});

describe('the rule runner without json-rules-engine', () => {
  it('fires exactly the rules json-rules-engine fires, with the same conditions and values, on every fixture', async () => {
    const { FIXTURES, fixtureNames } = await import('./helpers.js');
    const { loadReplay } = await import('../src/sources/load-replay.js');
    const { createEngine } = await import('../src/engine/create-engine.js');
    const { RuleRunner } = await import('../src/engine/rule-runner.js');
    const { matchedConditions } = await import('../src/engine/why.js');
    const { computeFacts } = await import('../src/facts/compute.js');
    const { buildRuleSet } = await import('../src/engine/rule-set.js');
    const { builtInRuleFiles, loadRuleValidator } = await import('../src/sources/rule-files.js');
    const rules = buildRuleSet(await builtInRuleFiles(), await loadRuleValidator()).rules;
    const scopes = (['pod', 'container'] as const).map((scope) => rules.filter((r) => r.scope === scope));
    const engines = await Promise.all(scopes.map((subset) => createEngine(subset)));
    const runners = scopes.map((subset) => new RuleRunner(subset));
    let compared = 0;
    for (const name of await fixtureNames()) {
      for (const incident of (await loadReplay([`${FIXTURES}/${name}`])).incidents) {
        const facts = computeFacts(incident);
        const factSets = [[facts.values], facts.containers.map((c) => c.values)] as const;
        for (const [i, sets] of factSets.entries()) {
          for (const values of sets) {
            const byEngine = (await engines[i]!.run({ ...values })).results.map((r) => ({ rule: r.name, why: matchedConditions(r.conditions) }));
            const byRunner = (await runners[i]!.run(values)).map((f) => ({ rule: f.rule.id, why: f.why }));
            const sort = (list: Array<{ rule: string }>) => [...list].sort((a, b) => a.rule.localeCompare(b.rule));
            expect(sort(byRunner), name).toEqual(sort(byEngine));
            compared += byEngine.length;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(50);
  });

  it('leaves to json-rules-engine what it cannot judge itself: named conditions, params, paths, empty lists', async () => {
    const { isPlainCondition } = await import('../src/engine/evaluate-condition.js');
    const leaf = { fact: 'restartCount', operator: 'greaterThan', value: 0 };
    expect(isPlainCondition({ all: [leaf, { not: leaf }] })).toBe(true);
    expect(isPlainCondition({ all: [{ condition: 'shared' }] })).toBe(false);
    expect(isPlainCondition({ all: [{ ...leaf, params: { a: 1 } }] })).toBe(false);
    expect(isPlainCondition({ all: [{ ...leaf, path: '$.a' }] })).toBe(false);
    expect(isPlainCondition({ any: [] })).toBe(false);
    expect(isPlainCondition({ all: [{ ...leaf, operator: 'someFact:equal' }] })).toBe(false);
  });
});

describe('optional template clauses', () => {
  it('keeps a clause whose placeholders all have values and drops one that lacks any', () => {
    const template = 'killed {c} {k} times[[ after {f|nonzero} failed probes]][[ ({probe})]].';
    expect(renderTemplate(template, { c: 'app', k: 2, f: 0, probe: null })).toBe('killed app 2 times.');
    expect(renderTemplate(template, { c: 'app', k: 2, f: 7, probe: 'http-get :8080/healthz' })).toBe('killed app 2 times after 7 failed probes (http-get :8080/healthz).');
  });
  it('never touches spacing inside fact values', () => {
    expect(renderTemplate('last line:[[ {line}]] end', { line: 'a   b' })).toBe('last line: a   b end');
  });
});

describe('template filters', () => {
  it('plural: a count with its noun, singular for one, the given plural when it is not noun + s', () => {
    expect(renderTemplate('restarted {n|plural:time}', { n: 1 })).toBe('restarted 1 time');
    expect(renderTemplate('restarted {n|plural:time}', { n: 8 })).toBe('restarted 8 times');
    expect(renderTemplate('restarted {n|plural:time}', { n: 0 })).toBe('restarted 0 times');
    expect(renderTemplate('{n|plural:entry/entries}', { n: 2 })).toBe('2 entries');
    expect(renderTemplate('{n|plural:entry/entries}', { n: 1 })).toBe('1 entry');
  });

  it('chains left to right: nonzero before plural drops the clause for 0', () => {
    const template = 'failed[[ {n|nonzero|plural:time}]].';
    expect(renderTemplate(template, { n: 0 })).toBe('failed.');
    expect(renderTemplate(template, { n: 1 })).toBe('failed 1 time.');
    expect(renderTemplate(template, { n: null })).toBe('failed.');
  });

  it('clip: one line of at most 100 characters, an ellipsis when cut', () => {
    const long = `ERROR ${'x'.repeat(200)}`;
    const clipped = renderTemplate('{line|clip}', { line: long });
    expect(clipped).toHaveLength(100);
    expect(clipped.endsWith('…')).toBe(true);
    expect(renderTemplate('{line|clip}', { line: 'KeyError:\n  \'STRIPE_API_KEY\'' })).toBe("KeyError: 'STRIPE_API_KEY'");
  });

  it('[[first||otherwise]] keeps the first part with every value', () => {
    const title = 'exits with code {code}[[: {line|clip}|| ({meaning})]]';
    expect(renderTemplate(title, { code: 1, line: "KeyError: 'STRIPE_API_KEY'", meaning: 'generic application error' })).toBe("exits with code 1: KeyError: 'STRIPE_API_KEY'");
    expect(renderTemplate(title, { code: 1, line: null, meaning: 'generic application error' })).toBe('exits with code 1 (generic application error)');
    expect(renderTemplate(title, { code: 1, line: null, meaning: null })).toBe('exits with code 1');
  });

  it('lint names an unknown filter, a missing argument and an argument a filter does not take', () => {
    expect(filterProblems('{a|plural}')).toEqual([expect.stringMatching(/"\|plural" needs a noun/)]);
    expect(filterProblems('{a|duration:s}')).toEqual([expect.stringMatching(/"\|duration" takes no argument/)]);
    // Written like a placeholder but not read as one: it would be printed as written.
    expect(filterProblems('{a|plural:failed request} in all')).toEqual([expect.stringMatching(/malformed placeholder "\{a\|plural:failed request\}"/)]);
    expect(filterProblems("kubectl get pod -o jsonpath='{.status.phase}' {a|plural:time}")).toEqual([]);
    expect(filterProblems('{a|shout}')).toEqual([expect.stringMatching(/unknown template filter "\|shout" \(known: duration, nonzero, plural, first, clip\)/)]);
    expect(filterProblems('{a|nonzero|plural:time} {b|clip}')).toEqual([]);
  });
});

describe('rule validation of clauses', () => {
  it('reports an unbalanced [[ clause with its JSON path', async () => {
    const { loadRuleValidator } = await import('../src/sources/rule-files.js');
    const validator = await loadRuleValidator();
    const { problems } = validator.check('team/x.json', {
      id: 'x',
      title: 'broken [[ {containerName}',
      cause: 'other',
      severity: 'info',
      scope: 'container',
      conditions: { all: [{ fact: 'restartCount', operator: 'greaterThan', value: 0 }] },
      explanation: 'e',
      remediation: [{ text: 'r' }],
    });
    expect(problems).toEqual([{ file: 'team/x.json', path: '$.title', message: expect.stringMatching(/unbalanced or nested \[\[ \]\] clause/) }]);
  });
});
