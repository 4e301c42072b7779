import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, FIXTURES, ROOT } from '../helpers.js';

/**
 * The UI is loaded only when it opens: --help, reports and piped output never parse ink or
 * react. A module hook records every ink/react module a run resolves.
 */
const dir = mkdtempSync(join(tmpdir(), 'podmortem-lazy-'));
const hook = join(dir, 'hook.mjs');
writeFileSync(
  hook,
  `import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(\`
import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  if (/node_modules\\\\/(ink|react)\\\\//.test(result.url)) appendFileSync(process.env.UI_MODULES_LOG, result.url + '\\\\n');
  return result;
}\`));
`,
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function uiModulesLoadedBy(args: string[]): string[] {
  const log = join(dir, `${args.join('_').replace(/\W+/g, '_')}.log`);
  execFileSync(process.execPath, ['--import', hook, ...args], { cwd: ROOT, env: { ...process.env, UI_MODULES_LOG: log }, stdio: ['ignore', 'pipe', 'pipe'] });
  return existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : [];
}

describe('the UI loads lazily', () => {
  it('the hook sees ink when the UI module is imported', () => {
    expect(uiModulesLoadedBy(['--input-type=module', '-e', `await import(${JSON.stringify(join(ROOT, 'dist/ui/run-ui.js'))})`]).length).toBeGreaterThan(0);
  });

  it.each([
    ['--help', [CLI, '--help']],
    ['replay -o json', [CLI, 'replay', join(FIXTURES, 'oom-killed-jvm'), '-o', 'json']],
    ['gallery piped (not a terminal)', [CLI, 'gallery']],
  ])('%s never loads ink or react', (_name, args) => {
    expect(uiModulesLoadedBy(args)).toEqual([]);
  });
});
