// The build saves the built-in pack checked (dist/built-in-rules.json) so a replay does not
// validate 89 files on every start. It must never serve a rule the files no longer say: these
// tests run a copy of the built package (dist, rules, package.json) and change its files.
import { cpSync, readFileSync, rmSync, writeFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURES, ROOT } from './helpers.js';
import { copyBuiltPackage } from './support/built-package-copy.js';

const { dir: copy, run } = copyBuiltPackage('podmortem-rule-bundle-');
const bundleFile = join(copy, 'dist/built-in-rules.json');
const rulesDir = join(copy, 'rules');
const oomRule = join(rulesDir, 'oom-killed.json');
const REAL_TITLE = 'container app was OOMKilled at its 512Mi memory limit';
const builtBundle = readFileSync(bundleFile, 'utf8');

beforeEach(() => {
  rmSync(rulesDir, { recursive: true, force: true });
  cpSync(join(ROOT, 'rules'), rulesDir, { recursive: true });
  writeFileSync(bundleFile, builtBundle);
});

afterAll(() => rmSync(copy, { recursive: true, force: true }));

/** The titles of the findings a replay of the OOM-killed JVM fixture reports. */
function oomTitles(): string[] {
  const result = run(['replay', join(FIXTURES, 'oom-killed-jvm'), '-o', 'json']);
  expect(result.stderr).toBe('');
  const report = JSON.parse(result.stdout) as { pods: Array<{ findings: Array<{ rule: string; title: string }> }> };
  return report.pods[0]!.findings.filter((f) => f.rule === 'oom-killed').map((f) => f.title);
}

/** Rewrites the bundle's checked oom-killed rule with another title template: what a replay says shows whether the bundle was used. */
function tamperBundledTitle(title: string): void {
  const bundle = JSON.parse(readFileSync(bundleFile, 'utf8')) as { files: Record<string, { checked: { rule: { title: string } } }> };
  bundle.files['oom-killed.json']!.checked.rule.title = title;
  writeFileSync(bundleFile, JSON.stringify(bundle));
}

function editOomRule(edit: (rule: Record<string, unknown>) => void): void {
  const rule = JSON.parse(readFileSync(oomRule, 'utf8')) as Record<string, unknown>;
  edit(rule);
  writeFileSync(oomRule, `${JSON.stringify(rule, null, 2)}\n`);
}

describe('the built-in rule bundle', () => {
  it('is built, and serves a file whose text it checked', () => {
    expect(oomTitles()).toEqual([REAL_TITLE]);
    tamperBundledTitle('{containerLabel} from the bundle');
    expect(oomTitles()).toEqual(['container app from the bundle']);
  });

  it('gives way to an edited rule file, even one of the same size', () => {
    tamperBundledTitle('{containerLabel} from the bundle');
    const text = readFileSync(oomRule, 'utf8');
    const edited = text.replace('was OOMKilled at its', 'got OOMKilled at its');
    expect(edited).not.toBe(text);
    expect(edited.length).toBe(text.length);
    writeFileSync(oomRule, edited);
    expect(oomTitles()).toEqual(['container app got OOMKilled at its 512Mi memory limit']);
  });

  it('validates an edited built-in file: a broken one is reported, not served from the bundle', () => {
    editOomRule((rule) => {
      rule.severity = 'loud';
    });
    const result = run(['replay', join(FIXTURES, 'oom-killed-jvm'), '-o', 'json']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^podmortem: built-in rule pack is broken: .*oom-killed\.json.*severity/);
    expect(result.stdout).toBe('');
  });

  it('loads a rule file added after the build and drops one removed', () => {
    editOomRule((rule) => {
      rule.id = 'oom-killed-copy';
    });
    cpSync(oomRule, join(rulesDir, 'oom-killed-copy.json'));
    cpSync(join(ROOT, 'rules/oom-killed.json'), oomRule);
    unlinkSync(join(rulesDir, 'crashloop-backoff.json'));
    const list = run(['rules', 'list']);
    expect(list.status).toBe(0);
    const ids = list.stdout.split('\n').map((line) => line.split(/\s+/)[0]);
    expect(ids).toContain('oom-killed-copy');
    expect(ids).toContain('oom-killed');
    expect(ids).not.toContain('crashloop-backoff');
  });

  it('is set aside whole when the schema changed since the build', () => {
    tamperBundledTitle('{containerLabel} from the bundle');
    writeFileSync(join(rulesDir, 'schema.json'), `${readFileSync(join(rulesDir, 'schema.json'), 'utf8')}\n`);
    expect(oomTitles()).toEqual([REAL_TITLE]);
  });

  it('is ignored when unreadable, and the files are read as without it', () => {
    writeFileSync(bundleFile, '{"version": 1, "files": ');
    expect(oomTitles()).toEqual([REAL_TITLE]);
    unlinkSync(bundleFile);
    expect(oomTitles()).toEqual([REAL_TITLE]);
  });
});
