// `diagnose --watch` and `record --watch` against the real control plane: the test changes a
// pod's status through the status subresource (as kubelet would, with the admin client) and
// podmortem, watching, notices.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterAvailable, kubeConfig, readClusterEnv, type ClusterEnv } from './helpers.js';
import { createRunningPod, deletePod, E2E_NAMESPACE, oomCrashLoopStatus, requestsDuring, runCli, runningStatus, startCli, writeStatus } from './live-helpers.js';

interface WatchLine {
  observedAt: string;
  pods: { name: string; status: string; findings: { cause: string; symptom: boolean }[] }[];
}

describe.skipIf(!clusterAvailable())('watch modes (live)', () => {
  let env: ClusterEnv;
  let admin: k8s.KubeConfig;
  let flags: string[];
  const created: string[] = [];

  beforeAll(() => {
    env = readClusterEnv();
    admin = kubeConfig(env.adminKubeconfig);
    flags = ['-n', E2E_NAMESPACE, '--kubeconfig', env.adminKubeconfig];
  });

  afterAll(async () => {
    for (const name of created) await deletePod(admin, E2E_NAMESPACE, name);
  });

  it('diagnose --watch prints the diagnosis, then again only when it changes, and stops on Ctrl-C', async () => {
    const pod = await createRunningPod(admin, E2E_NAMESPACE, 'watch-web');
    created.push('watch-web');
    let code: number | null = null;
    let lines: WatchLine[] = [];
    const records = await requestsDuring(env.auditLog, async () => {
      const watching = startCli(['diagnose', 'watch-web', '-o', 'json', '--watch', ...flags]);
      await watching.waitFor('stdout', /\n/);
      // A change that does not change the diagnosis prints nothing.
      await writeStatus(admin, pod, { ...runningStatus(), podIP: '10.244.9.10' });
      await new Promise((r) => setTimeout(r, 1500));
      expect(watching.stdout().trim().split('\n')).toHaveLength(1);
      await writeStatus(admin, pod, oomCrashLoopStatus(pod));
      await watching.waitFor('stdout', /\n.*\n/);
      code = await watching.interrupt();
      lines = watching.stdout().trim().split('\n').map((l) => JSON.parse(l) as WatchLine);
    });
    expect(code).toBe(0);
    expect(lines).toHaveLength(2);
    expect(lines[0]?.pods[0]).toMatchObject({ name: 'watch-web', status: 'Running', findings: [] });
    expect(lines[1]?.pods[0]?.status).toBe('CrashLoopBackOff');
    expect(lines[1]?.pods[0]?.findings[0]).toMatchObject({ cause: 'oom-limit', symptom: false });
    // Changes came through the watch API, not by polling the pod.
    const verbs = records.map((r) => `${r.verb} ${r.resource}`);
    expect(verbs).toContain('watch pods');
    expect(verbs).toContain('watch events');
    expect(records.filter((r) => r.verb === 'get' && r.resource === 'pods' && !r.subresource).length).toBeLessThanOrEqual(4);
  });

  it('record --watch records a snapshot per change until Ctrl-C, and replay reads the timeline', async () => {
    const pod = await createRunningPod(admin, E2E_NAMESPACE, 'record-web');
    created.push('record-web');
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'podmortem-timeline-')), 'timeline.json');
    const recording = startCli(['record', 'record-web', '-f', file, '--watch', '2m', ...flags]);
    await recording.waitFor('stderr', /snapshot 1 /);
    await writeStatus(admin, pod, oomCrashLoopStatus(pod));
    await recording.waitFor('stderr', /snapshot 2 /);
    expect(await recording.interrupt()).toBe(0);
    expect(recording.stderr()).toContain(`recorded 2 snapshots of ${E2E_NAMESPACE}/record-web to ${file}`);
    const bundle = JSON.parse(readFileSync(file, 'utf8')) as {
      kind: string;
      timelines: { name: string; snapshots: { pod: { status: { phase: string; containerStatuses: { state: Record<string, unknown> }[] } } }[] }[];
    };
    expect(bundle.kind).toBe('PodmortemBundle');
    const snapshots = bundle.timelines[0]?.snapshots ?? [];
    expect(snapshots.map((s) => Object.keys(s.pod.status.containerStatuses[0]?.state ?? {})[0])).toEqual(['running', 'waiting']);
    const replayed = await runCli(['replay', file, '-o', 'json']);
    expect(replayed.code, replayed.stderr).toBe(0);
    const latest = (JSON.parse(replayed.stdout) as WatchLine).pods[0];
    expect(latest?.findings[0]?.cause).toBe('oom-limit');
  });

  it('record --watch ends by itself when the duration is over', async () => {
    await createRunningPod(admin, E2E_NAMESPACE, 'short-web');
    created.push('short-web');
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'podmortem-short-')), 'short.json');
    const started = Date.now();
    const result = await runCli(['record', 'short-web', '-f', file, '--watch', '2s', ...flags]);
    expect(result.code, result.stderr).toBe(0);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(result.stderr).toContain('recorded 1 snapshot of');
  });
});
