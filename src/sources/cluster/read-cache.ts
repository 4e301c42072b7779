import type { ClusterClient } from './api-client.js';
import { requestPath, type ApiRequest } from './resources.js';

/**
 * Shares reads between the pods of one gathering (the same node, owner or Service list for
 * every pod of a Deployment): each distinct request is sent once, failures included.
 */
export class ReadCache {
  private readonly reads = new Map<string, Promise<unknown>>();

  constructor(readonly client: ClusterClient) {}

  get<T>(request: ApiRequest): Promise<T> {
    return this.once(requestPath(request), () => this.client.get<T>(request));
  }

  list<T>(request: ApiRequest): Promise<T[]> {
    return this.once(`list ${requestPath(request)}`, async () => (await this.client.list<T>(request)).items);
  }

  /** `load` once per `key`, for reads that are not a single request (events with their fallback). */
  once<T>(key: string, load: () => Promise<T>): Promise<T> {
    let read = this.reads.get(key) as Promise<T> | undefined;
    if (!read) {
      read = load();
      // Callers handle the failure; a cached rejection must not also be reported as unhandled.
      read.catch(() => {});
      this.reads.set(key, read);
    }
    return read;
  }
}
