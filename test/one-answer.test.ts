// One answer everywhere: a fixture judged through `replay FOLDER`, through a bundle recorded
// from it, through the gallery and through the UI's pod list gives the same findings, because
// each route reads the same capture time (the one the folder pins, or the one a bundle carries).
import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { replayCommand } from '../src/cli/commands/replay.js';
import type { PodDiagnosis } from '../src/model/finding.js';
import type { Incident } from '../src/model/incident.js';
import { createBundle } from '../src/sources/bundle.js';
import { saveBundle } from '../src/sources/cluster/save-bundle.js';
import { loadGalleryFromFixtures } from '../src/sources/gallery-feed.js';
import { loadReplay } from '../src/sources/load-replay.js';
import { buildEntries } from '../src/ui/model/build-entries.js';
import { DiagnosisCache } from '../src/ui/model/diagnosis-cache.js';
import { builtInDiagnoser, CLI, FIXTURES, fixtureNames } from './helpers.js';

interface ReportedPod {
  readonly namespace: string;
  readonly name: string;
  readonly uid: string | null;
  readonly findings: unknown[];
}

const key = (pod: { namespace: string; name: string; uid: string | null }) => `${pod.namespace}/${pod.name}/${pod.uid ?? ''}`;

/** Runs the built CLI; the JSON report it prints. */
function cli(args: string[]): Promise<ReportedPod[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, NO_COLOR: '1', PODMORTEM_RULES: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(stdout).pods) : reject(new Error(`podmortem ${args.join(' ')} exited ${code}: ${stderr}`))));
  });
}

/** `podmortem replay ARGS -o json` run in this process (the command the binary runs), its pods. */
async function replayInProcess(args: string[]): Promise<ReportedPod[]> {
  let out = '';
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += chunk.toString();
    return true;
  });
  try {
    expect(await replayCommand([...args, '-o', 'json'])).toBe(0);
  } finally {
    write.mockRestore();
  }
  return JSON.parse(out).pods;
}

function byPod(pods: readonly ReportedPod[]): Map<string, unknown[]> {
  const map = new Map<string, unknown[]>();
  for (const pod of pods) {
    expect(map.has(key(pod)), `two pods are ${key(pod)}`).toBe(false);
    map.set(key(pod), pod.findings);
  }
  return map;
}

const names = await fixtureNames();
/** Findings per pod through `replay FOLDER`, fixture by fixture. */
const viaFolder = new Map<string, Map<string, unknown[]>>();
let viaBundle: Map<string, unknown[]>;
let viaGallery: Map<string, unknown[]>;
let viaUi: Map<string, unknown[]>;

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'podmortem-one-answer-'));
  const incidents: Incident[] = [];
  const timelines = [];
  for (const name of names) {
    viaFolder.set(name, byPod(await replayInProcess([join(FIXTURES, name)])));
    const input = await loadReplay([join(FIXTURES, name)]);
    incidents.push(...input.incidents);
    timelines.push(...input.timelines);
  }
  // Recorded as `podmortem record` writes bundles, then replayed by the binary itself.
  const bundle = join(dir, 'every-fixture.bundle.json');
  await saveBundle(bundle, createBundle(incidents, timelines));
  viaBundle = byPod(await cli(['replay', bundle, '-o', 'json']));
  viaGallery = byPod(await cli(['gallery', '-o', 'json']));
  const entries = await buildEntries(await loadGalleryFromFixtures(), new DiagnosisCache(await builtInDiagnoser()));
  viaUi = byPod(entries.map((entry) => entry.diagnosis as PodDiagnosis as unknown as ReportedPod));
}, 120_000);

afterEach(() => vi.restoreAllMocks());

describe('every fixture gives the same findings through every route', () => {
  it('covers every pod of every fixture', () => {
    const pods = [...viaFolder.values()].reduce((n, m) => n + m.size, 0);
    expect(pods).toBeGreaterThanOrEqual(names.length);
    expect(viaBundle.size).toBe(pods);
    expect(viaGallery.size).toBe(pods);
    expect(viaUi.size).toBe(pods);
  });

  it.each(names)('%s: replay FOLDER = replay BUNDLE = gallery = UI list', (name) => {
    for (const [pod, findings] of viaFolder.get(name)!) {
      const expected = JSON.parse(JSON.stringify(findings));
      expect(viaBundle.get(pod), `${pod} through the bundle`).toEqual(expected);
      expect(viaGallery.get(pod), `${pod} through the gallery`).toEqual(expected);
      expect(JSON.parse(JSON.stringify(viaUi.get(pod))), `${pod} in the UI`).toEqual(expected);
    }
  });
});

describe('the capture time a folder pins', () => {
  it('judges an exit days ago as recovered through replay, as the gallery does', async () => {
    const [pod] = await cli(['replay', join(FIXTURES, 'recovered-app-error-days-ago'), '-o', 'json']);
    expect(pod!.findings[0]).toMatchObject({ rule: 'recovered-app-error', severity: 'info' });
  });

  it('sees a pod stuck terminating through replay, as the gallery does', async () => {
    const [pod] = await cli(['replay', join(FIXTURES, 'stuck-terminating-finalizer'), '-o', 'json']);
    expect(pod!.findings[0]).toMatchObject({ rule: 'stuck-terminating-finalizers', severity: 'warning' });
  });

  it('gives way to --captured-at', async () => {
    const [pod] = await cli(['replay', join(FIXTURES, 'recovered-app-error-days-ago'), '-o', 'json', '--captured-at', '2026-11-21T09:35:00Z']);
    expect(pod!.findings[0]).toMatchObject({ rule: 'app-error-exit', severity: 'critical' });
  });

  it('refuses two folders pinned at different times in one call, saying how to go on', async () => {
    const run = cli(['replay', join(FIXTURES, 'recovered-app-error-days-ago'), join(FIXTURES, 'stuck-terminating-finalizer'), '-o', 'json']);
    await expect(run).rejects.toThrow(/exited 2: podmortem: the folders were captured at different times .*replay them one at a time, or pass --captured-at/);
  });
});
