import type { IncidentFeed, IncidentSet } from '../model/incident-feed.js';
import { ClusterClient } from './cluster/api-client.js';
import { explainFailure } from './cluster/explain-failure.js';
import { gatherScope, type ScanOptions, type ScanScope } from './cluster/gather-scope.js';
import { switchContext, type ClusterTarget } from './cluster/kubeconfig.js';
import { ReadCache } from './cluster/read-cache.js';
import { RefreshRunner } from './cluster/refresh-runner.js';
import { ClusterRequestError } from './cluster/request-error.js';
import { EVENTS, NAMESPACES, PODS } from './cluster/resources.js';
import { watchResource } from './cluster/watch-resource.js';

export interface LiveFeedOptions {
  readonly target: ClusterTarget;
  /** Per-request timeout in ms; 0 waits forever. */
  readonly timeoutMs: number;
  /** Null: all namespaces. */
  readonly namespace: string | null;
  readonly labelSelector?: string;
  readonly userAgent?: string;
  /** Orders a scan's pods worst first, so logs and nodes are read for the worst. */
  readonly rank?: ScanOptions['rank'];
  readonly maxResponseBytes?: number;
}

/** A busy namespace changes many times a second; the UI refreshes once things settle. */
const FEED_SETTLE_MS = 1000;

function asError(error: unknown, target: ClusterTarget): Error {
  const explained = explainFailure(error, target);
  return explained instanceof Error ? explained : new Error(String(explained));
}

/**
 * The live cluster as an IncidentFeed for the terminal UI: `load` scans the scope like
 * `podmortem scan`, `watch` follows pods and events in the scope through the watch API and scans
 * again after changes settle, and the namespace can be switched. Errors reach the UI as one-line
 * InputErrors (an AccessDeniedError also carries the Role that would help).
 */
export function createLiveFeed(options: LiveFeedOptions): IncidentFeed {
  const { target, namespace } = options;
  const client = new ClusterClient(target, { timeoutMs: options.timeoutMs, userAgent: options.userAgent ?? 'podmortem', ...(options.maxResponseBytes ? { maxResponseBytes: options.maxResponseBytes } : {}) });
  const scope: ScanScope = { namespace, ...(options.labelSelector ? { labelSelector: options.labelSelector } : {}) };

  const load = async (onProgress?: (what: string) => void): Promise<IncidentSet> => {
    try {
      return { incidents: await gatherScope(new ReadCache(client), scope, { ...(onProgress ? { onProgress } : {}), ...(options.rank ? { rank: options.rank } : {}) }), timelines: [] };
    } catch (error) {
      throw asError(error, target);
    }
  };

  return {
    title: `ctx ${target.context} / ${namespace ? `ns ${namespace}` : 'all namespaces'}`,
    live: true,
    load,
    watch(onChange, onError) {
      let stopped = false;
      const fail = (error: unknown) => {
        if (!stopped) onError(asError(error, target));
      };
      const runner = new RefreshRunner(async () => {
        try {
          const set = await load();
          if (!stopped) onChange(set);
        } catch (error) {
          fail(error);
        }
      }, FEED_SETTLE_MS);
      const handlers = { onChange: () => runner.poke(), onError: fail };
      const query = { labelSelector: options.labelSelector };
      const watches = [
        watchResource(client, { verb: 'watch', type: PODS, namespace: namespace ?? undefined, query }, handlers),
        // Without permission to watch events, pod changes still refresh the view.
        watchResource(client, { verb: 'watch', type: EVENTS, namespace: namespace ?? undefined }, {
          ...handlers,
          onError: (error) => (error instanceof ClusterRequestError && error.forbidden ? undefined : fail(error)),
        }),
      ];
      return () => {
        stopped = true;
        for (const w of watches) w.stop();
        void runner.stop();
      };
    },
    async namespaces() {
      try {
        const list = await client.list<{ metadata?: { name?: string } }>({ verb: 'list', type: NAMESPACES });
        return list.items.map((n) => n.metadata?.name ?? '').filter(Boolean).sort();
      } catch (error) {
        // Users who may not list namespaces can still switch between the ones they know.
        if (error instanceof ClusterRequestError && error.kind === 'status') return [...new Set([target.namespace, ...(namespace ? [namespace] : [])])];
        throw asError(error, target);
      }
    },
    withNamespace(next) {
      return createLiveFeed({ ...options, namespace: next });
    },
    async contexts() {
      return target.config.contexts.map((c) => c.name).sort();
    },
    withContext(context) {
      const next = switchContext(target, context);
      // The new context's own namespace, as kubectl would use; all namespaces stay all.
      return createLiveFeed({ ...options, target: next, namespace: namespace === null ? null : next.namespace });
    },
  };
}
