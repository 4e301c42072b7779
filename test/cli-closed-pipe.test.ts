// `podmortem ... | head -1`: the reader closing the pipe ends the run quietly (issue 14), in
// every output format, whether the report is written in one piece or in many (printOutPieces).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, FIXTURES } from './helpers.js';

/** Runs the CLI into a pipe whose reader goes away after the first line. */
function firstLineOnly(args: readonly string[]): Promise<{ code: number | null; stderr: string; first: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('\n')) child.stdout.destroy();
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stderr, first: stdout.split('\n')[0] ?? '' }));
  });
}

describe('a closed output pipe ends the run quietly', () => {
  const fixtures = ['oom-killed-jvm', 'scan-payments-namespace', 'evicted-memory', 'node-lost'].map((f) => join(FIXTURES, f));
  const runs: Array<[string, string[], number]> = [
    ['gallery -o text', ['gallery', '-o', 'text'], 0],
    ['gallery -o summary', ['gallery', '-o', 'summary'], 0],
    ['gallery -o markdown', ['gallery', '-o', 'markdown'], 0],
    ['gallery -o json', ['gallery', '-o', 'json'], 0],
    ['replay FIXTURES --short --fail-on critical (its exit code kept)', ['replay', ...fixtures, '--short', '--fail-on', 'critical'], 1],
    ['rules test', ['rules', 'test'], 0],
  ];
  for (const [name, args, code] of runs) {
    it(name, async () => {
      const result = await firstLineOnly(args);
      expect(result.first.length).toBeGreaterThan(0);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(code);
    });
  }
});
