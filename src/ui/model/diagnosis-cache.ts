import type { Diagnoser } from '../../engine/diagnose.js';
import type { PodFacts } from '../../facts/compute.js';
import type { PodDiagnosis } from '../../model/finding.js';
import type { Incident } from '../../model/incident.js';

/** Facts measured against the capture time (seconds since the last crash) may drift this long before a pod is diagnosed again. */
const REUSE_WINDOW_MS = 60_000;

/**
 * What an incident's diagnosis depends on, for a pod the API served (it has a resourceVersion):
 * a live feed hands over fresh objects on every change, but a pod whose object, events, logs,
 * node and services are unchanged needs no second diagnosis within the same minute.
 */
function fingerprint(incident: Incident): string | null {
  const meta = incident.pod.metadata;
  if (!meta?.resourceVersion) return null;
  const events = incident.events.map((e) => `${e.reason}:${e.count}:${e.lastTimestamp ?? ''}`).join(',');
  const logs = incident.logs.map((l) => `${l.container}:${l.previous?.length ?? 0}:${l.current?.length ?? 0}`).join(',');
  const services = (incident.services ?? []).map((s) => `${s.name}:${s.endpointReady}:${s.readyEndpoints ?? ''}`).join(',');
  const minute = Math.floor(Date.parse(incident.source.capturedAt) / REUSE_WINDOW_MS);
  return [meta.uid ?? meta.name, meta.resourceVersion, events, logs, services, incident.node?.metadata?.resourceVersion ?? '', minute].join('|');
}

/** Diagnoses each incident once: by object for recorded snapshots, by content for live refreshes. */
export class DiagnosisCache {
  private readonly byIncident = new WeakMap<Incident, Promise<PodDiagnosis>>();
  private readonly settled = new WeakMap<Incident, PodDiagnosis>();
  private readonly factsByIncident = new WeakMap<Incident, PodFacts>();
  private byFingerprint = new Map<string, PodDiagnosis>();
  private nextByFingerprint = new Map<string, PodDiagnosis>();

  constructor(private readonly diagnoser: Diagnoser) {}

  /** The facts of an incident (the Containers tab reads them), computed once. */
  facts(incident: Incident): PodFacts {
    let facts = this.factsByIncident.get(incident);
    if (!facts) {
      facts = this.diagnoser.facts(incident);
      this.factsByIncident.set(incident, facts);
    }
    return facts;
  }

  /** The diagnosis if it is already known, without waiting. */
  peek(incident: Incident): PodDiagnosis | undefined {
    return this.settled.get(incident);
  }

  diagnose(incident: Incident): Promise<PodDiagnosis> {
    const known = this.byIncident.get(incident);
    if (known) return known;
    const key = fingerprint(incident);
    const reused = key ? this.byFingerprint.get(key) : undefined;
    const promise = (reused ? Promise.resolve(reused) : this.diagnoser.diagnose(incident)).then((diagnosis) => {
      this.settled.set(incident, diagnosis);
      if (key) this.nextByFingerprint.set(key, diagnosis);
      return diagnosis;
    });
    this.byIncident.set(incident, promise);
    return promise;
  }

  /**
   * Call once a whole set is diagnosed: content fingerprints of pods that left the set are
   * forgotten, so a long watch does not grow the cache without bound.
   */
  endGeneration(): void {
    this.byFingerprint = this.nextByFingerprint;
    this.nextByFingerprint = new Map();
  }
}
