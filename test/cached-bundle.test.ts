// dist/cli/main.js runs the command line as one script with V8's code cache (src/cli/cached-bundle.ts).
// V8 checks a cache only against the length of the source: a cache from another build must never
// run, and without the bundle the ES modules must answer the same. These tests change a copy of
// the built package.
import { readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { CLI, FIXTURES } from './helpers.js';
import { spawnSync } from 'node:child_process';
import { copyBuiltPackage } from './support/built-package-copy.js';

const { dir, run } = copyBuiltPackage('podmortem-cached-bundle-');
const bundleFile = join(dir, 'dist/cli/main.bundle.cjs');
const cacheFile = join(dir, 'dist/cli/main.bundle.cache');
const builtBundle = readFileSync(bundleFile, 'utf8');
const builtCache = readFileSync(cacheFile);
const fixture = join(FIXTURES, 'oom-killed-jvm');

beforeEach(() => {
  writeFileSync(bundleFile, builtBundle);
  writeFileSync(cacheFile, builtCache);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What the repository's own build prints for these arguments. */
function expected(args: string[]): { stdout: string; stderr: string; status: number | null } {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', KUBECONFIG: '' } });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

function same(args: string[]): void {
  const result = run(args);
  expect({ stdout: result.stdout, stderr: result.stderr, status: result.status }).toEqual(expected(args));
}

/**
 * The bundle as another build of the same length would be: a key the JSON report writes
 * (compiled while the cache was trained) spelled otherwise, and another build id.
 */
function rebuildSameLength(): void {
  const id = /\/\/ podmortem build ([0-9a-f]+)\n$/.exec(builtBundle)![1]!;
  const other = builtBundle.replaceAll('"schemaVersion"', '"schemaVERSION"').replace(`// podmortem build ${id}\n`, `// podmortem build ${id.replace(/^./, id[0] === 'a' ? 'b' : 'a')}\n`);
  expect(other).not.toBe(builtBundle);
  expect(other.length).toBe(builtBundle.length);
  writeFileSync(bundleFile, other);
}

describe('the cached command line', () => {
  it('is built with its cache, which carries the bundle build id', () => {
    const id = /\/\/ podmortem build ([0-9a-f]+)\n$/.exec(builtBundle)?.[1];
    expect(id).toBeDefined();
    expect(builtCache.subarray(0, id!.length + 1).toString()).toBe(`${id}\n`);
    expect(builtCache.length).toBeGreaterThan(100_000);
  });

  it('answers as the ES modules do: replays, rule commands, bad input', () => {
    same(['replay', fixture, '-o', 'json']);
    same(['replay', fixture]);
    same(['rules', 'list']);
    same(['replay', join(dir, 'no-such-file.json')]);
  });

  it('never runs a cache made for another bundle, even one of the same length', () => {
    rebuildSameLength();
    const result = run(['replay', fixture, '-o', 'json']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('"schemaVERSION"');
    expect(result.stdout).not.toContain('"schemaVersion"');
  });

  it('runs without a cache, and without the bundle falls back to the ES modules', () => {
    unlinkSync(cacheFile);
    same(['replay', fixture, '-o', 'json']);
    unlinkSync(bundleFile);
    same(['replay', fixture, '-o', 'json']);
    same(['rules', 'list']);
  });
});
