import type { Incident } from '../../model/incident.js';
import type { Timeline } from '../bundle.js';
import type { ClusterClient } from './api-client.js';
import { followPod } from './follow-pod.js';

/** What tells two snapshots apart: everything but the moment of capture. */
function snapshotKey(incident: Incident): string {
  return JSON.stringify({ ...incident, source: { ...incident.source, capturedAt: null } });
}

export interface TimelineRecording {
  /** Stops watching and returns the timeline so far, oldest snapshot first. */
  stop(): Promise<Timeline>;
}

export interface RecordingHandlers {
  onSnapshot(incident: Incident, count: number): void;
  onGone(): void;
  onError(error: Error): void;
}

/** Records one pod over time: a snapshot now and one per change of the pod or its events (watch API). */
export function recordTimeline(client: ClusterClient, namespace: string, name: string, handlers: RecordingHandlers): TimelineRecording {
  const snapshots: Incident[] = [];
  let lastKey = '';
  const follower = followPod(client, namespace, name, {
    onIncident: (incident) => {
      const key = snapshotKey(incident);
      if (key === lastKey) return;
      lastKey = key;
      snapshots.push(incident);
      handlers.onSnapshot(incident, snapshots.length);
    },
    onGone: handlers.onGone,
    onError: handlers.onError,
  });
  return {
    stop: async () => {
      await follower.stop();
      return { namespace, name, snapshots: [...snapshots] };
    },
  };
}
