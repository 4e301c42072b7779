import { spawnSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, FIXTURES } from './helpers.js';

const OOM = join(FIXTURES, 'oom-killed-jvm');

function run(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', input, env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('podmortem replay', () => {
  it('prints the text report root cause first, with evidence and next steps', () => {
    const { code, stdout, stderr } = run(['replay', OOM]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/Pod shop\/orders-api-6d8f7c9b54-q7xkz\s+status CrashLoopBackOff/);
    const root = stdout.indexOf('OOMKilled at its 512Mi memory limit');
    const symptom = stdout.indexOf('is in CrashLoopBackOff');
    expect(root).toBeGreaterThan(0);
    expect(symptom).toBeGreaterThan(root);
    expect(stdout).toContain('status.containerStatuses[app].lastState.terminated.reason: OOMKilled');
    expect(stdout).toContain('$ kubectl logs orders-api-6d8f7c9b54-q7xkz -n shop -c app --previous');
    expect(stdout).not.toContain('\u001b[');
  });

  it('prints the JSON contract with findings[0] the root cause', () => {
    const { code, stdout } = run(['replay', OOM, '-o', 'json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.schemaVersion).toBe(1);
    const pod = report.pods[0];
    expect(pod).toMatchObject({ namespace: 'shop', name: 'orders-api-6d8f7c9b54-q7xkz', phase: 'Running', status: 'CrashLoopBackOff' });
    expect(pod.findings[0]).toMatchObject({ rule: 'oom-killed', cause: 'oom-limit', severity: 'critical', container: 'app' });
    expect(pod.findings[0].evidence[0]).toEqual({ source: 'status.containerStatuses[app].lastState.terminated.reason', text: 'OOMKilled' });
    expect(pod.findings[0].remediation[0].command).toContain('kubectl logs');
    expect(pod.findings[1]).toMatchObject({ rule: 'crashloop-backoff', cause: 'oom-limit', causedBy: 'oom-killed/app', symptom: true });
  });

  it('prints Markdown to paste into a ticket', () => {
    const { code, stdout } = run(['replay', OOM, '-o', 'markdown']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^## Pod `shop\/orders-api-6d8f7c9b54-q7xkz` — CrashLoopBackOff/);
    expect(stdout).toContain('| `status.containerStatuses[app].lastState.terminated.reason` | OOMKilled |');
    expect(stdout).toContain('```sh');
  });

  it('reads standard input for -', () => {
    const { code, stdout } = run(['replay', '-', '-o', 'json'], JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'd' }, spec: { containers: [{ name: 'c', image: 'nginx' }] }, status: { phase: 'Running', containerStatuses: [{ name: 'c', ready: true, restartCount: 0, image: 'nginx', imageID: '', state: { running: { startedAt: '2026-11-20T10:00:00Z' } } }] } }));
    expect(code).toBe(0);
    expect(JSON.parse(stdout).pods[0]).toMatchObject({ name: 'p', findings: [] });
  });

  it('--fail-on exits 1 when a finding reaches the severity, 0 otherwise', () => {
    expect(run(['replay', OOM, '-o', 'json', '--fail-on', 'critical']).code).toBe(1);
    expect(run(['replay', OOM, '-o', 'json', '--fail-on', 'warning']).code).toBe(1);
  });
});

describe('bad usage and bad input: one line, exit 2, no stack trace', () => {
  const dir = mkdtemp(join(tmpdir(), 'podmortem-cli-'));
  const cases: Array<[string, () => Promise<string[]>, RegExp]> = [
    ['missing file', async () => ['replay', join(await dir, 'missing.yaml')], /missing\.yaml: no such file/],
    ['malformed JSON', async () => { const f = join(await dir, 'bad.json'); await writeFile(f, '{"kind": "Pod",'); return ['replay', f]; }, /bad\.json is not valid JSON/],
    ['empty file', async () => { const f = join(await dir, 'empty.yaml'); await writeFile(f, ''); return ['replay', f]; }, /empty\.yaml is empty/],
    ['a Deployment', async () => { const f = join(await dir, 'd.yaml'); await writeFile(f, 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n'); return ['replay', f]; }, /is a Deployment, not a Pod/],
    ['unknown output format', async () => ['replay', OOM, '-o', 'xml'], /unknown output format "xml"/],
    ['unknown flag', async () => ['replay', OOM, '--frobnicate'], /Unknown option '--frobnicate'/],
    ['unknown command', async () => ['frobnicate'], /unknown command "frobnicate"/],
    ['replay without files', async () => ['replay'], /replay needs at least one file/],
    ['bad --fail-on', async () => ['replay', OOM, '--fail-on', 'sometimes'], /--fail-on takes warning or critical/],
    ['bad --logs', async () => ['replay', OOM, '--logs', 'app'], /--logs takes CONTAINER=FILE/],
  ];
  it.each(cases)('%s', async (_name, args, message) => {
    const { code, stdout, stderr } = run(await args());
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

describe('help', () => {
  it('--help lists the commands and exits 0', () => {
    const { code, stdout } = run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('podmortem replay');
  });
});

describe('evidence text with line breaks', () => {
  it('stays indented under its bullet in the text report', async () => {
    const { renderText } = await import('../src/report/text-report.js');
    const text = renderText(
      [
        {
          namespace: 'ns', name: 'p', uid: null, phase: 'Pending', status: 'ContainerCreating', severity: 'critical', missing: [],
          findings: [{ id: 'r', rule: 'r', cause: 'mount-failure', severity: 'critical', container: null, title: 'T', explanation: 'E', symptom: false, why: [], remediation: [],
            evidence: [{ source: 'event kubelet', text: 'Warning FailedMount: MountVolume.SetUp failed\nOutput: mount.nfs: Connection timed out\n' }] }],
        },
      ],
      { color: false },
    );
    expect(text).toContain('      - event kubelet: Warning FailedMount: MountVolume.SetUp failed\n        Output: mount.nfs: Connection timed out\n');
  });
});
