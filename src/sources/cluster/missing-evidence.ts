import { ClusterRequestError } from './request-error.js';
import { describeRequest, rbacHome, rbacRule } from './resources.js';
import type { ServerFaults } from './server-faults.js';

/** Why a piece of evidence is missing, as one line a user can act on. */
export function missingLine(what: string, error: ClusterRequestError): string {
  const request = error.request;
  if (error.forbidden) return `${what}: forbidden to ${describeRequest(request)}; grant ${rbacRule(request)} in ${rbacHome(request)}`;
  if (error.kind === 'network') return `${what}: not read, the API server stopped answering (${describeRequest(request)}: ${error.detail})`;
  if (error.kind === 'too-large' || error.kind === 'protocol') return `${what}: not read (${describeRequest(request)}: ${error.detail})`;
  if (error.kind === 'timeout') return `${what}: the API server did not answer in time (${describeRequest(request)}); retry or raise --request-timeout`;
  if (error.notFound) return `${what}: not found (${error.detail})`;
  if (request.subresource === 'log' && (error.status ?? 0) >= 500) {
    // The API server proxies logs from the node's kubelet; its message leads with the kubelet URL.
    return `${what}: the API server could not get it from the node's kubelet (${error.detail.replace(/^Get "[^"]*": /, '')})`;
  }
  return `${what}: unavailable (HTTP ${error.status ?? '?'}: ${error.detail})`;
}

/**
 * Collects the evidence one diagnosis could not get. Optional evidence (events, node, logs,
 * services, owners) degrades to a line here when it is forbidden, missing, failing or slow;
 * an unreachable server or bad credentials still stop the run, since nothing else would work.
 * Given `faults` (a scan, which keeps what it read when the server fails part way), a server
 * that stops answering degrades too, and every fault of the server is recorded there.
 */
export class MissingEvidence {
  private readonly found: string[] = [];

  constructor(readonly faults?: ServerFaults) {}

  get lines(): readonly string[] {
    return this.found;
  }

  add(line: string): void {
    if (!this.found.includes(line)) this.found.push(line);
  }

  async attempt<T>(what: string, fetch: () => Promise<T>): Promise<T | undefined> {
    try {
      return await fetch();
    } catch (error) {
      if (this.faults?.record(error)) {
        this.add(missingLine(what, error as ClusterRequestError));
        return undefined;
      }
      if (!(error instanceof ClusterRequestError) || (error.kind !== 'status' && error.kind !== 'timeout')) throw error;
      this.add(missingLine(what, error));
      return undefined;
    }
  }
}
