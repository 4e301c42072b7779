import type { V1ContainerStatus, V1Pod } from '@kubernetes/client-node';
import type { ContainerLogs } from '../../model/incident.js';
import type { ClusterClient } from './api-client.js';
import type { MissingEvidence } from './missing-evidence.js';
import { PODS } from './resources.js';
import { ClusterRequestError } from './request-error.js';
import { readKubeletUnreachable } from '../kubelet-unreachable.js';

/** The last lines are where a crash explains itself; the byte cap keeps one noisy container from costing much. */
export const LOG_TAIL_LINES = 100;
export const LOG_LIMIT_BYTES = 64 * 1024;
/** Log requests per pod at most, whatever its number of containers. */
export const MAX_LOG_REQUESTS_PER_POD = 4;

/** The logs read, and the dial error met reaching the pod's kubelet for any of them. */
export interface FetchedLogs {
  readonly logs: ContainerLogs[];
  readonly kubeletUnreachable?: string;
}

interface WantedLog {
  readonly container: string;
  /** The previous (crashed) instance's log, `kubectl logs --previous`. */
  readonly previous: boolean;
}

function wantedFor(status: V1ContainerStatus): WantedLog[] {
  const wanted: WantedLog[] = [];
  if ((status.restartCount ?? 0) > 0 || status.lastState?.terminated) wanted.push({ container: status.name, previous: true });
  const state = status.state ?? {};
  // A waiting container's current log is its last instance's (already the previous log) or nothing yet.
  if ((state.running && !status.ready) || (state.terminated && state.terminated.exitCode !== 0)) {
    wanted.push({ container: status.name, previous: false });
  }
  return wanted;
}

/** Which logs tell this pod's story: previous logs of restarted or terminated containers, current logs of failing ones. */
export function wantedLogs(pod: V1Pod): WantedLog[] {
  if (!pod.spec?.nodeName) return [];
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  return statuses.flatMap(wantedFor).slice(0, MAX_LOG_REQUESTS_PER_POD);
}

/**
 * Fetches the wanted logs concurrently, tail- and byte-bounded (liveIncident redacts them). A log that cannot be
 * read (forbidden, container gone, kubelet unreachable) becomes a missing-evidence line.
 */
export async function fetchLogs(client: ClusterClient, pod: V1Pod, missing: MissingEvidence): Promise<FetchedLogs> {
  const namespace = pod.metadata?.namespace ?? 'default';
  const name = pod.metadata?.name ?? '';
  let kubeletUnreachable: string | undefined;
  // The API server proxies logs from the node's kubelet: its dial error says the node is out of its reach.
  const noteDialError = (error: unknown) => {
    if (error instanceof ClusterRequestError && error.request.subresource === 'log') kubeletUnreachable ??= readKubeletUnreachable(error.detail)?.error;
    throw error;
  };
  const texts = await Promise.all(
    wantedLogs(pod).map(async (wanted) => {
      const what = `logs of container ${wanted.container} (${wanted.previous ? 'previous' : 'current'} instance)`;
      const text = await missing.attempt(what, () =>
        client.getText({
          verb: 'get',
          type: PODS,
          namespace,
          name,
          subresource: 'log',
          query: { container: wanted.container, previous: wanted.previous || undefined, tailLines: LOG_TAIL_LINES, limitBytes: LOG_LIMIT_BYTES },
        }).catch(noteDialError),
      );
      return { ...wanted, text };
    }),
  );
  const byContainer = new Map<string, { container: string; previous?: string; current?: string }>();
  for (const { container, previous, text } of texts) {
    if (!text) continue;
    const logs = byContainer.get(container) ?? { container };
    logs[previous ? 'previous' : 'current'] = text;
    byContainer.set(container, logs);
  }
  return { logs: [...byContainer.values()], ...(kubeletUnreachable ? { kubeletUnreachable } : {}) };
}
