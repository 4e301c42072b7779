import { ClusterRequestError } from './request-error.js';
import { describeRequest } from './resources.js';

/**
 * Reads that failed because the API server itself failed part way through a run: it stopped or
 * reset the connection, did not answer in time, answered 5xx, or answered something too large or
 * not the API. Permissions and absent objects are not faults (the report names them as missing
 * evidence). A run that met a fault kept what it had read and must say it is partial.
 */
/** Reads without an answer in time after which a scan asks no more pod details. */
const STOPPED_AFTER_TIMEOUTS = 3;

export class ServerFaults {
  private readonly found: string[] = [];
  private gone = false;
  private timeouts = 0;

  /** `list events in all namespaces: connect ECONNREFUSED 127.0.0.1:6443`, once each. */
  get lines(): readonly string[] {
    return this.found;
  }

  /**
   * The server stopped answering: a connection refused or reset, or several reads without an
   * answer in time (one slow resource alone is not a dead server). Further reads would only fail
   * or wait out the timeout.
   */
  get stopped(): boolean {
    return this.gone;
  }

  /** Records `error` when it is a fault of the server; false (nothing recorded) otherwise. */
  record(error: unknown): error is ClusterRequestError {
    if (!isServerFault(error)) return false;
    const line = `${describeRequest(error.request)}: ${error.kind === 'timeout' ? 'no answer in time' : error.detail}`;
    if (!this.found.includes(line)) this.found.push(line);
    if (error.kind === 'timeout') this.timeouts++;
    if (error.kind === 'network' || this.timeouts >= STOPPED_AFTER_TIMEOUTS) this.gone = true;
    return true;
  }
}

export function isServerFault(error: unknown): error is ClusterRequestError {
  if (!(error instanceof ClusterRequestError)) return false;
  // A log's 5xx is the node's kubelet failing, not the API server (the missing line says so).
  if (error.kind === 'status') return (error.status ?? 0) >= 500 && error.request.subresource !== 'log';
  return error.kind === 'network' || error.kind === 'timeout' || error.kind === 'too-large' || error.kind === 'protocol';
}
