import type { Incident } from '../model/incident.js';
import { InputError } from './input-error.js';
import { workloadFromBundle } from './workload-evidence.js';

export const BUNDLE_KIND = 'PodmortemBundle';
export const BUNDLE_SCHEMA_VERSION = 1;

/** Several snapshots of one pod over time, oldest first. */
export interface Timeline {
  readonly namespace: string;
  readonly name: string;
  readonly snapshots: readonly Incident[];
}

/** The file `podmortem record` writes and `replay` reads. */
export interface Bundle {
  readonly kind: typeof BUNDLE_KIND;
  readonly schemaVersion: number;
  readonly createdBy?: string;
  readonly createdAt?: string;
  readonly incidents: readonly Incident[];
  readonly timelines?: readonly Timeline[];
}

export function isBundle(object: Record<string, unknown>): boolean {
  return object.kind === BUNDLE_KIND;
}

function checkIncident(label: string, value: unknown, where: string): Incident {
  const incident = value as Partial<Incident> | null;
  if (!incident || typeof incident !== 'object' || !incident.pod || typeof incident.pod !== 'object') {
    throw new InputError(`${label}: ${where} has no pod: the bundle is damaged; record it again with podmortem record`);
  }
  const workload = workloadFromBundle(incident.workload);
  const { workload: _given, ...rest } = incident;
  return {
    ...rest,
    ...(workload ? { workload } : {}),
    pod: incident.pod,
    events: Array.isArray(incident.events) ? incident.events : [],
    logs: Array.isArray(incident.logs) ? incident.logs : [],
    nodeEvents: Array.isArray(incident.nodeEvents) ? incident.nodeEvents : [],
    source: incident.source ?? { kind: 'file', capturedAt: new Date().toISOString() },
  } as Incident;
}

export function parseBundle(label: string, object: Record<string, unknown>): Bundle {
  const version = object.schemaVersion;
  if (typeof version !== 'number') throw new InputError(`${label}: podmortem bundle without a schemaVersion: record it again with podmortem record`);
  if (version > BUNDLE_SCHEMA_VERSION) {
    throw new InputError(`${label}: bundle schemaVersion ${version} is newer than this podmortem understands (${BUNDLE_SCHEMA_VERSION}): upgrade podmortem`);
  }
  const incidents = Array.isArray(object.incidents) ? object.incidents : [];
  const timelines = Array.isArray(object.timelines) ? object.timelines : [];
  // A bundle that holds nothing to replay is damaged, not a healthy scan of no pods.
  const empty = timelines.findIndex((t: Partial<Timeline> | null) => !Array.isArray(t?.snapshots) || t.snapshots.length === 0);
  if (empty >= 0) throw new InputError(`${label}: timelines[${empty}] of the bundle has no snapshots: the bundle is damaged; record it again with podmortem record --watch`);
  if (incidents.length === 0 && timelines.length === 0) throw new InputError(`${label}: the bundle holds no incidents and no timeline: record it again with podmortem record`);
  return {
    kind: BUNDLE_KIND,
    schemaVersion: version,
    ...(typeof object.createdBy === 'string' ? { createdBy: object.createdBy } : {}),
    ...(typeof object.createdAt === 'string' ? { createdAt: object.createdAt } : {}),
    incidents: incidents.map((incident, i) => checkIncident(label, incident, `incidents[${i}]`)),
    timelines: timelines.map((t: Timeline, i) => ({
      namespace: String(t?.namespace ?? ''),
      name: String(t?.name ?? ''),
      snapshots: (Array.isArray(t?.snapshots) ? t.snapshots : []).map((s, j) => checkIncident(label, s, `timelines[${i}].snapshots[${j}]`)),
    })),
  };
}

export function createBundle(incidents: readonly Incident[], timelines: readonly Timeline[] = [], createdBy = 'podmortem'): Bundle {
  return {
    kind: BUNDLE_KIND,
    schemaVersion: BUNDLE_SCHEMA_VERSION,
    createdBy,
    createdAt: new Date().toISOString(),
    incidents,
    ...(timelines.length ? { timelines } : {}),
  };
}
