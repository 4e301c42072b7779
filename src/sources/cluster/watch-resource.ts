import type { ClusterClient, WatchConnection, WatchEvent } from './api-client.js';
import { ClusterRequestError } from './request-error.js';
import type { ApiRequest } from './resources.js';

/** How long the server keeps one watch open before we reconnect from the last resourceVersion. */
const WATCH_SECONDS = 300;
const RECONNECT_PAUSE_MS = 1000;

export interface ResourceWatch {
  /** Resolves once the watch has its starting resourceVersion: changes after this moment are seen. */
  readonly ready: Promise<void>;
  stop(): void;
}

export interface WatchHandlers {
  /** A watched object changed; also called after a relist, since changes may have been missed. */
  onChange(event: WatchEvent | null): void;
  onError(error: Error): void;
}

function expiredStatus(event: WatchEvent): boolean {
  return event.type === 'ERROR' && (event.object as { code?: number }).code === 410;
}

/**
 * Watches a list request (namespace, selectors) with the watch API, never by polling: starts at
 * the list's current resourceVersion, reconnects from the last seen version when the server ends
 * the stream, and relists when the version has expired (410 Gone, as a status or an ERROR event).
 */
export function watchResource(client: ClusterClient, request: ApiRequest, handlers: WatchHandlers): ResourceWatch {
  let stopped = false;
  let connection: WatchConnection | undefined;
  let resourceVersion = '';

  const relist = async () => {
    const list = await client.get<{ metadata?: { resourceVersion?: string } }>({ ...request, verb: 'list', query: { ...request.query, limit: 1 } });
    resourceVersion = list.metadata?.resourceVersion ?? '';
  };

  const follow = async () => {
    while (!stopped) {
      let expired = false;
      const openedAt = Date.now();
      try {
        connection = await client.watch(
          { ...request, query: { ...request.query, resourceVersion, allowWatchBookmarks: true, timeoutSeconds: WATCH_SECONDS } },
          (event) => {
            if (expiredStatus(event)) {
              expired = true;
              connection?.close();
              return;
            }
            if (event.type === 'ERROR') throw new ClusterRequestError('status', request, String((event.object as { message?: string }).message ?? 'watch error'));
            resourceVersion = event.object.metadata?.resourceVersion ?? resourceVersion;
            if (event.type !== 'BOOKMARK') handlers.onChange(event);
          },
        );
        if (stopped) connection.close();
        await connection.done;
      } catch (error) {
        if (!(error instanceof ClusterRequestError && error.expired)) throw error;
        expired = true;
      }
      if (expired && !stopped) {
        await relist();
        handlers.onChange(null);
      } else if (Date.now() - openedAt < RECONNECT_PAUSE_MS) {
        // A server that keeps closing watches at once must not be hammered.
        await new Promise((resolve) => setTimeout(resolve, RECONNECT_PAUSE_MS));
      }
    }
  };

  const ready = relist();
  ready.then(follow).catch((error: unknown) => {
    if (!stopped) handlers.onError(error instanceof Error ? error : new Error(String(error)));
  });
  return {
    ready,
    stop: () => {
      stopped = true;
      connection?.close();
    },
  };
}
