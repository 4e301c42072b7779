// The package as users get it: `npm pack`, installed from the tarball into an empty prefix with
// production dependencies only, run from there in a folder that is not the repository. It checks
// that `files` in package.json ships everything the CLI loads at run time (dist, rules, the
// gallery's fixtures) and that no dev dependency is needed or installed. npm reads the
// dependencies from its local cache when it has them (`--prefer-offline`). Slow-ish (an install):
// about 10 to 30 s, so it runs once, in its own file.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  bin: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const work = mkdtempSync(join(tmpdir(), 'podmortem-pack-'));
const prefix = join(work, 'prefix');
/** Where commands run: an empty folder, so nothing resolves from the repository by accident. */
const elsewhere = mkdtempSync(join(tmpdir(), 'podmortem-elsewhere-'));
const installed = join(prefix, 'node_modules', manifest.name);
let packed: string[] = [];

function npm(args: string[], cwd: string): string {
  return execFileSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' } });
}

/** Runs an installed bin the way npm links it (node_modules/.bin), with no colour and no kubeconfig. */
function runBin(name: string, args: string[]) {
  return spawnSync(join(prefix, 'node_modules', '.bin', name), args, { cwd: elsewhere, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', KUBECONFIG: '' }, timeout: 60_000 });
}

/** Every package installed under node_modules (scoped ones as @scope/name), nested ones included, with its folder. */
function installedPackages(nodeModules: string): Array<{ name: string; dir: string }> {
  if (!existsSync(nodeModules)) return [];
  const found: Array<{ name: string; dir: string }> = [];
  for (const entry of readdirSync(nodeModules)) {
    if (entry.startsWith('.')) continue;
    const inner = entry.startsWith('@') ? readdirSync(join(nodeModules, entry)).map((n) => `${entry}/${n}`) : [entry];
    for (const name of inner) {
      const dir = join(nodeModules, name);
      found.push({ name, dir }, ...installedPackages(join(dir, 'node_modules')));
    }
  }
  return found;
}

/** What installed packages depend on (their `dependencies`, not their dev ones). */
function requiredByInstalled(packages: Array<{ dir: string }>): Set<string> {
  const required = new Set<string>();
  for (const { dir } of packages) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const { dependencies = {}, optionalDependencies = {} } = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, string> | undefined>;
    for (const name of [...Object.keys(dependencies), ...Object.keys(optionalDependencies)]) required.add(name);
  }
  return required;
}

beforeAll(() => {
  // npm test has just built dist/; packing again would run the build a second time (prepare).
  const json = npm(['pack', '--ignore-scripts', '--json', '--pack-destination', work], ROOT);
  const [info] = JSON.parse(json) as Array<{ filename: string; files: Array<{ path: string }> }>;
  packed = info!.files.map((f) => f.path);
  npm(['install', '--prefix', prefix, '--omit=dev', '--prefer-offline', '--no-package-lock', '--loglevel=error', join(work, info!.filename)], work);
}, 240_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  rmSync(elsewhere, { recursive: true, force: true });
});

describe('the packed package, installed from its tarball without dev dependencies', () => {
  it('ships the built CLI, the rules and the gallery, and none of the sources or tests', () => {
    for (const bin of Object.values(manifest.bin)) expect(packed).toContain(bin);
    expect(packed).toContain('rules/schema.json');
    expect(packed.filter((f) => /^rules\/[^/]+\.json$/.test(f)).length).toBeGreaterThan(10);
    expect(packed.some((f) => f.startsWith('fixtures/'))).toBe(true);
    expect(packed.filter((f) => /^(src|test|bench)\//.test(f))).toEqual([]);
    expect(packed.filter((f) => f.startsWith('node_modules/'))).toEqual([]);
  });

  it('installs no dev dependency, and every production one', () => {
    const packages = installedPackages(join(prefix, 'node_modules'));
    const names = new Set(packages.map((p) => p.name));
    expect(names.has(manifest.name)).toBe(true);
    for (const dependency of Object.keys(manifest.dependencies)) expect(names.has(dependency), dependency).toBe(true);
    // A dev dependency may also be a production dependency's own (@types/node comes with
    // @kubernetes/client-node's @types/node-fetch): only one nothing installed needs is ours.
    const required = requiredByInstalled(packages);
    expect(Object.keys(manifest.devDependencies).filter((d) => names.has(d) && !required.has(d))).toEqual([]);
    for (const tool of ['vitest', 'typescript', 'esbuild', 'fast-check', 'ink-testing-library']) expect(names.has(tool), tool).toBe(false);
  });

  it('podmortem --version prints the package version', () => {
    const result = runBin('podmortem', ['--version']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toMatch(new RegExp(`\\b${manifest.version.replaceAll('.', '\\.')}\\b`));
  });

  it('podmortem replay diagnoses a fixture shipped in the package, with the shipped rules', () => {
    const result = runBin('podmortem', ['replay', join(installed, 'fixtures', 'oom-killed-jvm'), '-o', 'json']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as { pods: Array<{ findings: Array<{ cause: string }> }> };
    expect(report.pods[0]?.findings[0]?.cause).toBe('oom-limit');
  });

  it('the gallery loads from the installed package', () => {
    const result = runBin('podmortem', ['gallery', '-o', 'json']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect((JSON.parse(result.stdout) as { pods: unknown[] }).pods.length).toBeGreaterThan(10);
  });

  it('kubectl-podmortem --help prints the usage, as kubectl runs the plugin', () => {
    const result = runBin('kubectl-podmortem', ['--help']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('podmortem diagnose POD');
    expect(result.stdout).toContain('kubectl podmortem');
  });
});
