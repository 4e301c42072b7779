// `npm start` starts from dist/ and builds only when a source is newer than the last build;
// on a non-terminal the gallery says on stderr that a terminal opens the UI.
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIsStale } from '../scripts/build-freshness.mjs';
import { CLI, ROOT } from './helpers.js';

const stale = (root: string): boolean => buildIsStale(root);

async function layout(files: Record<string, number>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'podmortem-start-'));
  for (const [file, seconds] of Object.entries(files)) {
    await mkdir(join(root, file, '..'), { recursive: true });
    await writeFile(join(root, file), '');
    await utimes(join(root, file), seconds, seconds);
  }
  return root;
}

describe('whether npm start builds first', () => {
  it('does not when dist/ is newer than every source', async () => {
    expect(stale(await layout({ 'src/cli/main.ts': 100, 'scripts/build-gallery.mjs': 100, 'dist/cli/main.js': 200, 'dist/gallery.json': 200 }))).toBe(false);
  });

  it('does when a source file, a build script or the rule schema changed after the build', async () => {
    expect(stale(await layout({ 'src/report/deep/x.ts': 300, 'dist/cli/main.js': 200, 'dist/gallery.json': 200 }))).toBe(true);
    expect(stale(await layout({ 'src/a.ts': 100, 'scripts/bundle-ui.mjs': 300, 'dist/cli/main.js': 200, 'dist/gallery.json': 200 }))).toBe(true);
    expect(stale(await layout({ 'src/a.ts': 100, 'rules/schema.json': 300, 'dist/cli/main.js': 200, 'dist/gallery.json': 200 }))).toBe(true);
  });

  it('does when there is no build, and never for an install without sources', async () => {
    expect(stale(await layout({ 'src/a.ts': 100 }))).toBe(true);
    expect(stale(await layout({ 'dist/cli/main.js': 100, 'dist/gallery.json': 100 }))).toBe(false);
  });
});

describe('npm start on a non-terminal', () => {
  it('starts from the fresh build without building, and says first on stderr that a terminal opens the UI', () => {
    const result = spawnSync(process.execPath, [join(ROOT, 'scripts/start.mjs'), '--short'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stderr).not.toContain('building');
    expect(result.stdout.split('\n')[0]).toMatch(/^CRITICAL /);
    const text = spawnSync(process.execPath, [CLI, 'gallery'], { encoding: 'utf8' });
    expect(text.stderr.split('\n')[0]).toBe(
      'podmortem: not a terminal, so this is the gallery as a text report; in a terminal it opens the interactive UI (-o text|json|markdown|summary picks a report)',
    );
    expect(text.stdout).toMatch(/^\d+ pods, \d+ with findings/);
    // A report asked for by name needs no explaining.
    expect(spawnSync(process.execPath, [CLI, 'gallery', '-o', 'text'], { encoding: 'utf8' }).stderr).toBe('');
  });
});
