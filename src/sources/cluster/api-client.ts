import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { pathDeeperThan } from '../../model/json-depth.js';
import { formatBytes } from '../../facts/quantity.js';
import { MAX_OBJECT_DEPTH, shapeKindOf, shapeProblem, type ShapeKind } from '../object-shapes.js';
import { boundExecPlugins, killedPluginMessage } from './exec-credential.js';
import type { ClusterTarget } from './kubeconfig.js';
import { ClusterRequestError, socketFailure, statusFailure } from './request-error.js';
import { requestPath, type ApiRequest } from './resources.js';

export interface ClientOptions {
  /** Per-request timeout in ms (a watch: until the server answers); 0 waits forever, as kubectl's `--request-timeout=0`. */
  readonly timeoutMs: number;
  readonly userAgent?: string;
  /** The most one answer (or one watch event) may hold; default DEFAULT_MAX_RESPONSE_BYTES. */
  readonly maxResponseBytes?: number;
}

/**
 * Far above any real page of 500 objects (etcd keeps each under 1.5 MiB, real pods are a few KB),
 * far below what exhausts memory: a server answering 300 MB is stopped, not believed.
 */
export const DEFAULT_MAX_RESPONSE_BYTES = 128 * 2 ** 20;

/** The objects an answer holds, checked against their shapes (object-shapes.ts) before anyone reads them. */
function answerProblem(request: ApiRequest, body: unknown): string | null {
  // Kinds without a shape (namespaces, owners) are still bounded in depth for the walks after.
  const deep = pathDeeperThan(body, MAX_OBJECT_DEPTH + 2);
  if (deep) return `the answer nests deeper than ${MAX_OBJECT_DEPTH} levels (at ${deep})`;
  const kind = shapeKindOf({ kind: request.type.kind }) as ShapeKind | null;
  if (!kind) return null;
  if (request.verb !== 'list') return shapeProblem(kind, body);
  const listProblem = shapeProblem('List', body);
  if (listProblem) return listProblem;
  for (const item of (body as { items?: unknown[] }).items ?? []) {
    const problem = shapeProblem(kind, item);
    if (problem) return problem;
  }
  return null;
}

/** A list read across all its pages: `items` and the resourceVersion to watch from. */
export interface ListResult<T> {
  readonly items: T[];
  readonly resourceVersion: string;
  /** False when the page cap stopped reading before the last page. */
  readonly complete: boolean;
}

/** One line of a watch stream. */
export interface WatchEvent {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  readonly object: Record<string, unknown> & { metadata?: { resourceVersion?: string } };
}

/** An open watch: `done` settles when the server ends the stream, fails, or `close()` is called. */
export interface WatchConnection {
  readonly done: Promise<void>;
  close(): void;
}

interface ListBody<T> {
  items?: T[];
  metadata?: { resourceVersion?: string; continue?: string };
}

/** Page size for lists, as kubectl uses: big enough to be few requests, small enough to stream. */
export const LIST_PAGE_SIZE = 500;

/**
 * Read-only access to the API server: GET only (get, list, watch and pods/log), raw API JSON
 * exactly as `kubectl get -o json` shows it, a timeout on every request, and a record of every
 * request sent so callers and tests can count them. Credentials, CA and proxies come from the
 * kubeconfig (request-credentials.ts), on one keep-alive connection for the run. Raw JSON, not
 * a generated client's classes, because those turn timestamps into Date objects and drop fields
 * they do not know, and live incidents must be the same JSON a recorded bundle replays.
 */
export class ClusterClient {
  private readonly sentRequests: ApiRequest[] = [];

  constructor(
    readonly target: ClusterTarget,
    private readonly options: ClientOptions,
  ) {}

  /** Every request sent so far, in order. */
  get sent(): readonly ApiRequest[] {
    return this.sentRequests;
  }

  async get<T>(request: ApiRequest): Promise<T> {
    const body = await this.read(request, 'application/json');
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      throw new ClusterRequestError('protocol', request, `the answer is not JSON (${body.slice(0, 80).replace(/\s+/g, ' ')}): is ${this.target.server} a Kubernetes API server?`);
    }
    const problem = answerProblem(request, parsed);
    if (problem) throw new ClusterRequestError('protocol', request, problem);
    return parsed as T;
  }

  private get maxResponseBytes(): number {
    return this.options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  }

  /** Plain text, for pods/log. */
  getText(request: ApiRequest): Promise<string> {
    return this.read(request, 'text/plain, */*');
  }

  /** All pages of a list (limit/continue), at most `maxPages`; an expired continue token restarts the list once. */
  async list<T>(request: ApiRequest, maxPages = 100): Promise<ListResult<T>> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.readPages<T>(request, maxPages);
      } catch (error) {
        if (!(error instanceof ClusterRequestError && error.expired && attempt === 0)) throw error;
      }
    }
  }

  private async readPages<T>(request: ApiRequest, maxPages: number): Promise<ListResult<T>> {
    const items: T[] = [];
    let resourceVersion = '';
    let token: string | undefined;
    for (let page = 0; page < maxPages; page++) {
      const body = await this.get<ListBody<T>>({ ...request, verb: 'list', query: { ...request.query, limit: LIST_PAGE_SIZE, continue: token } });
      items.push(...(body.items ?? []));
      // Every page is served from the first page's snapshot; its version is the one to watch from.
      resourceVersion ||= body.metadata?.resourceVersion ?? '';
      token = body.metadata?.continue || undefined;
      if (!token) return { items, resourceVersion, complete: true };
    }
    return { items, resourceVersion, complete: false };
  }

  /** Opens a watch and hands each event to `onEvent`; the request timeout covers only the server's first answer. */
  async watch(request: ApiRequest, onEvent: (event: WatchEvent) => void): Promise<WatchConnection> {
    const exchange = await this.open({ ...request, verb: 'watch' }, 'application/json');
    const response = await exchange.response;
    exchange.stopTimer();
    if ((response.statusCode ?? 0) >= 300) {
      const body = await readBody(response, this.maxResponseBytes, () => exchange.abort(tooLarge(request, this.maxResponseBytes))).catch(() => '');
      throw exchange.failure() ?? statusFailure(request, response.statusCode ?? 0, body);
    }
    let closed = false;
    const done = new Promise<void>((resolve, reject) => {
      let buffer = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        if (buffer.length > this.maxResponseBytes) exchange.abort(tooLarge(request, this.maxResponseBytes));
        let newline: number;
        while ((newline = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, newline).trim();
          buffer = buffer.slice(newline + 1);
          if (!line || closed) continue;
          try {
            const event = JSON.parse(line) as WatchEvent;
            const problem = event?.type === 'ERROR' ? null : answerProblem({ ...request, verb: 'get' }, event?.object);
            if (problem) throw new ClusterRequestError('protocol', request, problem);
            onEvent(event);
          } catch (error) {
            exchange.abort(error instanceof Error ? error : new Error(String(error)));
          }
        }
      });
      response.on('end', () => resolve());
      response.on('error', (error: NodeJS.ErrnoException) => (closed ? resolve() : reject(exchange.failure() ?? socketFailure(request, error))));
      void exchange.failed.then((error) => (closed ? resolve() : reject(error)));
    });
    return {
      done,
      close: () => {
        closed = true;
        exchange.abort(new Error('closed'));
      },
    };
  }

  private async read(request: ApiRequest, accept: string): Promise<string> {
    const exchange = await this.open(request, accept);
    try {
      const response = await exchange.response;
      let body: string;
      try {
        body = await readBody(response, this.maxResponseBytes, () => exchange.abort(tooLarge(request, this.maxResponseBytes)));
      } catch (error) {
        throw exchange.failure() ?? socketFailure(request, error as NodeJS.ErrnoException);
      }
      if ((response.statusCode ?? 0) >= 300) throw statusFailure(request, response.statusCode ?? 0, body);
      return body;
    } finally {
      exchange.stopTimer();
    }
  }

  private async open(request: ApiRequest, accept: string): Promise<Exchange> {
    const server = new URL(this.target.server);
    const options: https.RequestOptions = {
      method: 'GET',
      protocol: server.protocol,
      hostname: server.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: server.port || (server.protocol === 'http:' ? 80 : 443),
      path: server.pathname.replace(/\/$/, '') + requestPath(request),
      headers: { Accept: accept, 'User-Agent': this.options.userAgent ?? 'podmortem' },
    };
    boundExecPlugins(this.target.kubeConfig, this.options.timeoutMs);
    try {
      await this.target.kubeConfig.applyToHTTPSOptions(options);
    } catch (error) {
      throw new ClusterRequestError('credentials', request, killedPluginMessage(this.target.kubeConfig) ?? firstLine(error));
    }
    this.sentRequests.push(request);
    return startExchange(server.protocol === 'http:' ? http : https, options, request, this.options.timeoutMs);
  }
}

interface Exchange {
  readonly response: Promise<IncomingMessage>;
  /** Settles only when the exchange fails (timeout, socket error, abort). */
  readonly failed: Promise<Error>;
  /** The failure, once there is one. */
  failure(): Error | undefined;
  abort(error: Error): void;
  stopTimer(): void;
}

function startExchange(transport: typeof http | typeof https, options: https.RequestOptions, request: ApiRequest, timeoutMs: number): Exchange {
  let failure: Error | undefined;
  let settleFailed: (error: Error) => void = () => {};
  const failed = new Promise<Error>((resolve) => (settleFailed = resolve));
  let req: http.ClientRequest;
  try {
    req = transport.request(options);
  } catch (error) {
    // Node builds the TLS context here: a client certificate or key that is not PEM fails at once.
    const failure = new ClusterRequestError('credentials', request, `the client certificate or key is not usable (${(error as Error).message}): check client-certificate-data and client-key-data of the kubeconfig user`);
    const failed = Promise.resolve<Error>(failure);
    const response = Promise.reject<IncomingMessage>(failure);
    response.catch(() => {});
    return { response, failed, failure: () => failure, abort: () => {}, stopTimer: () => {} };
  }
  const abort = (error: Error) => {
    failure ??= error;
    settleFailed(failure);
    // Destroyed without an error object: the failure is ours to report, and a keep-alive socket
    // already back in its agent's pool (a watch the server ended) has no one listening for one.
    req.destroy();
  };
  const response = new Promise<IncomingMessage>((resolve, reject) => {
    req.on('response', resolve);
    req.on('error', (error: NodeJS.ErrnoException) => {
      failure ??= error instanceof ClusterRequestError ? error : socketFailure(request, error);
      settleFailed(failure);
      reject(failure);
    });
  });
  // A failure after the response arrived is reported through `failed`; keep the early promise quiet.
  response.catch(() => {});
  const timer =
    timeoutMs > 0 ? setTimeout(() => abort(new ClusterRequestError('timeout', request, `no answer within ${formatMs(timeoutMs)}`)), timeoutMs) : undefined;
  req.end();
  return { response, failed, failure: () => failure, abort, stopTimer: () => clearTimeout(timer) };
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.trim().split('\n')[0] || 'the credential plugin failed without saying why';
}

function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

function tooLarge(request: ApiRequest, limit: number): ClusterRequestError {
  return new ClusterRequestError('too-large', request, `the answer is larger than ${formatBytes(limit)}`);
}

/** The body, counted as it arrives: past `limit` bytes `onTooLarge` aborts the exchange. */
function readBody(response: IncomingMessage, limit = Infinity, onTooLarge: () => void = () => {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const declared = Number(response.headers['content-length']);
    let stopped = false;
    const stop = () => {
      stopped = true;
      chunks.length = 0;
      onTooLarge();
      reject(new Error('the answer is too large'));
    };
    if (declared > limit) {
      stop();
      return;
    }
    response.on('data', (chunk: Buffer) => {
      if (stopped) return;
      size += chunk.length;
      if (size > limit) stop();
      else chunks.push(chunk);
    });
    response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    response.on('error', reject);
  });
}
