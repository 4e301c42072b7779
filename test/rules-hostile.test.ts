import { cp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildRuleSet } from '../src/engine/rule-set.js';
import { formatRuleProblem } from '../src/engine/rule-problem.js';
import { linearRegex } from '../src/engine/linear-regex.js';
import { OPERATOR_BY_NAME } from '../src/engine/operators.js';
import { loadRuleValidator } from '../src/sources/rule-files.js';
import { FIXTURES } from './helpers.js';
import { runCli, tempTree, validRule } from './rules-helpers.js';

const validator = await loadRuleValidator();
const OOM = join(FIXTURES, 'oom-killed-jvm');

function problemsOf(data: unknown): string[] {
  const set = buildRuleSet([{ file: 'team/team-rule.json', layer: 'team', data }], validator);
  return set.problems.map(formatRuleProblem);
}

/** A condition tree of `depth` nested `not`s, written as text (JSON.stringify itself overflows on it). */
function deeplyNestedRuleText(depth: number): string {
  const leaf = JSON.stringify({ fact: 'restartCount', operator: 'greaterThan', value: 0 });
  const conditions = `{"all":[${'{"not":'.repeat(depth)}${leaf}${'}'.repeat(depth)}]}`;
  return JSON.stringify(validRule({ conditions: '@' })).replace('"@"', conditions);
}

/** Backtracking engines take exponential time on these; each line below would stall V8's for hours. */
const CATASTROPHIC = { condition: '^(a+)+$', evidence: '(a|aa)+$' };
const HOSTILE_LINE = `${'a'.repeat(5000)}!`;

describe('team rule regular expressions run in linear time (ReDoS)', () => {
  it('a catastrophic pattern passes lint (RE2 runs it safely) and replay finishes on a hostile log line', async () => {
    const rule = validRule({
      id: 'redos-probe',
      title: '{containerName} log is all a',
      cause: 'other',
      conditions: { any: [{ fact: 'logText', operator: 'matches', value: CATASTROPHIC.condition }, { fact: 'terminationReason', operator: 'equal', value: 'OOMKilled' }] },
      evidence: [{ logs: { pattern: CATASTROPHIC.evidence } }, { events: { message: '(x+x+)+y' } }],
    });
    const pack = await tempTree({ 'redos-probe.json': rule });
    const incident = await tempTree({});
    await cp(OOM, incident, { recursive: true });
    await writeFile(join(incident, 'app.previous.log'), `${HOSTILE_LINE}\n${HOSTILE_LINE}\naaaa\n`);

    expect(runCli(['rules', 'lint', pack]).stdout).toBe('1 rule file checked: no problems\n');
    const started = Date.now();
    const replay = runCli(['replay', incident, '--rules', pack, '-o', 'json']);
    expect(replay.stderr).toBe('');
    const finding = JSON.parse(replay.stdout).pods[0].findings.find((f: { rule: string }) => f.rule === 'redos-probe');
    // The matching line is cited; the hostile lines are tested and rejected, not stalled on.
    expect(finding.evidence).toEqual([{ source: 'logs app --previous', text: 'aaaa' }]);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('the operators keep their meaning on RE2: multiline anchors, case folding, lists, notMatches', () => {
    const matches = OPERATOR_BY_NAME.get('matches')!.evaluate;
    const ignoreCase = OPERATOR_BY_NAME.get('matchesIgnoreCase')!.evaluate;
    const notMatches = OPERATOR_BY_NAME.get('notMatches')!.evaluate;
    expect(matches('first\nError: boom\nlast', '^Error: \\w+$')).toBe(true);
    expect(matches('first Error: boom', '^Error')).toBe(false);
    expect(matches(['ok', 'exec format error'], 'format')).toBe(true);
    expect(ignoreCase('CONNECTION REFUSED', 'connection (refused|reset)')).toBe(true);
    expect(matches('CONNECTION REFUSED', 'connection (refused|reset)')).toBe(false);
    expect(matches('Init:Error', '^Init:(\\D|$)')).toBe(true);
    expect(matches('Init:0/2', '^Init:(\\D|$)')).toBe(false);
    expect(notMatches('exec format error', 'exec format')).toBe(false);
    expect(notMatches(null, 'exec format')).toBe(true);
    expect(matches(HOSTILE_LINE, CATASTROPHIC.condition)).toBe(false);
    expect(linearRegex('[')).toBeNull();
  });

  it('JavaScript-only syntax is refused in lint with the reason, never silently never-matching', () => {
    const rule = validRule({
      conditions: { all: [{ fact: 'podStatus', operator: 'matches', value: '^Init:(?!\\d)' }] },
      evidence: [{ logs: { pattern: '(a)\\1' } }, { events: { message: 'caf\\u00e9' } }, { events: { message: 'x'.repeat(5000) } }],
      scope: 'pod',
      title: 'x',
      explanation: 'x',
      remediation: [{ text: 'x' }],
    });
    expect(problemsOf(rule)).toEqual([
      'team/team-rule.json: $.conditions.all[0].value: regular expression uses lookahead or lookbehind, which rule patterns cannot use: they run on a linear-time engine (RE2 syntax) so that no log line can stall a diagnosis',
      'team/team-rule.json: $.evidence[0].logs.pattern: regular expression uses backreferences, which rule patterns cannot use: they run on a linear-time engine (RE2 syntax) so that no log line can stall a diagnosis',
      'team/team-rule.json: $.evidence[1].events.message: regular expression uses \\u escapes (write \\x{00e9}), which rule patterns cannot use: they run on a linear-time engine (RE2 syntax) so that no log line can stall a diagnosis',
      'team/team-rule.json: $.evidence[2].events.message: regular expression is 5000 characters long: at most 4096',
    ]);
  });
});

describe('deeply nested rule files', () => {
  it('conditions nested 100,000 deep are one lint problem with the place, not a stack overflow', async () => {
    const pack = await tempTree({ 'team-rule.json': deeplyNestedRuleText(100_000) });
    const lint = runCli(['rules', 'lint', pack]);
    expect(lint.stderr).toBe('');
    const [problem, summary] = lint.stdout.trimEnd().split('\n');
    expect(problem).toMatch(/^\S+team-rule\.json: \$\.conditions\.all\[0\](\.not){37}: nested more than 40 levels deep: a rule file may nest 40 \(flatten the conditions with "all" and "any"\)$/);
    expect(summary).toBe('1 rule file checked: 1 problem in 1 file');
    expect(lint.code).toBe(1);
  });

  it('replay skips the deep file with one warning line and still diagnoses with the built-ins', async () => {
    const pack = await tempTree({ 'team-rule.json': deeplyNestedRuleText(100_000), 'pack.json': { causes: { jvm: 42 } } });
    const { code, stdout, stderr } = runCli(['replay', OOM, '--rules', pack, '-o', 'json']);
    const lines = stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(`podmortem: warning: skipped rule file ${join(pack, 'pack.json')}: $.causes.jvm: must be string`);
    expect(lines[1]).toMatch(/^podmortem: warning: skipped rule file \S+team-rule\.json: \$\.conditions\.all\[0\](\.not)+: nested more than 40 levels deep/);
    expect(JSON.parse(stdout).pods[0].findings[0].rule).toBe('oom-killed');
    expect(code).toBe(0);
  });

  it('a nesting a person writes (the limit) still loads', () => {
    const text = deeplyNestedRuleText(36);
    expect(problemsOf(JSON.parse(text))).toEqual([]);
  });
});
