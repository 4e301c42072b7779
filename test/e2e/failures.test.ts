// End to end on a real node (test/cluster/up --node): each failing workload is created, the
// failure is awaited as kubelet really reports it, and `podmortem diagnose` must name the
// expected root cause first with the expected evidence. Each pod is then recorded with
// `podmortem record` and replayed: the replay must agree with the live diagnosis.
//
// With PODMORTEM_RECORD_DIR set (npm run fixtures:record) the bundles are kept there, one
// folder per workload with its podmortem-test.json, for the fixture golden test.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkTestCase, type TestCase } from '../../src/engine/test-case.js';
import type { PodDiagnosis } from '../../src/model/finding.js';
import { clusterAvailable, kubeConfig, readClusterEnv } from '../cluster/helpers.js';
import { type CliResult, ensureNamespace, runCli } from '../cluster/live-helpers.js';
import { createObjects, deleteNamespace, setTestTaint, waitForRootCA, waitUntilPodsPlaced, waitUntilVisible } from './kube.js';
import { rootCauseTextProblems } from './root-cause-text.js';
import { DATABASE_PASSWORD, NAMESPACE, WORKLOADS, type Workload } from './workloads.js';

/** How long a failure may take to show: image back-off and probe kills take the longest. */
const VISIBLE_WITHIN_MS = 180_000;
/**
 * What one workload's test may take in all (live checks and the recording, retries included),
 * under vitest's testTimeout (test/e2e/vitest.config.ts), so a slow machine ends in the test's
 * own message (what was last seen, what was wrong) rather than in a bare timeout.
 */
const TEST_BUDGET_MS = 300_000;
/** A retry is not started with less time than this left. */
const RETRY_MIN_MS = 10_000;
const recordDir = process.env.PODMORTEM_RECORD_DIR;

interface Report {
  pods: PodDiagnosis[];
}

function testCaseOf(workload: Workload): TestCase {
  return { description: workload.description, expect: [workload.expect] };
}

function diagnosisProblems(workload: Workload, result: CliResult): string[] {
  if (result.code !== 0) return [`exit ${result.code}: ${result.stderr}`];
  if (result.stdout.includes(DATABASE_PASSWORD)) return ['the report shows a password from the pod'];
  const pods = (JSON.parse(result.stdout) as Report).pods;
  return [...checkTestCase(testCaseOf(workload), pods), ...rootCauseTextProblems(workload, pods)];
}

/** Tries a check up to this often, each time right after the failure is visible again. */
const ATTEMPTS = 3;

describe.skipIf(!clusterAvailable())('real failures on a real node', () => {
  let admin: k8s.KubeConfig;
  let flags: string[];
  let bundles: string;
  const laterCreated = new Map<string, Promise<void>>();

  beforeAll(async () => {
    const env = readClusterEnv();
    admin = kubeConfig(env.adminKubeconfig);
    flags = ['-n', NAMESPACE, '--kubeconfig', env.adminKubeconfig];
    bundles = recordDir ?? mkdtempSync(path.join(tmpdir(), 'podmortem-e2e-'));
    // A fresh namespace, also when the suite runs again on a cluster that is still up.
    await deleteNamespace(admin, 120_000);
    await ensureNamespace(admin, NAMESPACE);
    await waitForRootCA(admin, 60_000);
    await setTestTaint(admin, null, 30_000);
    // All at once: the slow ones (back-offs, probe kills) then overlap.
    const untainted = WORKLOADS.filter((w) => !w.nodeTaint);
    await Promise.all(untainted.map((w) => createObjects(admin, w.objects)));
    // Then the node gets its taint, and the pods it must keep off are made.
    await waitUntilPodsPlaced(admin, untainted.length, 60_000);
    for (const w of WORKLOADS.filter((x) => x.nodeTaint)) {
      await setTestTaint(admin, w.nodeTaint ?? null, 30_000);
      await createObjects(admin, w.objects);
    }
    // Objects a workload gets later are made as soon as it is ready for them, not when its
    // test comes up: kubelet's retry back-off keeps growing meanwhile.
    for (const w of WORKLOADS) {
      if (!w.later) continue;
      const { after, objects } = w.later;
      const created = waitUntilVisible(admin, w, VISIBLE_WITHIN_MS, after).then(() => createObjects(admin, objects));
      created.catch(() => undefined); // its test awaits it and reports the failure
      laterCreated.set(w.name, created);
    }
  });

  afterAll(async () => {
    if (!recordDir && bundles) rmSync(bundles, { recursive: true, force: true });
    if (admin) await setTestTaint(admin, null, 30_000);
  });

  /**
   * A crash-looping pod moves on between the poll that saw its failure and the CLI's own reads
   * (back-off over, container started again), so a check that fails is tried again once the
   * failure is visible again; it must pass within ATTEMPTS tries. The last try's problems fail
   * the test.
   */
  async function whileVisible(workload: Workload, until: number, check: (podName: string) => Promise<string[]>): Promise<void> {
    let problems: string[] = [];
    const earlier: string[] = [];
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      const left = until - Date.now();
      if (attempt > 1 && left < RETRY_MIN_MS) break;
      const pod = await waitUntilVisible(admin, workload, Math.max(RETRY_MIN_MS, Math.min(VISIBLE_WITHIN_MS, left)));
      if (problems.length > 0) earlier.push(`try ${attempt - 1}: ${problems.join('; ')}`);
      problems = await check(pod.metadata.name);
      if (problems.length === 0) return;
    }
    // The earlier tries' problems are kept in the message: a flaky pod shows what it did each time.
    expect(problems, earlier.join('\n')).toEqual([]);
  }

  it.each(WORKLOADS.map((w) => [w.name, w] as const))('%s', async (_name, workload) => {
    const until = Date.now() + TEST_BUDGET_MS;
    await laterCreated.get(workload.name);
    // Live: what the on-call engineer runs (a Job by job/NAME, as they would).
    await whileVisible(workload, until, async (podName) =>
      diagnosisProblems(workload, await runCli(['diagnose', workload.target.startsWith('job/') ? workload.target : podName, '-o', 'json', ...flags])),
    );

    // Recorded: one snapshot, replayed (judged at the time it was recorded) to the same diagnosis.
    const folder = path.join(bundles, workload.name);
    mkdirSync(folder, { recursive: true });
    const bundle = path.join(folder, 'bundle.json');
    writeFileSync(path.join(folder, 'podmortem-test.json'), `${JSON.stringify(testCaseOf(workload), null, 2)}\n`);
    await whileVisible(workload, until, async (podName) => {
      // A try after a failed one records anew: the earlier bundle is the pod as it was then.
      rmSync(bundle, { force: true });
      const recorded = await runCli(['record', podName, '-f', bundle, ...flags]);
      if (recorded.code !== 0) return [`record exit ${recorded.code}: ${recorded.stderr}`];
      const kept = JSON.parse(readFileSync(bundle, 'utf8')) as { incidents: { pod: { metadata: { name: string } } }[] };
      const names = kept.incidents.map((i) => i.pod.metadata.name);
      if (names.join() !== podName) return [`the bundle holds ${names.join(', ')}, not ${podName}`];
      if (readFileSync(bundle, 'utf8').includes(DATABASE_PASSWORD)) return ['the bundle keeps a password'];
      return diagnosisProblems(workload, await runCli(['replay', folder, '-o', 'json']));
    });
  });

  it('scan ranks every workload by its root cause and counts the completed Job healthy', async () => {
    const result = await runCli(['scan', '--all', '-o', 'json', ...flags]);
    expect(result.code, result.stderr).toBe(0);
    const scan = JSON.parse(result.stdout) as { counts: Record<string, number>; pods: Report['pods'] };
    const failing = WORKLOADS.filter((w) => w.expect.rootCause !== null);
    expect(scan.counts).toEqual({ pods: WORKLOADS.length, unhealthy: failing.length, healthy: WORKLOADS.length - failing.length });
    // A Job's pod is named after the Job plus a random suffix.
    const workloadOf = (pod: string) =>
      WORKLOADS.find((w) => w.target === pod || (w.target.startsWith('job/') && pod.startsWith(`${w.target.slice(4)}-`)))?.name ?? pod;
    const rootCauses = Object.fromEntries(scan.pods.map((p) => [workloadOf(p.name), p.findings[0]?.rule ?? null]));
    expect(rootCauses).toEqual(Object.fromEntries(WORKLOADS.map((w) => [w.name, w.expect.rootCause?.rule ?? null])));
  });
});
