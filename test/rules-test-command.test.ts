import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';
import { runCli, tempTree } from './rules-helpers.js';

const JVM_PACK = join(ROOT, 'examples/jvm-rules');
const EVIDENCE = ['pod.yaml', 'events.yaml', 'worker.previous.log'];
const POD = 'analytics/report-worker-5c7d9f8b6-h2m4x';
const GOT = 'got jvm-heap-too-small/worker (jvm-heap, critical), crashloop-backoff/worker (jvm-heap, critical)';
const ROOT_CAUSE = { rule: 'jvm-heap-too-small', container: 'worker' };
const SYMPTOM = { rule: 'crashloop-backoff', causedBy: 'jvm-heap-too-small/worker' };

/** Test cases over the JVM example's evidence, each expecting something it does not get. */
const CASES: Record<string, { manifest: unknown; evidence?: boolean; failure: string }> = {
  'passes': { manifest: { expect: [{ rootCause: ROOT_CAUSE, findings: [SYMPTOM] }] }, failure: '' },
  'wrong-root-cause': { manifest: { expect: [{ rootCause: { rule: 'oom-killed' }, findings: [SYMPTOM] }] }, failure: `${POD}: expected root cause rule=oom-killed, ${GOT}` },
  'missing-finding': { manifest: { expect: [{ rootCause: ROOT_CAUSE, findings: [SYMPTOM, { rule: 'liveness-probe-kill' }] }] }, failure: `${POD}: missing finding rule=liveness-probe-kill; ${GOT}` },
  'fired-but-absent': { manifest: { expect: [{ rootCause: ROOT_CAUSE, findings: [SYMPTOM], absent: ['crashloop-backoff'] }] }, failure: `${POD}: rule crashloop-backoff fired but must not` },
  'unexpected-critical': { manifest: { expect: [{ rootCause: ROOT_CAUSE }] }, failure: `${POD}: unexpected critical finding crashloop-backoff/worker (jvm-heap)` },
  'expected-healthy': { manifest: { expect: [{ rootCause: null }] }, failure: `${POD}: expected healthy, ${GOT}` },
  'pod-not-found': { manifest: { expect: [{ pod: 'shop/api-0', rootCause: ROOT_CAUSE }] }, failure: 'pod shop/api-0 not found in the input' },
  'unknown-rule': { manifest: { expect: [{ rootCause: ROOT_CAUSE, findings: [SYMPTOM], absent: ['jvm-heap-too-big'] }] }, failure: 'podmortem-test.json names rule "jvm-heap-too-big", which is not in the rule set under test' },
  'misspelt-field': { manifest: { expect: [{ rootcause: ROOT_CAUSE }] }, failure: 'podmortem-test.json: expect[0]: unknown field "rootcause" (known: pod, rootCause, findings, absent, allowOtherCritical, partialEvidence)' },
  'invalid-json': { manifest: '{"expect": [', failure: 'podmortem-test.json: invalid JSON: ' },
  'no-evidence': { manifest: { expect: [{ rootCause: ROOT_CAUSE }] }, evidence: false, failure: 'evidence: ' },
};

describe('podmortem rules test reports every way a test case can fail', () => {
  it('prints PASS or FAIL with the reason per case, then "N passed, M failed", exit 1', async () => {
    const pack = await tempTree(Object.fromEntries(Object.entries(CASES).map(([name, c]) => [`tests/${name}/podmortem-test.json`, c.manifest])));
    for (const file of ['pack.json', 'jvm-heap-too-small.json']) await copyFile(join(JVM_PACK, file), join(pack, file));
    for (const [name, c] of Object.entries(CASES)) {
      if (c.evidence === false) continue;
      await mkdir(join(pack, 'tests', name), { recursive: true });
      for (const file of EVIDENCE) await copyFile(join(JVM_PACK, 'tests/heap-too-small', file), join(pack, 'tests', name, file));
    }
    const { code, stdout } = runCli(['rules', 'test', pack]);
    const lines = stdout.trimEnd().split('\n');
    const line = (name: string) => lines.find((l) => l.startsWith(`PASS ${join(pack, 'tests', name)}`) || l.startsWith(`FAIL ${join(pack, 'tests', name)}:`));
    expect(line('passes')).toBe(`PASS ${join(pack, 'tests/passes')}`);
    for (const [name, c] of Object.entries(CASES)) {
      if (name === 'passes') continue;
      const expected = `FAIL ${join(pack, 'tests', name)}: ${c.failure}`;
      expect(line(name)?.slice(0, expected.length)).toBe(expected);
    }
    expect(lines.at(-1)).toBe(`1 passed, ${Object.keys(CASES).length - 1} failed`);
    expect(code).toBe(1);
  });

  it('a pack with rule problems fails even when its cases pass', async () => {
    const pack = await tempTree({ 'bad.json': { id: 'bad' } });
    const { code, stdout } = runCli(['rules', 'test', pack]);
    expect(stdout).toContain(`PROBLEM ${join(pack, 'bad.json')}: $: missing required property "title"\n`);
    expect(stdout).toContain('no test cases found: a test case is a folder holding evidence files and a podmortem-test.json\n');
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('0 passed, 0 failed');
    expect(code).toBe(1);
  });
});
