import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileRuleSchema, RuleValidator, type SchemaValidators } from '../src/engine/validate-rule.js';
import { builtInRuleFiles } from '../src/sources/rule-files.js';
import { ROOT } from './helpers.js';

// The build precompiles rules/schema.json (scripts/compile-rule-schema.mjs); it must judge every
// file exactly as the schema compiled at run time does.
const precompiled = (await import(join(ROOT, 'dist/engine/rule-schema-validators.js'))) as SchemaValidators & { schemaText: string };
const schemaText = await readFile(join(ROOT, 'rules/schema.json'), 'utf8');
const compiled = new RuleValidator(await compileRuleSchema(JSON.parse(schemaText)));
const fromBuild = new RuleValidator(precompiled);

const samples: Array<[string, unknown]> = [
  ['a rule missing its conditions', { id: 'x', title: 't', cause: 'other', severity: 'warning', scope: 'pod', explanation: 'e', remediation: [{ text: 'r' }] }],
  ['a rule with an unknown property', { id: 'x', title: 't', cause: 'other', severity: 'warning', scope: 'pod', conditions: { all: [] }, explanation: 'e', remediation: [{ text: 'r' }], colour: 'red' }],
  ['a rule with a bad severity', { id: 'x', title: 't', cause: 'other', severity: 'high', scope: 'pod', conditions: { all: [] }, explanation: 'e', remediation: [{ text: 'r' }] }],
  ['a condition without a value', { id: 'x', title: 't', cause: 'other', severity: 'info', scope: 'pod', conditions: { all: [{ fact: 'podPhase', operator: 'equal' }] }, explanation: 'e', remediation: [{ text: 'r' }] }],
  ['a pack with a bad severity map', { severity: { 'oom-killed': 'loud' } }],
];

describe('the precompiled rule schema', () => {
  it('was built from the current rules/schema.json', () => {
    expect(precompiled.schemaText).toBe(schemaText);
  });

  it.each(samples)('judges %s as the run-time compile does', (_name, data) => {
    const a = compiled.check('f.json', data);
    const b = fromBuild.check('f.json', data);
    expect(b.problems).toEqual(a.problems);
    expect(b.problems.length).toBeGreaterThan(0);
  });

  it('accepts every built-in rule file as the run-time compile does', async () => {
    for (const input of await builtInRuleFiles()) {
      expect(fromBuild.check(input.file, input.data).problems, input.file).toEqual(compiled.check(input.file, input.data).problems);
    }
  });
});
