import { spawn } from 'node:child_process';
import { isAbsolute, join } from 'node:path';
import type { KubeCluster, KubeUser } from './kubeconfig-file.js';
import type { RequestCredentials } from './request-credentials.js';

/*
 * Exec credential plugins (`users[].user.exec`: aws eks get-token, gke-gcloud-auth-plugin,
 * kubelogin, ...) as kubectl runs them, protocol client.authentication.k8s.io/v1 and v1beta1:
 * the plugin gets KUBERNETES_EXEC_INFO (an ExecCredential saying it may not prompt, and the
 * cluster when provideClusterInfo asks for it) and prints an ExecCredential whose status holds
 * a token or a client certificate and key, kept until its expirationTimestamp. podmortem never
 * gives a plugin the terminal, so a plugin that must prompt (interactiveMode Always) is refused
 * with a line saying so. A plugin stuck on a browser login or a dead network is killed after the
 * request timeout, and one that prints more than any credential holds is stopped.
 */

/** Far more than any ExecCredential (a token, or a certificate and key, a few KB). */
const MAX_PLUGIN_OUTPUT = 1 << 20;

export const EXEC_API_VERSIONS = ['client.authentication.k8s.io/v1', 'client.authentication.k8s.io/v1beta1'];

export interface ExecStatus {
  readonly token?: string;
  readonly clientCertificateData?: string;
  readonly clientKeyData?: string;
  readonly expirationTimestamp?: string;
}

/** The cluster as an ExecCredential's spec.cluster carries it, for provideClusterInfo. */
function clusterInfo(cluster: KubeCluster): Record<string, unknown> {
  return {
    server: cluster.server,
    ...(cluster.tlsServerName ? { 'tls-server-name': cluster.tlsServerName } : {}),
    ...(cluster.skipTLSVerify ? { 'insecure-skip-tls-verify': true } : {}),
    ...(cluster.caData ? { 'certificate-authority-data': cluster.caData } : {}),
    ...(cluster.proxyUrl ? { 'proxy-url': cluster.proxyUrl } : {}),
    ...(cluster.extensions?.['client.authentication.k8s.io/exec'] !== undefined ? { config: cluster.extensions['client.authentication.k8s.io/exec'] } : {}),
  };
}

function checkStatus(output: string, apiVersion: string, command: string): ExecStatus {
  let credential: { apiVersion?: unknown; kind?: unknown; status?: ExecStatus };
  try {
    credential = JSON.parse(output) as typeof credential;
  } catch {
    throw new Error(`exec plugin ${command} did not print an ExecCredential (its output is not JSON)`);
  }
  if (credential?.kind !== 'ExecCredential') throw new Error(`exec plugin ${command} printed ${String(credential?.kind ?? 'no kind')}, not an ExecCredential`);
  if (credential.apiVersion !== apiVersion) throw new Error(`exec plugin ${command} answered in ${String(credential.apiVersion)}, but the kubeconfig asks for ${apiVersion}`);
  const status = credential.status;
  const hasCertificate = Boolean(status?.clientCertificateData) && Boolean(status?.clientKeyData);
  if (!status || (!status.token && !hasCertificate)) {
    throw new Error(`exec plugin ${command} gave neither a token nor a client certificate and key`);
  }
  if (Boolean(status.clientCertificateData) !== Boolean(status.clientKeyData)) throw new Error(`exec plugin ${command} gave a client certificate without its key, or a key without its certificate`);
  return status;
}

interface PluginRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Killed: it ran past the time bound, or printed more than MAX_PLUGIN_OUTPUT. */
  readonly killed: 'timeout' | 'output' | null;
}

function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<PluginRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let killed: PluginRun['killed'] = null;
    const kill = (why: NonNullable<PluginRun['killed']>) => {
      killed ??= why;
      child.kill('SIGKILL');
    };
    const timer = timeoutMs > 0 ? setTimeout(() => kill('timeout'), timeoutMs) : null;
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      if (stdout.length > MAX_PLUGIN_OUTPUT) kill('output');
    });
    // Only its last line is shown: keep the tail.
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-8192)));
    child.on('error', (error) => {
      if (timer) clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      if (timer) clearTimeout(timer);
      resolve({ code, stdout, stderr, killed });
    });
  });
}

const seconds = (ms: number) => (ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`);

/** Runs the user's exec plugin once per credential lifetime; the status it printed. */
export class ExecCredentials {
  private cached: { status: ExecStatus; expires: number } | null = null;
  private timeoutMs = 0;
  private killed: string | null = null;

  /** Kills the plugin after `timeoutMs` (0: waits for it, as --request-timeout=0). */
  bound(timeoutMs: number): void {
    this.timeoutMs = timeoutMs;
  }

  /** Why the last run gave no credentials, when it was killed for its time; else null. */
  killedMessage(): string | null {
    return this.killed;
  }

  constructor(
    private readonly user: KubeUser & { exec: NonNullable<KubeUser['exec']> },
    private readonly cluster: KubeCluster,
  ) {}

  async status(): Promise<ExecStatus> {
    if (this.cached && this.cached.expires > Date.now()) return this.cached.status;
    const exec = this.user.exec;
    if (!exec.command) throw new Error(`user "${this.user.name}" has an exec plugin without a command`);
    const apiVersion = exec.apiVersion ?? '';
    if (!EXEC_API_VERSIONS.includes(apiVersion)) {
      throw new Error(`exec plugin apiVersion "${apiVersion}" is not supported: use ${EXEC_API_VERSIONS.join(' or ')}`);
    }
    if (apiVersion.endsWith('/v1') && !exec.interactiveMode) throw new Error(`exec plugin ${exec.command}: interactiveMode must be set for ${apiVersion} (Never or IfAvailable)`);
    if (exec.interactiveMode === 'Always') throw new Error(`exec plugin ${exec.command} needs interactiveMode Always (a prompt), and podmortem runs it without a terminal: log in with kubectl first, or set interactiveMode IfAvailable`);
    // A relative command with a folder in it starts at the kubeconfig's folder, as kubectl resolves it.
    const command = exec.command.includes('/') && !isAbsolute(exec.command) && this.user.configDir ? join(this.user.configDir, exec.command) : exec.command;
    const info = { apiVersion, kind: 'ExecCredential', spec: { interactive: false, ...(exec.provideClusterInfo ? { cluster: clusterInfo(this.cluster) } : {}) } };
    const env: NodeJS.ProcessEnv = { ...process.env, KUBERNETES_EXEC_INFO: JSON.stringify(info) };
    for (const { name, value } of exec.env ?? []) env[name] = value;
    this.killed = null;
    let result;
    try {
      result = await run(command, exec.args ?? [], env, this.timeoutMs);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new Error(`exec plugin ${exec.command} is not installed or not on PATH${exec.installHint ? `: ${exec.installHint.replace(/\s+/g, ' ').trim()}` : ''}`);
      throw new Error(`exec plugin ${exec.command} could not run (${code ?? (error as Error).message})`);
    }
    if (result.killed === 'timeout') {
      this.killed = `the exec credential plugin "${exec.command}" gave no credentials within ${seconds(this.timeoutMs)} (--request-timeout) and was stopped: run it by hand to see what it waits for (a login?), or raise --request-timeout`;
      throw new Error(this.killed);
    }
    if (result.killed === 'output') throw new Error(`exec plugin ${exec.command} printed more than ${MAX_PLUGIN_OUTPUT / 2 ** 20} MiB, more than any credential holds, and was stopped`);
    if (result.code !== 0) {
      const said = result.stderr.trim().split('\n').filter(Boolean).slice(-1)[0];
      throw new Error(`exec plugin ${exec.command} failed (exit ${result.code})${said ? `: ${said}` : ''}`);
    }
    const status = checkStatus(result.stdout, apiVersion, exec.command);
    // Without an expiry a credential lasts the run, as kubectl keeps it; an unreadable one is not kept.
    const expires = status.expirationTimestamp ? Date.parse(status.expirationTimestamp) : Infinity;
    this.cached = { status, expires: Number.isNaN(expires) ? 0 : expires };
    return status;
  }
}

/** Makes the credentials' exec plugin die after `timeoutMs` (0: no bound, as --request-timeout=0). */
export function boundExecPlugins(credentials: RequestCredentials, timeoutMs: number): void {
  credentials.boundExecPlugin?.(timeoutMs);
}

/** Why the credentials could not be had, when the plugin was killed for its time; else null. */
export function killedPluginMessage(credentials: RequestCredentials): string | null {
  return credentials.killedPluginMessage?.() ?? null;
}
