import { describe, expect, it } from 'vitest';
import { checkTestCase, testCaseProblem, testCaseRuleIds, type PodExpectation } from '../src/engine/test-case.js';
import type { PodDiagnosis } from '../src/model/finding.js';
import { builtInDiagnoser } from './helpers.js';
import { fixtureIncidents } from './support/read-paste.js';

/*
 * What `podmortem rules test` says about a case that does not hold, checked on a real diagnosis:
 * the OOM-killed JVM (root cause oom-killed/app, then crashloop-backoff/app caused by it). A rule
 * author reads these lines to learn which expectation failed; a case that cannot fail is worse
 * than none.
 */
async function oomPod(): Promise<PodDiagnosis> {
  const [incident] = await fixtureIncidents('oom-killed-jvm');
  return (await builtInDiagnoser()).diagnose(incident!);
}

const check = async (expectation: PodExpectation) => checkTestCase({ expect: [expectation] }, [await oomPod()]);
const ROOT = { rule: 'oom-killed', cause: 'oom-limit', container: 'app' };

describe('rule test cases: each failed expectation is one line naming the pod', () => {
  it('a case that matches the diagnosis passes', async () => {
    expect(await check({ rootCause: ROOT, findings: [{ rule: 'crashloop-backoff', causedBy: 'oom-killed/app', severity: 'critical' }], absent: ['image-pull-backoff'] })).toEqual([]);
  });

  it('another root cause, a missing finding and a rule that must not fire', async () => {
    const failures = await check({ rootCause: { cause: 'app-error' }, findings: [{ rule: 'crashloop-backoff', causedBy: 'other/app' }], absent: ['crashloop-backoff'] });
    const got = 'got oom-killed/app (oom-limit, critical), crashloop-backoff/app (oom-limit, critical)';
    const pod = 'shop/orders-api-6d8f7c9b54-q7xkz';
    expect(failures).toEqual([
      `${pod}: expected root cause cause=app-error, ${got}`,
      `${pod}: missing finding rule=crashloop-backoff causedBy=other/app; ${got}`,
      `${pod}: rule crashloop-backoff fired but must not`,
      // Neither critical finding is one the case expects.
      `${pod}: unexpected critical finding oom-killed/app (oom-limit)`,
      `${pod}: unexpected critical finding crashloop-backoff/app (oom-limit)`,
    ]);
  });

  it('a critical finding the case does not expect fails it, unless the case allows others', async () => {
    expect(await check({ rootCause: ROOT })).toEqual(['shop/orders-api-6d8f7c9b54-q7xkz: unexpected critical finding crashloop-backoff/app (oom-limit)']);
    expect(await check({ rootCause: ROOT, allowOtherCritical: true })).toEqual([]);
  });

  it('a healthy pod against a case that names only its root cause fails on that one line', async () => {
    const [incident] = await fixtureIncidents('healthy-running-with-native-sidecar');
    const healthy = await (await builtInDiagnoser()).diagnose(incident!);
    expect(checkTestCase({ expect: [{ rootCause: ROOT }] }, [healthy])).toEqual([
      `${healthy.namespace}/${healthy.name}: expected root cause rule=oom-killed cause=oom-limit container=app, got no findings`,
    ]);
  });

  it('a pod that must be healthy, and a pod the input does not hold', async () => {
    expect(await check({ rootCause: null })).toEqual(['shop/orders-api-6d8f7c9b54-q7xkz: expected healthy, got oom-killed/app (oom-limit, critical), crashloop-backoff/app (oom-limit, critical)']);
    expect(await check({ pod: 'shop/nowhere', rootCause: null })).toEqual(['pod shop/nowhere not found in the input']);
  });
});

describe('rule test cases: a partial-evidence exception must say why', () => {
  const withException = (exception: unknown) => ({ expect: [{ rootCause: ROOT, partialEvidence: [exception] }] });
  const because = 'the view without events cannot show the OOM kill';

  it('takes an exception that names evidence kinds, the causes accepted and why', () => {
    expect(testCaseProblem(withException({ notShown: ['events'], accept: ['crashloop-unknown', null], because }))).toBeNull();
  });

  it('refuses one whose reason is missing, blank or a word or two', () => {
    const said = 'expect[0].partialEvidence[0].because must say why the view cannot show the root cause';
    expect(testCaseProblem(withException({ notShown: ['events'], accept: [null] }))).toBe(said);
    expect(testCaseProblem(withException({ notShown: ['events'], accept: [null], because: ' '.repeat(30) }))).toBe(said);
    expect(testCaseProblem(withException({ notShown: ['events'], accept: [null], because: 'not shown' }))).toBe(said);
  });
});

describe('rule test cases: the rules a case names', () => {
  it('are those of its root causes, findings and absent lists, each once (rules test refuses a case naming a rule that does not exist)', () => {
    expect(testCaseRuleIds({ expect: [{ rootCause: ROOT, findings: [{ rule: 'crashloop-backoff' }, { cause: 'oom-limit' }] }, { rootCause: null }] })).toEqual(['oom-killed', 'crashloop-backoff']);
    expect(testCaseRuleIds({ expect: [{ rootCause: { cause: 'app-error' }, absent: ['oom-killed', 'evicted'] }, { rootCause: ROOT }] })).toEqual(['oom-killed', 'evicted']);
  });
});
