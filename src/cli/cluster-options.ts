import { parseDuration } from '../facts/duration.js';
import { ClusterClient } from '../sources/cluster/api-client.js';
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
} as const;

export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

interface ClusterFlags {
  namespace?: string;
  context?: string;
  kubeconfig?: string;
  'request-timeout'?: string;
  debug?: boolean;
}

/** `--request-timeout` as kubectl reads it: `10s`, `1m`, a bare number of seconds, or 0 for none. */
export function requestTimeoutMs(value: string | undefined): number {
  if (value === undefined) return DEFAULT_REQUEST_TIMEOUT_MS;
  const seconds = parseDuration(value);
  if (seconds === null || seconds < 0) throw new UsageError(`--request-timeout takes a duration like 10s or 1m (0 for none), not "${value}"`);
  return Math.round(seconds * 1000);
}

/** A client for the kubeconfig, context and namespace the flags name. */
export function connect(flags: ClusterFlags): { client: ClusterClient; namespace: string } {
  const timeoutMs = requestTimeoutMs(flags['request-timeout']);
  const target = loadClusterTarget({
    ...(flags.kubeconfig !== undefined ? { kubeconfig: flags.kubeconfig } : {}),
    ...(flags.context !== undefined ? { context: flags.context } : {}),
  });
  const client = new ClusterClient(target, { timeoutMs, userAgent: `podmortem/${VERSION}` });
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
