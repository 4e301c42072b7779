import { describeRequest, type ApiRequest } from './resources.js';

/**
 * How a request failed:
 * - `status`: the API server answered with an error status (403, 404, 410, 500...);
 * - `timeout`: no complete answer within the request timeout;
 * - `network`: the server could not be reached (refused, unknown host, reset);
 * - `tls`: the TLS handshake failed (unknown CA, expired or mismatched certificate);
 * - `credentials`: the kubeconfig's credentials could not be produced (exec plugin, token file);
 * - `protocol`: the server answered something that is not the Kubernetes API;
 * - `too-large`: the answer grew past the response cap (`--max-response-size`) and was dropped.
 */
export type FailureKind = 'status' | 'timeout' | 'network' | 'tls' | 'credentials' | 'protocol' | 'too-large';

/** A failed API request, kept as data so callers can degrade (forbidden logs) or stop (no server). */
export class ClusterRequestError extends Error {
  override readonly name = 'ClusterRequestError';
  constructor(
    readonly kind: FailureKind,
    readonly request: ApiRequest,
    /** The API server's own message, or the network error's. */
    readonly detail: string,
    /** HTTP status for `status` failures. */
    readonly status?: number,
    /** The Status object's `reason` (`Forbidden`, `NotFound`, `Expired`) or the socket error code. */
    readonly reason?: string,
  ) {
    super(`${describeRequest(request)}: ${detail}`);
  }

  get forbidden(): boolean {
    return this.kind === 'status' && this.status === 403;
  }

  get notFound(): boolean {
    return this.kind === 'status' && this.status === 404;
  }

  /** 410 Gone: a watch or list continue token is older than the server keeps history for. */
  get expired(): boolean {
    return this.kind === 'status' && this.status === 410;
  }

  /** The user the API server says it saw, from a 403 message: `User "alice" cannot get ...`. */
  get subject(): string | null {
    return /\bUser "([^"]+)"/.exec(this.detail)?.[1] ?? null;
  }
}

const TLS_CODE = /^(CERT_|ERR_TLS_|ERR_SSL_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_(VERIFY|GET)_|HOSTNAME_MISMATCH|EPROTO)/;
const NETWORK_CODE = /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ECONNRESET|EPIPE|ECONNABORTED|ERR_SOCKET_)/;

/** Sorts a socket-level error (Node's `code`) into network or TLS trouble. */
export function socketFailure(request: ApiRequest, error: NodeJS.ErrnoException): ClusterRequestError {
  const code = error.code ?? '';
  const kind: FailureKind = TLS_CODE.test(code) ? 'tls' : NETWORK_CODE.test(code) ? 'network' : /ssl|tls|certificate/i.test(error.message) ? 'tls' : 'network';
  return new ClusterRequestError(kind, request, error.message, undefined, code || undefined);
}

/** The Status object an error response carries, or the body text. */
export function statusFailure(request: ApiRequest, status: number, body: string): ClusterRequestError {
  let detail = body.trim().slice(0, 500) || `HTTP ${status}`;
  let reason: string | undefined;
  try {
    const parsed = JSON.parse(body) as { kind?: string; message?: string; reason?: string };
    if (parsed && typeof parsed === 'object' && parsed.kind === 'Status') {
      detail = parsed.message || detail;
      reason = parsed.reason || undefined;
    }
  } catch {
    // Not JSON: a proxy or load balancer answered; keep its text.
  }
  return new ClusterRequestError('status', request, detail, status, reason);
}
