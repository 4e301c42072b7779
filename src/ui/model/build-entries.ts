import type { IncidentSet } from '../../model/incident-feed.js';
import type { DiagnosisCache } from './diagnosis-cache.js';
import { compareEntries, podEntry, type PodEntry } from './pod-entry.js';

/** Pods diagnosed between two yields to the event loop, so keys and the spinner stay live. */
const BATCH = 100;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Diagnoses the latest snapshot of every pod in a set and returns the list entries, unhealthy
 * first. Earlier timeline snapshots are left for when the user steps to them.
 */
export async function buildEntries(set: IncidentSet, cache: DiagnosisCache, onProgress?: (what: string) => void): Promise<PodEntry[]> {
  const pods = [
    ...set.incidents.map((incident) => [incident]),
    ...set.timelines.filter((t) => t.snapshots.length > 0).map((t) => t.snapshots),
  ];
  const entries: PodEntry[] = [];
  for (let start = 0; start < pods.length; start += BATCH) {
    if (start > 0) {
      onProgress?.(`diagnosing ${start.toLocaleString('en')} of ${pods.length.toLocaleString('en')} pods`);
      await yieldToEventLoop();
    }
    const batch = pods.slice(start, start + BATCH);
    const diagnoses = await Promise.all(batch.map((snapshots) => cache.diagnose(snapshots[snapshots.length - 1]!)));
    batch.forEach((snapshots, i) => entries.push(podEntry(snapshots, diagnoses[i]!)));
  }
  cache.endGeneration();
  return entries.sort(compareEntries);
}
