import { statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { ClusterClient, type ClientOptions } from '../sources/cluster/api-client.js';
import { durationFlagMs, sizeFlagBytes } from './flag-values.js';
import { AccessDeniedError, explainFailure } from '../sources/cluster/explain-failure.js';
import { loadClusterTarget } from '../sources/cluster/kubeconfig.js';
import { VERSION } from './help.js';
import { UsageError } from './usage-error.js';
import { printErr } from './print.js';

/** The kubectl flags every cluster command takes. */
export const CLUSTER_OPTIONS = {
  namespace: { type: 'string', short: 'n' },
  context: { type: 'string' },
  kubeconfig: { type: 'string' },
  'request-timeout': { type: 'string' },
  'max-response-size': { type: 'string' },
} as const;

export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

interface ClusterFlags {
  namespace?: string;
  context?: string;
  kubeconfig?: string;
  'request-timeout'?: string;
  'max-response-size'?: string;
  debug?: boolean;
}

/** `--request-timeout` as kubectl reads it: `10s`, `1m`, a bare number of seconds, or 0 for none. */
export function requestTimeoutMs(value: string | undefined): number {
  if (value === undefined) return DEFAULT_REQUEST_TIMEOUT_MS;
  return durationFlagMs('--request-timeout', value, '10s or 1m', { zeroMeans: 'for none' });
}

/** `--max-response-size`, else PODMORTEM_MAX_RESPONSE_SIZE, else the client's default. */
export function maxResponseBytes(value: string | undefined, env: NodeJS.ProcessEnv = process.env): number | undefined {
  if (value !== undefined) return sizeFlagBytes('--max-response-size', value);
  const fromEnv = env.PODMORTEM_MAX_RESPONSE_SIZE;
  return fromEnv ? sizeFlagBytes('PODMORTEM_MAX_RESPONSE_SIZE', fromEnv) : undefined;
}

/** A kubeconfig path that is a folder would reach the client as a raw EISDIR. */
function checkKubeconfigPaths(flags: ClusterFlags, env: NodeJS.ProcessEnv = process.env): void {
  const named = flags.kubeconfig !== undefined ? [['--kubeconfig', flags.kubeconfig]] : (env.KUBECONFIG ?? '').split(delimiter).filter(Boolean).map((file) => ['KUBECONFIG', file]);
  for (const [source, file] of named) {
    let folder = false;
    try {
      folder = statSync(file!).isDirectory();
    } catch {
      // Missing files are the kubeconfig loader's to name.
    }
    if (folder) throw new UsageError(`${source} names ${file}, which is a folder: give the kubeconfig file itself (e.g. ${join(file!, 'config')})`);
  }
}

/** The client settings the flags ask for. */
export function clientOptions(flags: ClusterFlags): ClientOptions {
  const limit = maxResponseBytes(flags['max-response-size']);
  return { timeoutMs: requestTimeoutMs(flags['request-timeout']), userAgent: `podmortem/${VERSION}`, ...(limit ? { maxResponseBytes: limit } : {}) };
}

/** A client for the kubeconfig, context and namespace the flags name. */
export function connect(flags: ClusterFlags): { client: ClusterClient; namespace: string } {
  const options = clientOptions(flags);
  checkKubeconfigPaths(flags);
  const target = loadClusterTarget({
    ...(flags.kubeconfig !== undefined ? { kubeconfig: flags.kubeconfig } : {}),
    ...(flags.context !== undefined ? { context: flags.context } : {}),
  });
  const client = new ClusterClient(target, options);
  return { client, namespace: flags.namespace ?? target.namespace };
}

/**
 * Runs a command's cluster work and turns a failed request into its one clear line; a user who
 * may not read pods also gets the Role that would let them (on stderr, exit 2). With --debug the
 * requests sent are counted on stderr.
 */
export async function againstCluster(client: ClusterClient, flags: ClusterFlags, work: () => Promise<number>): Promise<number> {
  try {
    return await work();
  } catch (error) {
    const explained = explainFailure(error, client.target);
    if (!(explained instanceof AccessDeniedError)) throw explained;
    printErr(`podmortem: ${explained.message}\n\n${explained.roleYaml}`);
    return 2;
  } finally {
    if (flags.debug) printErr(`podmortem: ${requestSummary(client)}\n`);
  }
}

/** `7 API requests (get 6, list 1)`. */
export function requestSummary(client: ClusterClient): string {
  const byVerb = new Map<string, number>();
  for (const r of client.sent) byVerb.set(r.verb, (byVerb.get(r.verb) ?? 0) + 1);
  const parts = [...byVerb].map(([verb, n]) => `${verb} ${n}`).join(', ');
  return `${client.sent.length} API request${client.sent.length === 1 ? '' : 's'}${parts ? ` (${parts})` : ''}`;
}
