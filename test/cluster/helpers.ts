// Helpers for the integration tests that run against the control plane started
// by test/cluster/up (see README.md). Import from any test under test/cluster/.
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as k8s from '@kubernetes/client-node';

export const clusterDir = path.dirname(fileURLToPath(import.meta.url));

/** What test/cluster/up wrote into .run/env. */
export interface ClusterEnv {
  runDir: string;
  server: string;
  caFile: string;
  adminKubeconfig: string;
  adminUser: string;
  restrictedKubeconfig: string;
  restrictedUser: string;
  /** The only namespace where the restricted user may `get pods` (nothing else). */
  restrictedNamespace: string;
  auditLog: string;
  etcdUrl: string;
  etcdPid: number;
  apiserverPid: number;
  k8sVersion: string;
  etcdVersion: string;
  /** The kubectl build.sh built (same version as the API server). */
  kubectl: string;
}

/**
 * The env file of a running control plane, or undefined when none is meant to
 * be used. run-tests.sh (via vitest.config.ts) sets PODMORTEM_CLUSTER_ENV; the
 * plain unit run does not, so cluster tests skip there.
 */
export function clusterEnvPath(): string | undefined {
  const p = process.env.PODMORTEM_CLUSTER_ENV;
  return p && existsSync(p) ? p : undefined;
}

export function clusterAvailable(): boolean {
  return clusterEnvPath() !== undefined;
}

/** Parses KEY='value' / KEY=value lines (the format up writes). */
export function parseEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    let value = line.slice(eq + 1);
    if (value.length >= 2 && value.startsWith("'") && value.endsWith("'")) value = value.slice(1, -1);
    out[line.slice(0, eq)] = value;
  }
  return out;
}

export function readClusterEnv(file: string | undefined = clusterEnvPath()): ClusterEnv {
  if (!file) throw new Error('no control plane: run the cluster suite with `npm run test:cluster`');
  const env = parseEnvFile(readFileSync(file, 'utf8'));
  const need = (key: string): string => {
    const v = env[key];
    if (v === undefined || v === '') throw new Error(`${file}: ${key} is missing`);
    return v;
  };
  return {
    runDir: need('CLUSTER_RUN_DIR'),
    server: need('CLUSTER_SERVER'),
    caFile: need('CLUSTER_CA_FILE'),
    adminKubeconfig: need('CLUSTER_ADMIN_KUBECONFIG'),
    adminUser: need('CLUSTER_ADMIN_USER'),
    restrictedKubeconfig: need('CLUSTER_RESTRICTED_KUBECONFIG'),
    restrictedUser: need('CLUSTER_RESTRICTED_USER'),
    restrictedNamespace: need('CLUSTER_RESTRICTED_NAMESPACE'),
    auditLog: need('CLUSTER_AUDIT_LOG'),
    etcdUrl: need('CLUSTER_ETCD_URL'),
    etcdPid: Number(need('CLUSTER_ETCD_PID')),
    apiserverPid: Number(need('CLUSTER_APISERVER_PID')),
    k8sVersion: need('CLUSTER_K8S_VERSION'),
    etcdVersion: need('CLUSTER_ETCD_VERSION'),
    kubectl: need('CLUSTER_KUBECTL'),
  };
}

export function kubeConfig(file: string): k8s.KubeConfig {
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(file);
  return kc;
}

/** The HTTP status of a failed @kubernetes/client-node call (ApiException.code). */
export function httpStatus(err: unknown): number | undefined {
  if (err instanceof k8s.ApiException) return err.code;
  if (typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'number') return err.code;
  return undefined;
}

// ---------------------------------------------------------------------------
// Audit log (JSON lines, Metadata level, written by the API server).

export interface AuditRecord {
  verb: string;
  /** objectRef.resource, e.g. "pods"; undefined for non-resource URLs like /readyz. */
  resource: string | undefined;
  subresource: string | undefined;
  namespace: string | undefined;
  name: string | undefined;
  apiGroup: string | undefined;
  user: string;
  /** responseStatus.code, e.g. 200 or 403. */
  code: number | undefined;
  requestURI: string;
  userAgent: string | undefined;
  stage: string;
  auditID: string;
}

interface RawAuditEvent {
  verb?: string;
  stage?: string;
  auditID?: string;
  requestURI?: string;
  userAgent?: string;
  user?: { username?: string };
  objectRef?: { resource?: string; subresource?: string; namespace?: string; name?: string; apiGroup?: string };
  responseStatus?: { code?: number };
}

/** Parses the audit log's JSON lines; skips a torn last line. */
export function parseAuditLog(text: string): AuditRecord[] {
  const out: AuditRecord[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let ev: RawAuditEvent;
    try {
      ev = JSON.parse(line) as RawAuditEvent;
    } catch {
      continue;
    }
    out.push({
      verb: ev.verb ?? '',
      resource: ev.objectRef?.resource,
      subresource: ev.objectRef?.subresource,
      namespace: ev.objectRef?.namespace,
      name: ev.objectRef?.name,
      apiGroup: ev.objectRef?.apiGroup,
      user: ev.user?.username ?? '',
      code: ev.responseStatus?.code,
      requestURI: ev.requestURI ?? '',
      userAgent: ev.userAgent,
      stage: ev.stage ?? '',
      auditID: ev.auditID ?? '',
    });
  }
  return out;
}

export function readAuditLog(file: string = readClusterEnv().auditLog): AuditRecord[] {
  return existsSync(file) ? parseAuditLog(readFileSync(file, 'utf8')) : [];
}

/**
 * Waits until the audit log holds a record matching `match` (the API server
 * writes a request's ResponseComplete record as the request finishes, which
 * can be a moment after the client saw the response).
 */
export async function waitForAudit(
  match: (r: AuditRecord) => boolean,
  { file = readClusterEnv().auditLog, timeoutMs = 10_000 }: { file?: string; timeoutMs?: number } = {},
): Promise<AuditRecord[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const hits = readAuditLog(file).filter(match);
    if (hits.length > 0) return hits;
    if (Date.now() > deadline) throw new Error(`no audit record matched within ${timeoutMs} ms (${file})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// ---------------------------------------------------------------------------
// The seeded set (seeded.json, created by seed.mjs).

export type SeededCause =
  | 'oom-limit'
  | 'liveness-probe'
  | 'readiness-probe'
  | 'image-pull'
  | 'config-error'
  | 'unschedulable'
  | 'evicted'
  | 'oom-node';

export interface SeededPod {
  namespace: string;
  name: string;
  /** null: not scheduled. */
  node: string | null;
  /** null: healthy. */
  cause: SeededCause | null;
  /** e.g. "deploy/api" when a workload owns the pod. */
  owner?: string;
}

export interface Seeded {
  namespaces: string[];
  nodes: { name: string; memoryPressure: boolean; systemOOM?: { victim: string; pid: number } }[];
  workloads: { namespace: string; ref: string; deployment: string; replicaSet: string; pods: string[]; cause: SeededCause }[];
  services: { namespace: string; name: string; pod: string; endpointReady: boolean }[];
  pods: SeededPod[];
}

export function loadSeeded(): Seeded {
  return JSON.parse(readFileSync(path.join(clusterDir, 'seeded.json'), 'utf8')) as Seeded;
}

// ---------------------------------------------------------------------------
// Raw requests (non-resource URLs like /readyz, or exact status codes).

/** One HTTPS request with the credentials and CA of `kc`'s current context. */
export async function rawRequest(
  kc: k8s.KubeConfig,
  method: string,
  urlPath: string,
  body?: unknown,
): Promise<{ status: number; text: string; json: () => unknown }> {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error('kubeconfig has no current cluster');
  const server = new URL(cluster.server);
  const opts: https.RequestOptions = {
    method,
    hostname: server.hostname,
    port: server.port,
    path: urlPath,
    headers: { Accept: 'application/json' },
  };
  await kc.applyToHTTPSOptions(opts);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  if (payload !== undefined) {
    opts.headers = { ...opts.headers, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) };
  }
  return new Promise((resolve, reject) => {
    const req = https.request(opts, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, text, json: () => JSON.parse(text) as unknown });
      });
    });
    req.setTimeout(30_000, () => req.destroy(new Error(`${method} ${urlPath}: timed out`)));
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

// ---------------------------------------------------------------------------
// Processes and sockets (to prove what up started and where it listens).

/** "ip:port" of every TCP socket in LISTEN state that process `pid` holds (Linux /proc). */
export function listeningAddresses(pid: number): string[] {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (m?.[1]) inodes.add(m[1]);
    } catch {
      /* fd closed meanwhile */
    }
  }
  const out: string[] = [];
  for (const table of ['tcp', 'tcp6']) {
    let text: string;
    try {
      text = readFileSync(`/proc/${pid}/net/${table}`, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      const [local, state, inode] = [cols[1], cols[3], cols[9]];
      if (!local || state !== '0A' || !inode || !inodes.has(inode)) continue;
      out.push(decodeProcAddress(local));
    }
  }
  return out;
}

function decodeProcAddress(hexAddr: string): string {
  const [ipHex = '', portHex = '0'] = hexAddr.split(':');
  const port = parseInt(portHex, 16);
  if (ipHex.length === 8) {
    const bytes = (ipHex.match(/../g) ?? []).map((b) => parseInt(b, 16)).reverse();
    return `${bytes.join('.')}:${port}`;
  }
  // IPv6: four little-endian 32-bit words.
  const words = (ipHex.match(/.{8}/g) ?? []).map((w) => (w.match(/../g) ?? []).reverse().join(''));
  const groups = words.join('').match(/.{4}/g) ?? [];
  return `[${groups.map((g) => g.replace(/^0+(?=.)/, '')).join(':')}]:${port}`;
}

/** The command line of `pid` as argv, or undefined when it is not running. */
export function processArgs(pid: number): string[] | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return undefined;
  }
}
