import type { Incident } from './incident.js';

/** Several recorded snapshots of one pod, oldest first. */
export interface IncidentTimeline {
  readonly namespace: string;
  readonly name: string;
  readonly snapshots: readonly Incident[];
}

/** What a feed delivers at one moment: single incidents and timelines. */
export interface IncidentSet {
  readonly incidents: readonly Incident[];
  readonly timelines: readonly IncidentTimeline[];
}

/**
 * Where the terminal UI (and any other long-lived presenter) gets incidents from: the gallery,
 * replayed files, or a live cluster. The UI never knows which.
 */
export interface IncidentFeed {
  /** Shown in the header, e.g. `gallery`, `replay pods.json`, `ctx prod / ns shop`. */
  readonly title: string;
  /** Live feeds can refresh (`r`), switch namespace (`n`) and watch. */
  readonly live: boolean;
  /** Loads everything once; `onProgress` says what is being fetched, for the spinner. */
  load(onProgress?: (what: string) => void): Promise<IncidentSet>;
  /** Calls back with a fresh set on every change; returns a function that stops watching. */
  watch?(onChange: (set: IncidentSet) => void, onError: (error: Error) => void): () => void;
  /** Namespaces the user may switch to (live feeds). */
  namespaces?(): Promise<string[]>;
  /** The same feed scoped to another namespace; null means all namespaces. */
  withNamespace?(namespace: string | null): IncidentFeed;
  /** Kubeconfig contexts the user may switch to (live feeds). */
  contexts?(): Promise<string[]>;
  /** The same feed against another kubeconfig context (`:ctx NAME`): its namespace, or all when this feed shows all. */
  withContext?(context: string): IncidentFeed;
}
