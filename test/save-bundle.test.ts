import { lstat, mkdtemp, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBundle } from '../src/sources/bundle.js';
import { saveBundle } from '../src/sources/cluster/save-bundle.js';
import { loadReplay } from '../src/sources/load-replay.js';
import { FIXTURES } from './helpers.js';
import { runCli } from './rules-helpers.js';

const { incidents } = await loadReplay([join(FIXTURES, 'oom-killed-jvm')]);
const bundle = createBundle(incidents);

describe('bundles are written safely', () => {
  it('mode 0600, no temporary file left, and replay reads it back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'podmortem-save-'));
    const file = join(dir, 'incident.json');
    await saveBundle(file, bundle);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(['incident.json']);
    expect((await loadReplay([file])).incidents[0]?.pod.metadata?.name).toBe('orders-api-6d8f7c9b54-q7xkz');
  });

  it('an existing file is not overwritten without force, and is replaced with it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'podmortem-save-'));
    const file = join(dir, 'incident.json');
    await writeFile(file, 'keep me');
    await expect(saveBundle(file, bundle)).rejects.toThrow(`${file} already exists: podmortem does not overwrite it; give another -f FILE, or add --force to replace it`);
    expect(await readFile(file, 'utf8')).toBe('keep me');
    expect(await readdir(dir)).toEqual(['incident.json']);
    await saveBundle(file, bundle, { force: true });
    expect(JSON.parse(await readFile(file, 'utf8')).kind).toBe('PodmortemBundle');
  });

  it('a symlink planted at the bundle path is not followed: the file it points at stays untouched', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'podmortem-save-'));
    const victim = join(dir, 'victim.txt');
    await writeFile(victim, 'precious');
    const file = join(dir, 'incident.json');
    await symlink(victim, file);
    await expect(saveBundle(file, bundle)).rejects.toThrow(/already exists/);
    expect(await readFile(victim, 'utf8')).toBe('precious');
    // With --force the link itself is replaced by the bundle; what it pointed at is never written.
    await saveBundle(file, bundle, { force: true });
    expect(await readFile(victim, 'utf8')).toBe('precious');
    expect((await lstat(file)).isSymbolicLink()).toBe(false);
  });

  it('record refuses an existing -f FILE before it connects, and says how to replace it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'podmortem-save-'));
    const file = join(dir, 'taken.json');
    await writeFile(file, '{}');
    const result = runCli(['record', 'web-0', '-f', file, '--kubeconfig', join(dir, 'no-such-config')]);
    expect(result.stderr).toBe(`podmortem: ${file} already exists: podmortem does not overwrite it; give another -f FILE, or add --force to replace it\n`);
    expect(result.code).toBe(2);
  });
});
