import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { workerCount } from '../src/cli/replay-pool.js';
import { CLI, ROOT } from './helpers.js';

const run = promisify(execFile);
let dir: string;
let pods: string;
let events: string;
const SECRET = 'hunter2-correct-horse-battery';

/** The CLI's stdout, stderr and exit code, with PODMORTEM_WORKERS set. */
async function replay(workers: string, args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, 'replay', ...args], { env: { ...process.env, PODMORTEM_WORKERS: workers, NO_COLOR: '1' }, maxBuffer: 256 * 2 ** 20 });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const failed = error as { stdout: string; stderr: string; code: number };
    return { stdout: failed.stdout, stderr: failed.stderr, code: failed.code };
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'podmortem-pool-'));
  // A fleet as the benchmark makes it: every fixture's failure cloned, healthy pods between, events apart.
  await run(process.execPath, [join(ROOT, 'bench/generate.mjs'), '400', dir], { env: { ...process.env, BENCH_SEED: '7' } });
  events = join(dir, 'events.json');
  // Secrets where a pod can hold them: the worker threads are past the replay boundary too.
  const list = JSON.parse(await readFile(join(dir, 'pods.json'), 'utf8')) as { items: Array<{ spec: { containers: Array<Record<string, unknown>> } }> };
  for (const pod of list.items.filter((_, i) => i % 3 === 0)) {
    const [container] = pod.spec.containers;
    if (container) Object.assign(container, { env: [{ name: 'DB_PASSWORD', value: SECRET }], args: [`--db-password=${SECRET}`] });
  }
  pods = join(dir, 'secret-pods.json');
  await writeFile(pods, JSON.stringify(list, null, 4));
}, 60_000);

describe('replaying a fleet in worker threads', () => {
  it('prints exactly the report the main thread alone prints, in every format', async () => {
    for (const format of ['json', 'text', 'markdown', 'summary']) {
      const alone = await replay('0', [pods, events, '-o', format]);
      const pooled = await replay('2', [pods, events, '-o', format]);
      expect(alone.code, alone.stderr).toBe(0);
      expect(pooled.stderr).toBe('');
      expect(pooled.stdout, format).toBe(alone.stdout);
      expect(pooled.stdout).not.toContain(SECRET);
    }
    // The Markdown report of a fleet opens with its summary table, one row per pod, rows made in the workers; its workloads follow.
    const markdown = (await replay('2', [pods, events, '-o', 'markdown'])).stdout.split('\n');
    expect(markdown[0]).toMatch(/^\| Severity \| Pod \|/);
    expect(markdown.slice(2, 402).every((line) => /^\| (🔴|🟠|🔵|ok)/.test(line))).toBe(true);
    expect(markdown[402]).toBe('');
    expect(markdown[403]).toBe('## Workloads');
    expect((await replay('2', [pods, events, '--short'])).stdout.trimEnd().split('\n')).toHaveLength(400);
    const report = JSON.parse((await replay('3', [pods, events, '-o', 'json'])).stdout) as { pods: Array<{ findings: unknown[] }>; workloads: Array<{ name: string; pods: string[] }> };
    expect(report.pods).toHaveLength(400);
    // The roll-up counts the pods diagnosed in the workers: the generated web pods belong to deploy/web in each namespace.
    const web = report.workloads.filter((w) => w.name === 'web');
    expect(web.length).toBeGreaterThan(1);
    expect(web.reduce((sum, w) => sum + w.pods.length, 0)).toBeGreaterThan(100);
    expect(report.pods.filter((p) => p.findings.length > 0).length).toBeGreaterThan(100);
  }, 120_000);

  it('joins events given before the pods and pods set aside with loose ones, as the main thread does', async () => {
    const loose = join(ROOT, 'fixtures/oom-killed-jvm');
    const alone = await replay('0', [events, loose, pods, '--fail-on', 'critical', '-o', 'json']);
    const pooled = await replay('2', [events, loose, pods, '--fail-on', 'critical', '-o', 'json']);
    expect(alone.code).toBe(1);
    expect(pooled.code).toBe(1);
    expect(pooled.stdout).toBe(alone.stdout);
  }, 120_000);

  it('gives workers the controllers and siblings: a rollout dump reads the same, the change that preceded the failure named', async () => {
    const rollout = join(ROOT, 'fixtures/rollout-deployment-oom-after-limit-cut');
    for (const format of ['json', 'text']) {
      const alone = await replay('0', [rollout, '--captured-at', '2026-03-10T14:30:00Z', '-o', format]);
      const pooled = await replay('2', [rollout, '--captured-at', '2026-03-10T14:30:00Z', '-o', format]);
      expect(alone.code, alone.stderr).toBe(0);
      expect(pooled.stdout, format).toBe(alone.stdout);
      expect(pooled.stdout).toMatch(/since revision 14/);
      expect(pooled.stdout).toMatch(/revision 14/);
    }
  }, 120_000);

  it('stops at a pod that is not JSON with the same one-line message, and does not hang', async () => {
    const text = await readFile(pods, 'utf8');
    const broken = join(dir, 'broken.json');
    // One pod's object cut short in the middle of the fleet: the layout still cuts it, parsing refuses it.
    const middle = text.indexOf('"kind": "Pod"', text.length / 2);
    await writeFile(broken, `${text.slice(0, middle)}"kind": Pod${text.slice(middle + '"kind": "Pod"'.length)}`);
    const alone = await replay('0', [broken, events]);
    const pooled = await replay('2', [broken, events]);
    expect(alone.code).toBe(2);
    expect(pooled.code).toBe(2);
    expect(pooled.stderr).toBe(alone.stderr);
    expect(pooled.stderr.trim().split('\n')).toHaveLength(1);
    expect(pooled.stderr).toMatch(/not valid JSON/);
  }, 120_000);

  it('stops at a pod of the wrong shape with the message the main thread gives, naming the field and the pod', async () => {
    const list = JSON.parse(await readFile(pods, 'utf8')) as { items: Array<{ metadata: { name: string }; status: Record<string, unknown> }> };
    const damaged = list.items[250];
    if (!damaged) throw new Error('the generated fleet is smaller than expected');
    damaged.status.containerStatuses = 'running';
    const misshapen = join(dir, 'misshapen.json');
    await writeFile(misshapen, JSON.stringify(list, null, 4));
    const alone = await replay('0', [misshapen, events]);
    const pooled = await replay('2', [misshapen, events]);
    expect(alone.code).toBe(2);
    expect(pooled.code).toBe(2);
    expect(pooled.stderr).toBe(alone.stderr);
    expect(pooled.stderr.trim().split('\n')).toHaveLength(1);
    expect(pooled.stderr).toContain(`field status.containerStatuses of pod ${String((damaged.metadata as { namespace?: string }).namespace)}/${damaged.metadata.name} is not a list`);
  }, 120_000);

  it('reads a fleet piped on standard input in the threads as from a file', async () => {
    const piped = (workers: string) => run('sh', ['-c', `"${process.execPath}" "${CLI}" replay - "${events}" -o json < "${pods}"`], { env: { ...process.env, PODMORTEM_WORKERS: workers }, maxBuffer: 256 * 2 ** 20 });
    const alone = await piped('0');
    const pooled = await piped('2');
    expect(pooled.stderr).toBe('');
    expect(pooled.stdout).toBe(alone.stdout);
    expect((JSON.parse(pooled.stdout) as { pods: unknown[] }).pods).toHaveLength(400);
  }, 120_000);

  it('says in one line what PODMORTEM_WORKERS takes', async () => {
    const bad = await replay('lots', [pods, events]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/PODMORTEM_WORKERS takes a number of threads \(0 for none\), not "lots"/);
  });
});

describe('how many worker threads a fleet gets', () => {
  it('leaves one core to the main thread, which reads and joins, and caps the rest at four', () => {
    expect(workerCount({}, 1)).toEqual({ count: 0, asked: false });
    expect(workerCount({}, 2)).toEqual({ count: 1, asked: false });
    expect(workerCount({}, 3)).toEqual({ count: 2, asked: false });
    expect(workerCount({}, 16)).toEqual({ count: 4, asked: false });
    expect(workerCount({ PODMORTEM_WORKERS: '3' }, 2)).toEqual({ count: 3, asked: true });
    expect(workerCount({ PODMORTEM_WORKERS: '0' }, 8)).toEqual({ count: 0, asked: true });
  });

  it('keeps a worker on every core for an input of 256 MiB or more, where warming each up pays back', () => {
    const large = 256 * 2 ** 20;
    expect(workerCount({}, 2, large - 1)).toEqual({ count: 1, asked: false });
    expect(workerCount({}, 2, large)).toEqual({ count: 2, asked: false });
    expect(workerCount({}, 1, large)).toEqual({ count: 0, asked: false });
    expect(workerCount({}, 16, large)).toEqual({ count: 4, asked: false });
    expect(workerCount({ PODMORTEM_WORKERS: '1' }, 2, large)).toEqual({ count: 1, asked: true });
  });
});
