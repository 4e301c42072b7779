import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT } from './helpers.js';

function run(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', input, env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const PASTE = `$ kubectl describe pod orders-0 -n shop
\`\`\`
Name:         orders-0
Namespace:    shop
Status:       Running
Containers:
  app:
    Image:          registry.example.com/shop/orders:2.1
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       OOMKilled
      Exit Code:    137
    Ready:          False
    Restart Count:  6
    Limits:
      memory:  256Mi
\`\`\`
`;

describe('podmortem replay of pasted text', () => {
  it('diagnoses kubectl describe pod text from standard input and lists what the paste lacked', () => {
    const { code, stdout, stderr } = run(['replay', '-'], PASTE);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/Pod shop\/orders-0/);
    expect(stdout).toContain('OOMKilled at its 256Mi memory limit');
    expect(stdout).toMatch(/events are not in the paste/);
  });

  it('gives the labelled cause for a real paste in JSON', () => {
    const file = join(resolve(ROOT, 'test/realworld/reference'), '011-customer-relations-webapp.txt');
    const { code, stdout } = run(['replay', file, '-o', 'json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).pods[0].findings[0]).toMatchObject({ cause: 'image-pull', container: 'crw-main-container' });
  });

  it('says in one line, exit 2, when the text is not kubectl output', () => {
    const { code, stdout, stderr } = run(['replay', '-'], 'my pod keeps restarting, help\n');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/standard input is not kubectl output podmortem can read/);
  });

  it('rejects a --captured-at that is not a time', () => {
    const { code, stderr } = run(['replay', '-', '--captured-at', 'yesterday'], PASTE);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--captured-at takes an ISO time/);
  });
});
