// Faults on the live side, against the real control plane: the API server stops in the middle of
// a scan, one resource answers slower than --request-timeout, and record --watch is stopped by
// Ctrl-C or SIGTERM. The server's faults come from a proxy in front of it (api-proxy.ts), so the
// control plane the suite shares keeps running.
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as k8s from '@kubernetes/client-node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startApiProxy, type ApiProxy } from './api-proxy.js';
import { clusterAvailable, kubeConfig, readClusterEnv, type ClusterEnv } from './helpers.js';
import { createRunningPod, deletePod, E2E_NAMESPACE, oomCrashLoopStatus, runCli, startCli, writeStatus } from './live-helpers.js';

interface ScanJson {
  partial: boolean;
  failedReads: string[];
  counts: { pods: number; unhealthy: number; healthy: number };
  pods: { name: string; findings: { cause: string }[] }[];
}

/** Seeded pods whose cause shows in their status and events alone, which a scan lists for the whole namespace. */
const FROM_STATUS_AND_EVENTS: Record<string, string> = {
  'config-api': 'config-error',
  'unschedulable-batch': 'unschedulable',
  'image-pull-worker': 'image-pull',
  'evicted-cache': 'evicted',
};

/** The first read of one pod's details (its node, its logs, an owner), which comes after the scope's lists. */
const POD_DETAIL = /^\/api\/v1\/nodes\/|\/log\?|^\/apis\/(apps|batch)\/v1\/namespaces\/[^/]+\/[a-z]+\/[^/?]+/;

function oneLine(stderr: string): string {
  const lines = stderr.trimEnd().split('\n');
  expect(lines, stderr).toHaveLength(1);
  expect(lines[0]).not.toMatch(/unexpected error|\bat .*\.js:\d+|Error:/);
  return lines[0] ?? '';
}

describe.skipIf(!clusterAvailable())('faults on the live side (real API server behind a proxy)', () => {
  let env: ClusterEnv;
  let admin: k8s.KubeConfig;
  let proxy: ApiProxy | null = null;
  const dir = mkdtempSync(path.join(tmpdir(), 'podmortem-faults-'));
  const created: string[] = [];

  beforeAll(() => {
    env = readClusterEnv();
    admin = kubeConfig(env.adminKubeconfig);
  });

  afterEach(async () => {
    await proxy?.close();
    proxy = null;
  });

  afterAll(async () => {
    for (const name of created) await deletePod(admin, E2E_NAMESPACE, name);
  });

  it('the API server stops in the middle of a scan: what was read is kept, labelled partial, the failed reads named, exit 3', async () => {
    proxy = await startApiProxy(env, dir);
    proxy.stopOn(POD_DETAIL);
    const result = await runCli(['scan', '-n', E2E_NAMESPACE, '-o', 'json', '--kubeconfig', proxy.kubeconfig]);
    expect(proxy.stopped, 'the proxy stopped mid-scan').toBe(true);
    expect(result.code, result.stderr).toBe(3);
    const scan = JSON.parse(result.stdout) as ScanJson;
    expect(scan.partial).toBe(true);
    expect(scan.failedReads.length).toBeGreaterThan(0);
    // Reads in flight when it stopped fail too (a node's events, listed in namespace default), in the order they failed.
    for (const read of scan.failedReads) expect(read).toMatch(/^(get|list) [a-z./]+ (\(cluster-wide\)|in namespace [a-z0-9-]+): \S/);
    expect(scan.failedReads.some((read) => /^get (nodes \(cluster-wide\)|pods\/log in namespace podmortem-e2e|[a-z]+\.(apps|batch) in namespace podmortem-e2e): /.test(read))).toBe(true);
    // The pods, their status and their events were read before it stopped: those diagnoses stand.
    const causes = new Map(scan.pods.map((p) => [p.name, p.findings[0]?.cause]));
    for (const [name, cause] of Object.entries(FROM_STATUS_AND_EVENTS)) expect(causes.get(name), name).toBe(cause);
    expect(scan.counts.healthy).toBeGreaterThanOrEqual(1);
    const line = oneLine(result.stderr);
    expect(line).toMatch(/^podmortem: the scan is partial: the API server failed during it \((get|list) .*\); run it again when the server is back$/);
    expect(line).toContain(scan.failedReads.join('; '));
  });

  it('the text report of a partial scan says so above the pods, with each failed read', async () => {
    proxy = await startApiProxy(env, dir);
    proxy.stopOn(POD_DETAIL);
    const result = await runCli(['scan', '-n', E2E_NAMESPACE, '--kubeconfig', proxy.kubeconfig]);
    expect(result.code, result.stderr).toBe(3);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^Scan of namespace podmortem-e2e /);
    expect(lines[1]).toBe('PARTIAL SCAN: the API server failed during the scan; the pods below lack what these reads would have shown:');
    // Each failed read on a line of its own (the order is the order they failed in), then the counts.
    const failed = lines.slice(2, lines.findIndex((l) => /^\d+ pods?: /.test(l)));
    expect(failed.length).toBeGreaterThan(0);
    for (const line of failed) expect(line).toMatch(/^ {2}- (get|list) .*: /);
    expect(failed.some((line) => /^ {2}- get /.test(line))).toBe(true);
    expect(result.stdout).toMatch(/^CRITICAL\s+podmortem-e2e\/config-api\s+CreateContainerConfigError\s+config-error: /m);
  });

  it('a server that stops before the pods are listed: one line naming the request, exit 2, no report', async () => {
    proxy = await startApiProxy(env, dir);
    proxy.stopOn(/\/pods\?/);
    const result = await runCli(['scan', '-n', E2E_NAMESPACE, '--kubeconfig', proxy.kubeconfig]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(oneLine(result.stderr)).toMatch(/^podmortem: the API server at https:\/\/127\.0\.0\.1:\d+ closed the connection \(ECONNRESET\) during list pods in namespace podmortem-e2e: it stopped, /);
  });

  it('one slow resource hits --request-timeout: the scan names it in one line and keeps the rest', async () => {
    proxy = await startApiProxy(env, dir);
    proxy.delay(/^\/api\/v1\/namespaces\/podmortem-e2e\/events\?/, 6000);
    const started = Date.now();
    const result = await runCli(['scan', '-n', E2E_NAMESPACE, '-o', 'json', '--request-timeout', '1s', '--kubeconfig', proxy.kubeconfig]);
    expect(Date.now() - started).toBeLessThan(6000);
    expect(result.code, result.stderr).toBe(3);
    const scan = JSON.parse(result.stdout) as ScanJson;
    expect(scan.failedReads).toEqual(['list events in namespace podmortem-e2e: no answer in time']);
    expect(oneLine(result.stderr)).toBe('podmortem: the scan is partial: the API server failed during it (list events in namespace podmortem-e2e: no answer in time); run it again when the server is back');
    // Status alone still shows these.
    const causes = new Map(scan.pods.map((p) => [p.name, p.findings[0]?.cause]));
    expect(causes.get('config-api')).toBe('config-error');
    expect(causes.get('unschedulable-batch')).toBe('unschedulable');
  });

  it('a slow pod read in diagnose: one line naming the request and the timeout, exit 2', async () => {
    proxy = await startApiProxy(env, dir);
    proxy.delay(/^\/api\/v1\/namespaces\/podmortem-e2e\/pods\/config-api$/, 6000);
    const started = Date.now();
    const result = await runCli(['diagnose', 'config-api', '-n', E2E_NAMESPACE, '--request-timeout', '1s', '--kubeconfig', proxy.kubeconfig]);
    expect(Date.now() - started).toBeLessThan(6000);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(oneLine(result.stderr)).toMatch(/^podmortem: the API server at https:\/\/127\.0\.0\.1:\d+ did not answer in time \(get pods in namespace podmortem-e2e: .*\): check the network, or raise --request-timeout$/);
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`record --watch stopped by ${signal} saves a bundle that replays, with its timeline`, async () => {
      const name = `record-${signal.toLowerCase()}`;
      const pod = await createRunningPod(admin, E2E_NAMESPACE, name);
      created.push(name);
      const file = path.join(mkdtempSync(path.join(tmpdir(), 'podmortem-signal-')), 'timeline.json');
      const recording = startCli(['record', name, '-n', E2E_NAMESPACE, '-f', file, '--watch', '10m', '--kubeconfig', env.adminKubeconfig]);
      await recording.waitFor('stderr', /snapshot 1 /);
      await writeStatus(admin, pod, oomCrashLoopStatus(pod));
      await recording.waitFor('stderr', /snapshot 2 /);
      expect(await recording.interrupt(signal)).toBe(0);
      expect(recording.stderr()).toContain(`recorded 2 snapshots of ${E2E_NAMESPACE}/${name} to ${file}`);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const bundle = JSON.parse(readFileSync(file, 'utf8')) as { kind: string; timelines: { snapshots: unknown[] }[] };
      expect(bundle.kind).toBe('PodmortemBundle');
      expect(bundle.timelines[0]?.snapshots).toHaveLength(2);
      const replayed = await runCli(['replay', file, '-o', 'json']);
      expect(replayed.code, replayed.stderr).toBe(0);
      const report = JSON.parse(replayed.stdout) as { pods: { name: string; findings: { cause: string }[] }[] };
      expect(report.pods[0]?.name).toBe(name);
      expect(report.pods[0]?.findings[0]?.cause).toBe('oom-limit');
    });
  }

  it('record --watch cut short by the API server stopping saves the snapshots recorded before it, exit 3', async () => {
    const name = 'record-cut-short';
    const pod = await createRunningPod(admin, E2E_NAMESPACE, name);
    created.push(name);
    proxy = await startApiProxy(env, dir);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'podmortem-cut-')), 'timeline.json');
    const recording = startCli(['record', name, '-n', E2E_NAMESPACE, '-f', file, '--watch', '10m', '--kubeconfig', proxy.kubeconfig]);
    await recording.waitFor('stderr', /snapshot 1 /);
    await writeStatus(admin, pod, oomCrashLoopStatus(pod));
    await recording.waitFor('stderr', /snapshot 2 /);
    proxy.stop();
    expect(await recording.exited).toBe(3);
    const last = recording.stderr().trimEnd().split('\n').at(-1) ?? '';
    expect(last).toMatch(new RegExp(`^podmortem: recording cut short: .*API server at https://127\\.0\\.0\\.1:\\d+.*; saved the 2 snapshots of ${E2E_NAMESPACE}/${name} recorded before it to ${file.replaceAll('.', '\\.')}$`));
    const replayed = await runCli(['replay', file, '-o', 'json']);
    expect(replayed.code, replayed.stderr).toBe(0);
    expect((JSON.parse(replayed.stdout) as { pods: { findings: { cause: string }[] }[] }).pods[0]?.findings[0]?.cause).toBe('oom-limit');
  });
});
