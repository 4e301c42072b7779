import { spawnSync } from 'node:child_process';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CLI } from './helpers.js';

/** A valid container rule to derive bad ones from. */
export function validRule(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'team-rule',
    title: '{containerName} failed',
    cause: 'app-error',
    severity: 'critical',
    scope: 'container',
    conditions: { all: [{ fact: 'terminationExitCode', operator: 'in', value: [1] }] },
    explanation: 'It exited with {terminationExitCode}.',
    remediation: [{ text: 'Read the logs.', command: 'kubectl logs {podName} -n {namespace} -c {containerName} --previous' }],
    ...overrides,
  };
}

/** Writes files (path relative to a new temp folder → JSON value or text) and returns the folder. */
export async function tempTree(files: Record<string, unknown>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'podmortem-rules-'));
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`);
  }
  return root;
}

/**
 * Runs the built CLI with a home of its own, so the developer's ~/.config/podmortem/rules and
 * PODMORTEM_RULES never leak into a test; `env` adds to that.
 */
export function runCli(args: string[], options: { env?: Record<string, string>; cwd?: string; home?: string } = {}) {
  const env: Record<string, string> = { ...(process.env as Record<string, string>), NO_COLOR: '1', HOME: options.home ?? tmpdir() };
  delete env.PODMORTEM_RULES;
  delete env.XDG_CONFIG_HOME;
  // A hang (a regression to a backtracking regex, an unbounded wait) fails the test instead of stalling the run.
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...env, ...options.env }, cwd: options.cwd, timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
