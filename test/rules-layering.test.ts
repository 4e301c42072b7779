import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatRuleProblem } from '../src/engine/rule-problem.js';
import { buildRuleSet, type RuleFileInput } from '../src/engine/rule-set.js';
import { builtInRuleFiles, loadRuleValidator } from '../src/sources/rule-files.js';
import { configRulesFolder, userRuleSources } from '../src/sources/rule-sources.js';
import { tempTree, validRule } from './rules-helpers.js';

const validator = await loadRuleValidator();
const builtIns = await builtInRuleFiles();
const layered = (...user: RuleFileInput[]) => buildRuleSet([...builtIns, ...user], validator);

describe('layering user rule files over the built-in pack', () => {
  it('a user rule with a built-in id replaces the built-in, and says so', () => {
    const set = layered({ file: 'team/oom-killed.json', layer: 'team', data: validRule({ id: 'oom-killed', cause: 'oom-limit', severity: 'warning' }) });
    const oom = set.rules.filter((r) => r.id === 'oom-killed');
    expect(oom).toHaveLength(1);
    expect(oom[0]).toMatchObject({ source: 'team/oom-killed.json', severity: 'warning' });
    expect(set.replaced.get('oom-killed')).toBe('built-in:oom-killed.json');
    expect(set.problems).toEqual([]);
  });

  it('a pack file disables rules and changes severities; the rest stays as it was', () => {
    const set = layered({ file: 'team/pack.json', layer: 'team', data: { disable: ['liveness-probe-kill'], severity: { 'app-error-exit': 'warning' } } });
    expect(set.rules.some((r) => r.id === 'liveness-probe-kill')).toBe(false);
    expect(set.disabled.get('liveness-probe-kill')).toBe('team/pack.json');
    expect(set.rules.find((r) => r.id === 'app-error-exit')?.severity).toBe('warning');
    expect(set.severityChanged.get('app-error-exit')).toEqual({ from: 'critical', file: 'team/pack.json' });
    expect(set.rules.find((r) => r.id === 'oom-killed')?.severity).toBe('critical');
  });

  it('disabling or re-rating a rule that does not exist is a problem with the near miss', () => {
    const set = layered({ file: 'team/pack.json', layer: 'team', data: { disable: ['liveness-probe-kil'], severity: { 'oom-kiled': 'info' } } });
    expect(set.problems.map(formatRuleProblem)).toEqual([
      'team/pack.json: $.severity.oom-kiled: no rule with id "oom-kiled" to change (did you mean "oom-killed"?)',
      'team/pack.json: $.disable[0]: no rule with id "liveness-probe-kil" to disable (did you mean "liveness-probe-kill"?)',
    ]);
  });

  it('a later user layer replaces an earlier one (config folder, then PODMORTEM_RULES, then --rules)', () => {
    const set = layered(
      { file: 'config/team-rule.json', layer: 'config', data: validRule({ severity: 'info' }) },
      { file: 'flag/team-rule.json', layer: 'flag', data: validRule({ severity: 'warning' }) },
    );
    expect(set.rules.find((r) => r.id === 'team-rule')).toMatchObject({ source: 'flag/team-rule.json', severity: 'warning' });
    expect(set.replaced.get('team-rule')).toBe('config/team-rule.json');
  });

  it('one bad user file is skipped alone: the built-ins and the good user files still apply', () => {
    const set = layered(
      { file: 'team/bad.json', layer: 'team', data: validRule({ id: 'bad', conditions: { all: [{ fact: 'nope', operator: 'equal', value: 1 }] } }) },
      { file: 'team/team-rule.json', layer: 'team', data: validRule() },
    );
    expect(set.skippedFiles).toEqual(['team/bad.json']);
    expect(set.rules.map((r) => r.id)).toEqual(expect.arrayContaining(['oom-killed', 'crashloop-backoff', 'team-rule']));
    expect(set.rules.some((r) => r.id === 'bad')).toBe(false);
  });
});

describe('where user rules are configured', () => {
  it('the config folder follows XDG_CONFIG_HOME, else ~/.config, and a relative XDG_CONFIG_HOME is ignored', () => {
    expect(configRulesFolder({ XDG_CONFIG_HOME: '/cfg', HOME: '/home/u' })).toBe('/cfg/podmortem/rules');
    expect(configRulesFolder({ HOME: '/home/u' })).toBe('/home/u/.config/podmortem/rules');
    expect(configRulesFolder({ XDG_CONFIG_HOME: 'relative', HOME: '/home/u' })).toBe('/home/u/.config/podmortem/rules');
  });

  it('orders sources config folder, PODMORTEM_RULES, --rules; an absent config folder is skipped silently', async () => {
    const root = await tempTree({ 'env-a/x.json': {}, 'env-b/y.json': {}, 'flag/z.json': {} });
    const env = { HOME: join(root, 'home'), PODMORTEM_RULES: `${join(root, 'env-a')}:${join(root, 'env-b')}` };
    expect(await userRuleSources([join(root, 'flag')], env)).toEqual([
      { path: join(root, 'env-a'), origin: 'PODMORTEM_RULES' },
      { path: join(root, 'env-b'), origin: 'PODMORTEM_RULES' },
      { path: join(root, 'flag'), origin: '--rules' },
    ]);
    await mkdir(join(root, 'home/.config/podmortem/rules'), { recursive: true });
    expect((await userRuleSources([], env))[0]).toEqual({ path: join(root, 'home/.config/podmortem/rules'), origin: 'config folder' });
  });

  it('a path named twice layers once, where it has the highest precedence', async () => {
    const root = await tempTree({ 'pack/x.json': {} });
    const sources = await userRuleSources([join(root, 'pack')], { HOME: root, PODMORTEM_RULES: join(root, 'pack') });
    expect(sources).toEqual([{ path: join(root, 'pack'), origin: '--rules' }]);
  });

  it('a named path that does not exist is an error saying where it was named', async () => {
    await expect(userRuleSources([], { HOME: '/nowhere', PODMORTEM_RULES: '/nowhere/rules' })).rejects.toThrow(
      'PODMORTEM_RULES names /nowhere/rules, which does not exist: give a rule file or a folder of rule files',
    );
  });
});
