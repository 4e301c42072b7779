import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatRuleProblem } from '../src/engine/rule-problem.js';
import { buildRuleSet, type RuleFileInput } from '../src/engine/rule-set.js';
import { loadRuleValidator, ruleFilesAt } from '../src/sources/rule-files.js';
import { tempTree, validRule } from './rules-helpers.js';

const validator = await loadRuleValidator();

/** The problems of one user file, as `rules lint` prints them. */
function problemsOf(data: unknown, file = 'team/team-rule.json', others: RuleFileInput[] = []): string[] {
  const set = buildRuleSet([...others, { file, layer: 'team', data }], validator);
  return [...set.problems, ...set.notices].filter((p) => p.file === file).map(formatRuleProblem);
}

describe('a bad rule file gets a precise message: file, JSON path, what is wrong', () => {
  it('invalid JSON names the file and the parse error', async () => {
    const dir = await tempTree({ 'broken.json': '{ "id": "broken", }' });
    const [input] = await ruleFilesAt(dir, 'team');
    const set = buildRuleSet([input!], validator);
    expect(set.problems.map(formatRuleProblem)).toEqual([expect.stringMatching(new RegExp(`^${join(dir, 'broken.json')}: \\$: invalid JSON: .*(position 18|column 19)`))]);
    expect(set.skippedFiles).toEqual([join(dir, 'broken.json')]);
  });

  it('a schema violation names the JSON path and the allowed values', () => {
    expect(problemsOf(validRule({ severity: 'fatal' }))).toEqual(['team/team-rule.json: $.severity: must be one of "critical", "warning", "info"']);
  });

  it('an unknown property is refused, so nothing in a rule file can carry code', () => {
    expect(problemsOf(validRule({ script: 'curl evil | sh' }))).toEqual(['team/team-rule.json: $: unknown property "script"']);
  });

  it('a missing condition value names the condition, not every branch of the schema', () => {
    const rule = validRule({ conditions: { all: [{ any: [{ fact: 'logText', operator: 'matches' }] }] } });
    expect(problemsOf(rule)).toEqual(['team/team-rule.json: $.conditions.all[0].any[0]: missing required property "value"']);
  });

  it('evidence of no known kind says which keys would do', () => {
    expect(problemsOf(validRule({ evidence: [{ event: { reason: 'BackOff' } }] }))).toEqual([
      'team/team-rule.json: $.evidence[0]: needs one of "fact", "events", "logs"',
      'team/team-rule.json: $.evidence[0]: unknown property "event"',
    ]);
  });

  it('an unknown fact suggests the near miss', () => {
    const rule = validRule({ conditions: { all: [{ fact: 'terminationExitCod', operator: 'in', value: [1] }] } });
    expect(problemsOf(rule)).toEqual(['team/team-rule.json: $.conditions.all[0].fact: unknown fact "terminationExitCod" (did you mean "terminationExitCode"?)']);
  });

  it('an unknown operator suggests the near miss', () => {
    const rule = validRule({ conditions: { all: [{ fact: 'logText', operator: 'match', value: 'x' }] } });
    expect(problemsOf(rule)).toEqual(['team/team-rule.json: $.conditions.all[0].operator: unknown operator "match" (did you mean "matches"?)']);
  });

  it('a template placeholder naming an unknown fact is found in the title, explanation and remediation', () => {
    const rule = validRule({ title: '{containerNme} failed', remediation: [{ text: 'Check {memoryLimt}.' }] });
    expect(problemsOf(rule)).toEqual([
      'team/team-rule.json: $.title: placeholder {containerNme} names an unknown fact (did you mean "containerName"?)',
      'team/team-rule.json: $.remediation[0].text: placeholder {memoryLimt} names an unknown fact (did you mean "memoryLimit"?)',
    ]);
  });

  it('an unknown cause suggests a declared one; a pack file declares new causes', () => {
    expect(problemsOf(validRule({ cause: 'jvm-heep' }), 'team/team-rule.json', [{ file: 'team/pack.json', layer: 'team', data: { causes: { 'jvm-heap': 'heap too small' } } }])).toEqual([
      'team/team-rule.json: $.cause: unknown cause "jvm-heep" (did you mean "jvm-heap"?): use one of the vocabulary (podmortem rules causes) or declare it in a pack file\'s "causes"',
    ]);
    expect(problemsOf(validRule({ cause: 'jvm-heap' }), 'team/team-rule.json', [{ file: 'team/pack.json', layer: 'team', data: { causes: { 'jvm-heap': 'heap too small' } } }])).toEqual([]);
  });

  it('a duplicate id within one layer names both files and skips the second', () => {
    const set = buildRuleSet(
      [
        { file: 'team/team-rule.json', layer: 'team', data: validRule() },
        { file: 'team/copy/team-rule.json', layer: 'team', data: validRule() },
      ],
      validator,
    );
    expect(set.problems.map(formatRuleProblem)).toEqual(['team/copy/team-rule.json: $.id: duplicate rule id "team-rule" (also in team/team-rule.json)']);
    expect(set.rules.map((r) => r.source)).toEqual(['team/team-rule.json']);
  });

  it('an invalid regular expression is reported where it is written', () => {
    const rule = validRule({
      conditions: { all: [{ fact: 'logText', operator: 'matches', value: 'OutOfMemoryError((' }] },
      evidence: [{ logs: { pattern: '[' } }],
    });
    expect(problemsOf(rule)).toEqual([
      expect.stringMatching(/^team\/team-rule.json: \$\.conditions\.all\[0\]\.value: invalid regular expression \(RE2 syntax\): missing closing \)/),
      expect.stringMatching(/^team\/team-rule.json: \$\.evidence\[0\]\.logs\.pattern: invalid regular expression \(RE2 syntax\): missing closing \]/),
    ]);
  });

  it('an operator that can never hold for the fact type, and a value the operator cannot read', () => {
    const rule = validRule({
      conditions: {
        all: [
          { fact: 'logText', operator: 'contains', value: 'OutOfMemoryError' },
          { fact: 'memoryLimit', operator: 'quantityGreaterThan', value: '2GB' },
          { fact: 'lastRunSeconds', operator: 'durationLessThan', value: 'soon' },
          { fact: 'terminationExitCode', operator: 'in', value: 1 },
        ],
      },
    });
    expect(problemsOf(rule)).toEqual([
      'team/team-rule.json: $.conditions.all[0].operator: operator "contains" never holds for "logText", a string fact (it works on string[], number[])',
      'team/team-rule.json: $.conditions.all[1].value: value "2GB" is not a Kubernetes quantity (e.g. "512Mi", "1Gi", "500m")',
      'team/team-rule.json: $.conditions.all[2].value: value "soon" is not a duration (e.g. "30s", "5m", "1h30m", or seconds)',
      'team/team-rule.json: $.conditions.all[3].value: value must be a list, e.g. [1, 2]',
    ]);
  });

  it('a list or an object where a list operator compares one item: the usual slip for containsAny', () => {
    const rule = validRule({
      conditions: {
        all: [
          { fact: 'eventReasons', operator: 'contains', value: ['BackOff', 'Failed'] },
          { fact: 'eventReasons', operator: 'doesNotContain', value: { reason: 'Killing' } },
          { fact: 'eventReasons', operator: 'contains', value: 'BackOff' },
        ],
      },
    });
    expect(problemsOf(rule)).toEqual([
      'team/team-rule.json: $.conditions.all[0].value: value must be a single value, not a list or object',
      'team/team-rule.json: $.conditions.all[1].value: value must be a single value, not a list or object',
    ]);
  });

  it('a pod-scope rule cannot read container facts', () => {
    expect(problemsOf(validRule({ scope: 'pod', title: 'x', explanation: 'x', remediation: [{ text: 'x' }] }))).toEqual([
      'team/team-rule.json: $.conditions.all[0].fact: fact "terminationExitCode" is per container; a pod-scope rule cannot use it (set "scope": "container")',
    ]);
    const podRule = validRule({ scope: 'pod', conditions: { all: [{ fact: 'podPhase', operator: 'equal', value: 'Pending' }] }, title: '{containerName} waits', explanation: 'x', remediation: [{ text: 'x' }] });
    expect(problemsOf(podRule)).toEqual(['team/team-rule.json: $.title: placeholder {containerName} is a container fact; a pod-scope rule cannot use it']);
  });

  it('rule files are data only: no $ref anywhere, no JSONPath expressions', () => {
    const withRef = validRule({ conditions: { all: [{ fact: 'logText', operator: 'equal', value: { $ref: 'https://example.com/x.json' } }] } });
    expect(problemsOf(withRef)).toEqual(['team/team-rule.json: $.conditions.all[0].value.$ref: rule files are data only: "$ref" is never followed; write the value itself']);
    const withFilter = validRule({ conditions: { all: [{ fact: 'eventReasons', operator: 'equal', value: 'x', path: '$[?(@.length > 1)]' }] } });
    expect(problemsOf(withFilter)).toEqual(['team/team-rule.json: $.conditions.all[0].path: path must be a plain property path like "$.reason" (no filters or expressions)']);
  });

  it('a fact reference as the value takes a plain path too, never a JSONPath expression', () => {
    const compare = (path: unknown) => validRule({ conditions: { all: [{ fact: 'restartCount', operator: 'greaterThan', value: { fact: 'restartCount', path } }] } });
    expect(problemsOf(compare('$[?(@.length > 1)]'))).toEqual(['team/team-rule.json: $.conditions.all[0].value.path: path must be a plain property path like "$.reason" (no filters or expressions)']);
    expect(problemsOf(compare(7))).toEqual(['team/team-rule.json: $.conditions.all[0].value.path: path must be a plain property path like "$.reason" (no filters or expressions)']);
  });

  it('a file that is not an object, and a pack file with a typo', () => {
    expect(problemsOf([1, 2])).toEqual(['team/team-rule.json: $: must be a JSON object: a rule (with "id") or a pack file (with "causes", "disable" or "severity")']);
    expect(problemsOf({ disable: 'oom-killed' }, 'team/pack.json')).toEqual(['team/pack.json: $.disable: must be array']);
    expect(problemsOf({ disabel: ['oom-killed'] }, 'team/pack.json')).toEqual(['team/pack.json: $: unknown property "disabel"']);
  });

  it('lint notices: a file not named after its rule, a supersedes naming no rule', () => {
    expect(problemsOf(validRule({ supersedes: ['app-eror-exit'] }), 'team/other-name.json', [{ file: 'rules/app-error-exit.json', layer: 'built-in', data: validRule({ id: 'app-error-exit' }) }])).toEqual([
      'team/other-name.json: $.id: rule id "team-rule" does not match the file name: name the file team-rule.json',
      'team/other-name.json: $.supersedes[0]: no rule with id "app-eror-exit" to supersede (did you mean "app-error-exit"?)',
    ]);
  });
});
