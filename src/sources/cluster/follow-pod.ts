import type { Incident } from '../../model/incident.js';
import type { ClusterClient } from './api-client.js';
import { gatherPod } from './gather-pod.js';
import { ReadCache } from './read-cache.js';
import { ClusterRequestError } from './request-error.js';
import { EVENTS, PODS } from './resources.js';
import { RefreshRunner } from './refresh-runner.js';
import { watchResource } from './watch-resource.js';

/** Changes closer together than this make one new snapshot (kubelet writes status and events in bursts). */
export const SETTLE_MS = 300;

export interface FollowHandlers {
  /** A fresh incident: first the pod as it is now, then one after every change of the pod or its events. */
  onIncident(incident: Incident): void | Promise<void>;
  /** The pod does not exist (any more); following goes on in case it comes back under the same name. */
  onGone(): void;
  onError(error: Error): void;
}

export interface PodFollower {
  /** Resolves when the watches are open and the first incident was handed over. */
  readonly started: Promise<void>;
  /** Stops watching; resolves after the gathering in flight has been handed over. */
  stop(): Promise<void>;
}

/**
 * Follows one pod through the watch API (the pod by name, its events by involved object) and
 * gathers it again after each change. Every gathering starts with fresh reads.
 */
export function followPod(client: ClusterClient, namespace: string, name: string, handlers: FollowHandlers): PodFollower {
  let failed = false;
  const fail = (error: Error) => {
    if (failed) return;
    failed = true;
    handlers.onError(error);
  };
  const gather = async () => {
    try {
      await handlers.onIncident(await gatherPod(new ReadCache(client), namespace, name));
    } catch (error) {
      if (error instanceof ClusterRequestError && error.notFound) handlers.onGone();
      else fail(error instanceof Error ? error : new Error(String(error)));
    }
  };
  const runner = new RefreshRunner(gather, SETTLE_MS);
  const onChange = () => runner.poke();
  // Without permission to watch events the pod's own changes still count; the missing lines say the rest.
  const unlessForbidden = (error: Error) => {
    if (!(error instanceof ClusterRequestError && error.forbidden)) fail(error);
  };
  const watches = [
    watchResource(client, { verb: 'watch', type: PODS, namespace, query: { fieldSelector: `metadata.name=${name}` } }, { onChange, onError: fail }),
    watchResource(
      client,
      { verb: 'watch', type: EVENTS, namespace, query: { fieldSelector: `involvedObject.kind=Pod,involvedObject.name=${name}` } },
      { onChange, onError: unlessForbidden },
    ),
  ];
  const started = Promise.allSettled(watches.map((w) => w.ready)).then(() => runner.runNow());
  return {
    started,
    stop: async () => {
      for (const w of watches) w.stop();
      await runner.stop();
    },
  };
}
