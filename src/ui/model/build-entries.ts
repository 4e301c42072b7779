import type { IncidentSet } from '../../model/incident-feed.js';
import { visibleControlsDeep } from '../../report/visible-controls.js';
import type { DiagnosisCache } from './diagnosis-cache.js';
import { compareEntries, podEntry, type PodEntry } from './pod-entry.js';

/** Pods diagnosed between two yields to the event loop, so keys and the spinner stay live. */
const BATCH = 100;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Diagnoses the latest snapshot of every pod in a set and returns the list entries, unhealthy
 * first. Earlier timeline snapshots are left for when the user steps to them. Every string of
 * the incidents (and of their diagnoses, which quote them and rule packs) is made terminal-safe
 * here, so every row, tab and line the UI draws from an entry is. Clean incidents come back as
 * the same objects, so the diagnosis cache still knows them.
 */
export async function buildEntries(set: IncidentSet, cache: DiagnosisCache, onProgress?: (what: string) => void): Promise<PodEntry[]> {
  const pods = [
    ...set.incidents.map((incident) => [visibleControlsDeep(incident)]),
    ...set.timelines.filter((t) => t.snapshots.length > 0).map((t) => t.snapshots.map(visibleControlsDeep)),
  ];
  const entries: PodEntry[] = [];
  for (let start = 0; start < pods.length; start += BATCH) {
    if (start > 0) {
      onProgress?.(`diagnosing ${start.toLocaleString('en')} of ${pods.length.toLocaleString('en')} pods`);
      await yieldToEventLoop();
    }
    const batch = pods.slice(start, start + BATCH);
    const diagnoses = await Promise.all(batch.map((snapshots) => cache.diagnose(snapshots[snapshots.length - 1]!)));
    batch.forEach((snapshots, i) => entries.push(podEntry(snapshots, visibleControlsDeep(diagnoses[i]!))));
  }
  cache.endGeneration();
  return entries.sort(compareEntries);
}
