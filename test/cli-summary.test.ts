// `-o summary` / `--short`: one line per pod for a chat, and the summary table atop a Markdown
// report of several pods; and a paste of events alone gets the header its events imply on every
// output of the CLI.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, FIXTURES } from './helpers.js';

function run(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', input, env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const TRACEBACK = join(FIXTURES, 'python-traceback-beside-native-sidecar');
const THREE_PODS = join(FIXTURES, 'scan-payments-namespace');

describe('-o summary', () => {
  it('prints one line: severity, pod, status, root cause with its decisive log line, evidence and the first command', () => {
    const { code, stdout, stderr } = run(['replay', TRACEBACK, '-o', 'summary']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toBe(
      "CRITICAL billing/invoice-worker-6f7c8d9b5-mz2p8 CrashLoopBackOff: container worker exits with code 1: KeyError: 'STRIPE_API_KEY' · status.containerStatuses[worker].lastState.terminated.reason: Error · run `kubectl logs invoice-worker-6f7c8d9b5-mz2p8 -n billing -c worker --previous --tail=100`\n",
    );
  });

  it('--short is the same', () => {
    expect(run(['replay', TRACEBACK, '--short']).stdout).toBe(run(['replay', TRACEBACK, '-o', 'summary']).stdout);
  });

  it('lists several pods worst first, healthy ones last, one line each', () => {
    const lines = run(['replay', THREE_PODS, '--short']).stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines.map((l) => l.split(' ')[0])).toEqual(['CRITICAL', 'CRITICAL', 'OK']);
    expect(lines[2]).toBe('OK payments/payments-api-7f9c6d5b8-2xkq7 Running: Healthy: no rule found a problem with this pod.');
  });

  it('refuses --short beside another -o, in one line', () => {
    const { code, stderr } = run(['replay', TRACEBACK, '--short', '-o', 'json']);
    expect(code).toBe(2);
    expect(stderr).toBe('podmortem: --short is -o summary: give one of --short and -o json (see podmortem --help)\n');
    expect(run(['replay', TRACEBACK, '-o', 'yaml']).stderr).toMatch(/use -o text, -o json, -o markdown or -o summary/);
  });

  it('keeps --fail-on', () => {
    expect(run(['replay', TRACEBACK, '--short', '--fail-on', 'critical']).code).toBe(1);
  });
});

describe('-o markdown of several pods', () => {
  it('starts with a summary table, one row per pod, before the pods', () => {
    const markdown = run(['replay', THREE_PODS, '-o', 'markdown']).stdout;
    const lines = markdown.split('\n');
    expect(lines[0]).toBe('| Severity | Pod | Status | Root cause | Evidence | First step |');
    expect(lines.slice(2, 5).map((l) => l.split(' | ')[1])).toEqual([
      '`payments/fraud-model-6c8d9f7b5-zt4wq`',
      '`payments/payments-worker-5c7b8d6f9-q2m8v`',
      '`payments/payments-api-7f9c6d5b8-2xkq7`',
    ]);
    // A pipe inside a command is escaped, so the row keeps its six cells.
    expect(lines[3]).toContain('--no-headers \\| wc -l');
    expect(markdown.indexOf('## Pod')).toBeGreaterThan(markdown.indexOf('| ok |'));
  });

  it('a single pod gets no table', () => {
    expect(run(['replay', TRACEBACK, '-o', 'markdown']).stdout).toMatch(/^## Pod /);
  });
});

describe('a paste of events alone', () => {
  // Killing x2 and Created x2: the header must not say restarts 0, status Unknown.
  const EVENTS = `Events:
  Type     Reason   Age                 From     Message
  ----     ------   ----                ----     -------
  Normal   Killing  5m (x2 over 20m)    kubelet  Container app failed liveness probe, will be restarted
  Normal   Created  4m (x2 over 20m)    kubelet  Created container app
`;
  const replay = (output: string) => run(['replay', '-', '--captured-at', '2026-11-20T12:00:00Z', '-o', output], EVENTS);

  it('text: the restarts and status its events imply, marked, never restarts 0 or status Unknown', () => {
    const { code, stdout } = replay('text');
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe('Pod <namespace>/<pod>  status not shown, restarts at least 2 (from events)');
    expect(stdout).not.toMatch(/restarts 0|status Unknown/);
    expect(stdout.replace(/\s+/g, ' ')).toContain('the events show kubelet killing the container 2 times for it (Killing events)');
  });

  it('JSON, Markdown and summary say the same', () => {
    expect(JSON.parse(replay('json').stdout).pods[0].header).toEqual({ phase: 'not-shown', status: 'not-shown', restarts: 2, restartsFrom: 'derived' });
    const markdown = replay('markdown').stdout;
    expect(markdown).toContain('Restarts: at least 2 (from events)');
    expect(markdown).not.toMatch(/Unknown/);
    expect(replay('summary').stdout).toMatch(/^CRITICAL <namespace>\/<pod> not shown: container app is restarted by its failing liveness probe · /);
  });
});
