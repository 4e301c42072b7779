import { useEffect, useMemo, useState } from 'react';
import type { Incident } from '../../model/incident.js';
import type { DiagnosisCache } from '../model/diagnosis-cache.js';
import { errorText } from '../model/error-text.js';
import type { PodEntry } from '../model/pod-entry.js';
import { snapshotChanges, type DiagnosedSnapshot, type SnapshotChanges } from '../model/snapshot-changes.js';

/** The snapshot a detail view shows, with what changed since the one before it. */
export interface ShownSnapshot {
  /** Index oldest first, and how many there are (1 for a pod without a timeline). */
  readonly index: number;
  readonly count: number;
  /** Null while its diagnosis is still running. */
  readonly current: DiagnosedSnapshot | null;
  /** Null for the first snapshot, a single incident, or while the previous one is being diagnosed. */
  readonly changes: SnapshotChanges | null;
  /** Why an earlier snapshot could not be diagnosed. */
  readonly error: string | null;
}

function diagnosed(entry: PodEntry, index: number, cache: DiagnosisCache): DiagnosedSnapshot | null {
  const incident: Incident | undefined = entry.snapshots[index];
  if (!incident) return null;
  const diagnosis = index === entry.snapshots.length - 1 ? entry.diagnosis : cache.peek(incident);
  return diagnosis ? { incident, diagnosis } : null;
}

/**
 * The snapshot to show and its changes. Earlier snapshots are diagnosed only once their timeline
 * is opened; the view re-renders as each diagnosis lands.
 */
export function useShownSnapshot(entry: PodEntry | null, requested: number | null, cache: DiagnosisCache): ShownSnapshot | null {
  const [, setSettled] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const count = entry?.snapshots.length ?? 0;
  const index = Math.min(Math.max(requested ?? count - 1, 0), Math.max(count - 1, 0));
  const current = entry ? diagnosed(entry, index, cache) : null;
  const previous = entry && index > 0 ? diagnosed(entry, index - 1, cache) : null;

  // Opening a timeline diagnoses its snapshots in the background, newest first, so stepping
  // through them rarely waits; a pod without a timeline has nothing more to do.
  useEffect(() => {
    if (!entry || entry.snapshots.length < 2) return;
    let active = true;
    const pending = entry.snapshots.filter((incident) => !cache.peek(incident)).reverse();
    (async () => {
      for (const incident of pending) {
        await cache.diagnose(incident);
        if (active) setSettled((n) => n + 1);
      }
    })().catch((failure: unknown) => {
      if (active) setError(`cannot diagnose this snapshot: ${errorText(failure)}`);
    });
    return () => {
      active = false;
    };
  }, [entry, cache]);

  const changes = useMemo(() => (current && previous ? snapshotChanges(previous, current) : null), [current?.diagnosis, previous?.diagnosis]);
  if (!entry) return null;
  return { index, count, current, changes, error };
}
