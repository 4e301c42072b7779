import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPERATORS } from '../src/engine/operators.js';
import { FIXTURES, ROOT } from './helpers.js';
import { runCli, tempTree, validRule } from './rules-helpers.js';

const OOM = join(FIXTURES, 'oom-killed-jvm');
const JVM_PACK = join(ROOT, 'examples/jvm-rules');
const HEAP_CASE = join(JVM_PACK, 'tests/heap-too-small');

const closingLine = (stdout: string) => stdout.trimEnd().split('\n').at(-1);

describe('podmortem rules test', () => {
  it('runs every built-in fixture through the built-in pack with none failing', async () => {
    const fixtures = (await readdir(FIXTURES, { withFileTypes: true })).filter((e) => e.isDirectory()).length;
    const { code, stdout } = runCli(['rules', 'test']);
    expect(closingLine(stdout)).toMatch(/^(\d+) passed, 0 failed$/);
    expect(Number(closingLine(stdout)?.split(' ')[0])).toBeGreaterThanOrEqual(fixtures);
    expect(stdout).toContain('PASS oom-killed-jvm\n');
    expect(code).toBe(0);
  });
});

describe('the JVM example pack (docs/rules.md)', () => {
  it('passes rules lint and rules test', () => {
    const lint = runCli(['rules', 'lint', JVM_PACK]);
    expect(lint.stdout).toBe('2 rule files checked: no problems\n');
    expect(lint.code).toBe(0);
    const test = runCli(['rules', 'test', 'examples/jvm-rules'], { cwd: ROOT });
    expect(test.stdout).toBe('PASS examples/jvm-rules/tests/heap-too-small\nPASS examples/jvm-rules/tests/metaspace-is-not-heap\n2 passed, 0 failed\n');
    expect(test.code).toBe(0);
  });

  it('replay with --rules shows its finding first; without it the built-ins decide', () => {
    const withPack = JSON.parse(runCli(['replay', HEAP_CASE, '--rules', JVM_PACK, '-o', 'json']).stdout);
    expect(withPack.pods[0].findings[0]).toMatchObject({ rule: 'jvm-heap-too-small', cause: 'jvm-heap', container: 'worker' });
    expect(withPack.pods[0].findings[0].title).toBe('worker: the Java heap is too small for the workload (the 2Gi container limit was not reached)');
    const builtIn = JSON.parse(runCli(['replay', HEAP_CASE, '-o', 'json']).stdout);
    expect(builtIn.pods[0].findings.map((f: { rule: string }) => f.rule)).not.toContain('jvm-heap-too-small');
  });
});

describe('rule sources: --rules, PODMORTEM_RULES, the config folder', () => {
  it('a bad user file is skipped with one warning line per problem while the built-ins still diagnose', async () => {
    const config = await tempTree({ 'podmortem/rules/team-rule.json': validRule({ conditions: { all: [{ fact: 'exitcode', operator: 'equal', value: 1 }] } }) });
    const { code, stdout, stderr } = runCli(['replay', OOM, '-o', 'json'], { env: { XDG_CONFIG_HOME: config } });
    expect(stderr).toBe(`podmortem: warning: skipped rule file ${join(config, 'podmortem/rules/team-rule.json')}: $.conditions.all[0].fact: unknown fact "exitcode" (did you mean "exitCode"?)\n`);
    expect(JSON.parse(stdout).pods[0].findings[0].rule).toBe('oom-killed');
    expect(code).toBe(0);
  });

  it('--strict makes a bad rule file fatal: exit 2 and one line', async () => {
    const pack = await tempTree({ 'broken.json': '{"id": ' });
    const { code, stdout, stderr } = runCli(['replay', OOM, '--rules', pack, '--strict']);
    expect(stdout).toBe('');
    expect(stderr).toMatch(new RegExp(`^podmortem: rule problem, fatal with --strict: ${join(pack, 'broken.json')}: \\$: invalid JSON: .*\\n$`));
    expect(code).toBe(2);
  });

  it('a user rule from PODMORTEM_RULES replaces the built-in of the same id, and rules list says where it came from', async () => {
    const pack = await tempTree({ 'oom-killed.json': validRule({ id: 'oom-killed', title: 'team says: {containerName} hit {memoryLimit}', cause: 'oom-limit', conditions: { all: [{ fact: 'terminationReason', operator: 'equal', value: 'OOMKilled' }] } }) });
    const replay = runCli(['replay', OOM, '-o', 'json'], { env: { PODMORTEM_RULES: pack } });
    expect(JSON.parse(replay.stdout).pods[0].findings[0]).toMatchObject({ rule: 'oom-killed', title: 'team says: app hit 512Mi' });
    const list = runCli(['rules', 'list'], { env: { PODMORTEM_RULES: pack } });
    expect(list.stdout).toMatch(new RegExp(`\\noom-killed +oom-limit +critical +container +${join(pack, 'oom-killed.json')} \\(replaces built-in:oom-killed.json\\)\\n`));
    expect(list.stdout).toMatch(/\ncrashloop-backoff +crashloop-unknown +critical +container +built-in\n/);
  });

  it('a pack file in the config folder disables a rule and re-rates another; rules list shows both', async () => {
    const home = await tempTree({ '.config/podmortem/rules/pack.json': { disable: ['crashloop-backoff'], severity: { 'oom-killed': 'warning' } } });
    const packFile = join(home, '.config/podmortem/rules/pack.json');
    const list = runCli(['rules', 'list'], { home });
    expect(list.stdout).toMatch(new RegExp(`\\noom-killed +oom-limit +warning \\(was critical, set by ${packFile}\\) +container +built-in\\n`));
    expect(list.stdout).toContain(`Disabled:\n  crashloop-backoff  by ${packFile}\n`);
    expect(list.stdout).not.toMatch(/\ncrashloop-backoff +crashloop-unknown/);
    const findings = JSON.parse(runCli(['replay', OOM, '-o', 'json'], { home }).stdout).pods[0].findings;
    expect(findings.map((f: { rule: string; severity: string }) => `${f.rule} ${f.severity}`)).toEqual(['oom-killed warning']);
  });

  it('a --rules path that does not exist is a usage problem, not silence', () => {
    const { code, stderr } = runCli(['replay', OOM, '--rules', '/nowhere/rules']);
    expect(stderr).toBe('podmortem: --rules names /nowhere/rules, which does not exist: give a rule file or a folder of rule files\n');
    expect(code).toBe(2);
  });
});

describe('podmortem rules lint', () => {
  it('prints file: $.path: message lines and a summary, exit 1; exit 0 when clean', async () => {
    const pack = await tempTree({
      'team-rule.json': validRule(),
      'copy.json': validRule(),
      'broken.json': '{',
      'typo.json': validRule({ id: 'typo', cause: 'jvm-heap' }),
    });
    const { code, stdout } = runCli(['rules', 'lint', pack]);
    expect(stdout.split('\n')).toEqual([
      expect.stringMatching(new RegExp(`^${join(pack, 'broken.json')}: \\$: invalid JSON: `)),
      `${join(pack, 'copy.json')}: $.id: rule id "team-rule" does not match the file name: name the file team-rule.json`,
      `${join(pack, 'team-rule.json')}: $.id: duplicate rule id "team-rule" (also in ${join(pack, 'copy.json')})`,
      `${join(pack, 'typo.json')}: $.cause: unknown cause "jvm-heap": use one of the vocabulary (podmortem rules causes) or declare it in a pack file's "causes"`,
      '4 rule files checked: 4 problems in 4 files',
      '',
    ]);
    expect(code).toBe(1);
    const clean = runCli(['rules', 'lint', join(pack, 'team-rule.json')]);
    expect(clean).toMatchObject({ code: 0, stdout: '1 rule file checked: no problems\n' });
  });

  it('with no PATH lints the built-in pack and the configured sources', async () => {
    const config = await tempTree({ 'podmortem/rules/team-rule.json': validRule({ severity: 'urgent' }) });
    const { code, stdout } = runCli(['rules', 'lint'], { env: { XDG_CONFIG_HOME: config } });
    expect(stdout).toContain(`${join(config, 'podmortem/rules/team-rule.json')}: $.severity: must be one of "critical", "warning", "info"\n`);
    expect(closingLine(stdout)).toMatch(/^\d+ rule files checked: 1 problem in 1 file$/);
    expect(code).toBe(1);
  });
});

describe('podmortem rules show, operators, causes', () => {
  it('shows a rule with readable conditions, evidence, remediation and its source', async () => {
    const pack = await tempTree({
      'team-rule.json': validRule({
        conditions: { all: [{ fact: 'terminationReason', operator: 'equal', value: 'OOMKilled' }, { fact: 'memoryLimit', operator: 'isSet', value: true }, { any: [{ fact: 'restartCount', operator: 'greaterThan', value: 2 }, { fact: 'logSignatures', operator: 'contains', value: 'java-heap-oom' }] }] },
        evidence: [{ fact: 'memoryLimit' }, { events: { reason: ['OOMKilling'], on: 'node' } }],
        remediation: [{ text: 'Size the heap.', when: { fact: 'runtime', operator: 'equal', value: 'jvm' } }],
      }),
    });
    const { code, stdout } = runCli(['rules', 'show', 'team-rule', '--rules', pack]);
    expect(code).toBe(0);
    expect(stdout).toContain(`team-rule: {containerName} failed\n  source:     ${join(pack, 'team-rule.json')}\n  cause:      app-error (The application exited with an error of its own.)\n`);
    expect(stdout).toContain('Conditions:\n  all of:\n    terminationReason equal "OOMKilled"\n    memoryLimit isSet true\n    any of: restartCount greaterThan 2; logSignatures contains "java-heap-oom"\n');
    expect(stdout).toContain('Evidence:\n  - memoryLimit (the field it was read from)\n  - events on the node with reason OOMKilling\n');
    expect(stdout).toContain('Remediation:\n  1. Size the heap.\n     (only when runtime equal "jvm")\n');
  });

  it('an unknown id suggests the near miss', () => {
    const { code, stderr } = runCli(['rules', 'show', 'oom-kiled']);
    expect(stderr).toBe('podmortem: no rule "oom-kiled" (did you mean "oom-killed"?): podmortem rules list shows them all (see podmortem --help)\n');
    expect(code).toBe(2);
  });

  it('lists every operator with an example, and the causes including declared ones', () => {
    const operators = runCli(['rules', 'operators']).stdout;
    for (const operator of OPERATORS) expect(`\n${operators}`).toContain(`\n${operator.name}\n  ${operator.description}\n`);
    const causes = runCli(['rules', 'causes', '--rules', JVM_PACK]).stdout;
    expect(causes).toMatch(/\njvm-heap +The JVM ran out of heap .* \(declared by a pack\)\n/);
    expect(causes).toMatch(/^oom-limit +The container used more memory than its limit/m);
  });

  it('an unknown subcommand suggests the near miss', () => {
    const { code, stderr } = runCli(['rules', 'lnt']);
    expect(stderr).toBe('podmortem: unknown rules subcommand "lnt" (did you mean "lint"?): use one of list, show, lint, test, new, operators, causes (see podmortem --help)\n');
    expect(code).toBe(2);
  });
});

describe('podmortem rules new', () => {
  it('scaffolds a rule and a test case from an incident that pass lint and test, and never overwrites', async () => {
    const dir = join(await tempTree({}), 'team');
    const scaffold = runCli(['rules', 'new', 'jvm-heap-too-small', '--from', HEAP_CASE, '-o', dir]);
    expect(scaffold.stderr).toBe('');
    expect(scaffold.code).toBe(0);
    expect(scaffold.stdout).toContain('  all of: terminationReason equal "Error"; terminationExitCode in [1]; logSignatures contains "java-heap-oom"\n');
    const rule = JSON.parse(await readFile(join(dir, 'jvm-heap-too-small.json'), 'utf8'));
    expect(rule).toMatchObject({ id: 'jvm-heap-too-small', cause: 'other', scope: 'container', supersedes: ['app-error-exit'] });
    expect(rule.title).toContain('TODO');
    const testCase = JSON.parse(await readFile(join(dir, 'tests/jvm-heap-too-small/podmortem-test.json'), 'utf8'));
    expect(testCase.expect[0].rootCause).toEqual({ rule: 'jvm-heap-too-small', cause: 'other', container: 'worker' });
    expect((await readdir(join(dir, 'tests/jvm-heap-too-small'))).sort()).toEqual(['events.yaml', 'pod.yaml', 'podmortem-test.json', 'worker.previous.log']);

    expect(runCli(['rules', 'lint', dir])).toMatchObject({ code: 0, stdout: '1 rule file checked: no problems\n' });
    const test = runCli(['rules', 'test', dir]);
    expect(test.stdout).toBe(`PASS ${join(dir, 'tests/jvm-heap-too-small')}\n1 passed, 0 failed\n`);

    const again = runCli(['rules', 'new', 'jvm-heap-too-small', '--from', HEAP_CASE, '-o', dir]);
    expect(again.stderr).toBe(`podmortem: ${join(dir, 'jvm-heap-too-small.json')} already exists: pick another id or remove it\n`);
    expect(again.code).toBe(2);
  });

  it('takes a cause a pack in DIR declares, and refuses an unknown one', async () => {
    const dir = await tempTree({ 'pack.json': { causes: { 'jvm-heap': 'heap too small' } } });
    expect(runCli(['rules', 'new', 'heap', '--from', HEAP_CASE, '-o', dir, '--cause', 'jvm-heap']).code).toBe(0);
    expect(JSON.parse(await readFile(join(dir, 'heap.json'), 'utf8')).cause).toBe('jvm-heap');
    const unknown = runCli(['rules', 'new', 'other-heap', '--from', HEAP_CASE, '-o', dir, '--cause', 'jvm-heep']);
    expect(unknown.stderr).toContain('unknown cause "jvm-heep"');
    expect(unknown.code).toBe(2);
  });

  it('--container must name a container of the pod', async () => {
    const dir = await tempTree({});
    const { code, stderr } = runCli(['rules', 'new', 'x', '--from', HEAP_CASE, '-o', dir, '--container', 'app']);
    expect(stderr).toBe('podmortem: the pod has no container "app": it has worker (see podmortem --help)\n');
    expect(code).toBe(2);
  });
});

describe('podmortem --help', () => {
  it('lists the rules and facts commands', () => {
    const { stdout } = runCli(['--help']);
    expect(stdout).toContain('podmortem rules lint [PATH...]');
    expect(stdout).toContain('podmortem facts [INCIDENT...]');
  });
});


describe('the rollout example pack (docs/rules.md, section 10)', () => {
  it('passes rules lint and rules test, and its context sits under the root cause in a replay', () => {
    const lint = runCli(['rules', 'lint', 'examples/rollout-rules'], { cwd: ROOT });
    expect(lint.stdout).toBe('1 rule file checked: no problems\n');
    const test = runCli(['rules', 'test', 'examples/rollout-rules'], { cwd: ROOT });
    expect(test.stdout).toBe('PASS examples/rollout-rules/tests/configmap-switched\nPASS examples/rollout-rules/tests/image-and-limit-only\n2 passed, 0 failed\n');
    expect(test.code).toBe(0);
    const json = JSON.parse(runCli(['replay', 'examples/rollout-rules/tests/configmap-switched', '--rules', 'examples/rollout-rules', '-o', 'json'], { cwd: ROOT }).stdout);
    const pod = json.pods.find((p: { name: string }) => p.name === 'ledger-7d5f9b8c6-f8j3n');
    expect(pod.findings.map((f: { rule: string }) => f.rule)).toEqual(['missing-config-key', 'configmap-reference-changed', 'rollout-template-changed']);
    expect(pod.findings[1]).toMatchObject({ context: true, relatedTo: 'missing-config-key/app', title: 'Revision 14 reads other ConfigMaps than revision 12, which ran healthy' });
  });
});
