import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers.js';

/** A copy of the built package (dist, rules, package.json; node_modules linked) whose files a test may change. */
export function copyBuiltPackage(prefix: string): { dir: string; run: (args: string[]) => ReturnType<typeof spawnSync<string>> } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cpSync(join(ROOT, 'dist'), join(dir, 'dist'), { recursive: true });
  cpSync(join(ROOT, 'rules'), join(dir, 'rules'), { recursive: true });
  cpSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  const run = (args: string[]) => spawnSync(process.execPath, [join(dir, 'dist/cli/main.js'), ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', KUBECONFIG: '' }, timeout: 60_000 });
  return { dir, run };
}
