// Helpers for the live-command tests (live-*.test.ts): run the built CLI against the control
// plane, count podmortem's requests in the audit log, and create throwaway pods whose status
// the tests change (with the admin client; podmortem itself never writes).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import type * as k8s from '@kubernetes/client-node';
import { clusterDir, rawRequest, readAuditLog, type AuditRecord } from './helpers.js';

export const CLI = path.resolve(clusterDir, '../../dist/cli/main.js');
/** podmortem sends this user agent (`podmortem/VERSION`); the audit log records it. */
export const PODMORTEM_AGENT = /^podmortem\//;
/** Namespace seed.mjs created (with its default ServiceAccount) where tests may add pods of their own. */
export const E2E_NAMESPACE = 'podmortem-e2e';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `podmortem ARGS` to completion (asynchronously, so tests can run several at once). */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, NO_COLOR: '1', KUBECONFIG: '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A long-running `podmortem ARGS` (watch modes): its output so far, and a way to wait for a line. */
export interface RunningCli {
  readonly child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  /** Resolves when the output (stdout or stderr) matches `pattern`. */
  waitFor(stream: 'stdout' | 'stderr', pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** Sends SIGINT (Ctrl-C), or `signal`, and waits for the exit code. */
  interrupt(signal?: NodeJS.Signals): Promise<number | null>;
  /** The exit code, once it ends by itself. */
  readonly exited: Promise<number | null>;
}

export function startCli(args: string[]): RunningCli {
  const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, NO_COLOR: '1', KUBECONFIG: '' } });
  const out = { stdout: '', stderr: '' };
  child.stdout.on('data', (d: Buffer) => (out.stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out.stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  return {
    child,
    stdout: () => out.stdout,
    stderr: () => out.stderr,
    async waitFor(stream, pattern, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(out[stream])) {
        if (child.exitCode !== null) throw new Error(`podmortem exited (${child.exitCode}) before ${stream} matched ${pattern}:\n${out.stderr}`);
        if (Date.now() > deadline) throw new Error(`${stream} did not match ${pattern} within ${timeoutMs} ms:\n${out[stream]}\n${out.stderr}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    exited,
    async interrupt(signal: NodeJS.Signals = 'SIGINT') {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** podmortem's completed requests in the audit log (one record per request), from line `from` on. */
export function podmortemRequests(file: string, from = 0): AuditRecord[] {
  return readAuditLog(file)
    .slice(from)
    .filter((r) => r.stage === 'ResponseComplete' && PODMORTEM_AGENT.test(r.userAgent ?? ''));
}

/**
 * podmortem's requests made by `run`, once the audit log has settled (the API server writes a
 * request's record as it completes, which can be a moment after the client has its answer).
 */
export async function requestsDuring(file: string, run: () => Promise<unknown>): Promise<AuditRecord[]> {
  const from = readAuditLog(file).length;
  await run();
  let last = -1;
  for (let i = 0; i < 40; i++) {
    const now = podmortemRequests(file, from).length;
    if (now === last) break;
    last = now;
    await new Promise((r) => setTimeout(r, 150));
  }
  return podmortemRequests(file, from);
}

/** `12 API requests (get 4, list 8)` as podmortem --debug prints it: its own count of what it sent. */
export function reportedRequestCount(stderr: string): number {
  const m = /podmortem: (\d+) API requests?/.exec(stderr);
  if (!m?.[1]) throw new Error(`no request count in stderr:\n${stderr}`);
  return Number(m[1]);
}

async function admin(kc: k8s.KubeConfig, method: string, url: string, body?: unknown): Promise<unknown> {
  const res = await rawRequest(kc, method, url, body);
  if (res.status >= 300) throw new Error(`${method} ${url} -> ${res.status}: ${res.text}`);
  return res.text ? res.json() : undefined;
}

export async function ensureNamespace(kc: k8s.KubeConfig, name: string): Promise<void> {
  for (const [url, body] of [
    ['/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } }],
    [`/api/v1/namespaces/${name}/serviceaccounts`, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default' } }],
  ] as const) {
    const res = await rawRequest(kc, 'POST', url, body);
    if (res.status >= 300 && res.status !== 409) throw new Error(`POST ${url} -> ${res.status}: ${res.text}`);
  }
}

const at = (secondsAgo: number) => new Date(Date.now() - secondsAgo * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The status kubelet writes for a running, ready single-container pod. */
export function runningStatus(): Record<string, unknown> {
  return {
    phase: 'Running',
    podIP: '10.244.9.9',
    startTime: at(600),
    conditions: ['Initialized', 'ContainersReady', 'Ready', 'PodScheduled'].map((type) => ({ type, status: 'True', lastTransitionTime: at(590) })),
    containerStatuses: [
      { name: 'app', image: 'registry.example.com/web:2.0.1', imageID: '', ready: true, started: true, restartCount: 0, state: { running: { startedAt: at(590) } } },
    ],
  };
}

/** The status after the container outgrew its memory limit and went into CrashLoopBackOff. */
export function oomCrashLoopStatus(pod: { metadata: { name: string; namespace: string; uid: string } }): Record<string, unknown> {
  const { name, namespace, uid } = pod.metadata;
  return {
    phase: 'Running',
    podIP: '10.244.9.9',
    startTime: at(600),
    conditions: [
      { type: 'Initialized', status: 'True', lastTransitionTime: at(590) },
      { type: 'PodScheduled', status: 'True', lastTransitionTime: at(600) },
      ...['ContainersReady', 'Ready'].map((type) => ({ type, status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [app]', lastTransitionTime: at(20) })),
    ],
    containerStatuses: [
      {
        name: 'app',
        image: 'registry.example.com/web:2.0.1',
        imageID: '',
        ready: false,
        started: false,
        restartCount: 1,
        state: { waiting: { reason: 'CrashLoopBackOff', message: `back-off 10s restarting failed container=app pod=${name}_${namespace}(${uid})` } },
        lastState: { terminated: { exitCode: 137, reason: 'OOMKilled', startedAt: at(300), finishedAt: at(20) } },
      },
    ],
  };
}

export interface TestPod {
  metadata: { name: string; namespace: string; uid: string; resourceVersion: string };
}

/** Creates a pod on node-c with a 128Mi limit, running and ready, as the admin. */
export async function createRunningPod(kc: k8s.KubeConfig, namespace: string, name: string, labels: Record<string, string> = {}): Promise<TestPod> {
  const created = (await admin(kc, 'POST', `/api/v1/namespaces/${namespace}/pods`, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels: { app: name, ...labels } },
    spec: {
      nodeName: 'node-c',
      containers: [{ name: 'app', image: 'registry.example.com/web:2.0.1', resources: { limits: { memory: '128Mi' }, requests: { memory: '128Mi' } } }],
    },
  })) as TestPod;
  return writeStatus(kc, created, runningStatus());
}

/** Replaces the pod's status through the status subresource, as kubelet would. */
export async function writeStatus(kc: k8s.KubeConfig, pod: TestPod, status: Record<string, unknown>): Promise<TestPod> {
  const { name, namespace } = pod.metadata;
  const current = (await admin(kc, 'GET', `/api/v1/namespaces/${namespace}/pods/${name}`)) as Record<string, unknown>;
  return (await admin(kc, 'PUT', `/api/v1/namespaces/${namespace}/pods/${name}/status`, { ...current, status })) as TestPod;
}

/** Deletes a test pod at once (there is no kubelet to confirm a graceful stop). */
export async function deletePod(kc: k8s.KubeConfig, namespace: string, name: string): Promise<void> {
  const res = await rawRequest(kc, 'DELETE', `/api/v1/namespaces/${namespace}/pods/${name}?gracePeriodSeconds=0`);
  if (res.status >= 300 && res.status !== 404) throw new Error(`DELETE pod ${namespace}/${name} -> ${res.status}: ${res.text}`);
}
