// A fleet's pods are each judged at their own capture time, and their siblings' split is shared
// between pods of a workload: sharing must never hand one pod the split of a moment at which a
// sibling's recent restart read differently.
import { describe, expect, it } from 'vitest';
import { computeFacts } from '../src/facts/compute.js';
import { healthMoment, workloadPodHealth } from '../src/facts/workload-pods.js';
import type { Incident } from '../src/model/incident.js';
import type { WorkloadEvidence, WorkloadPod } from '../src/model/workload.js';
import { makePod } from './build-incident.js';

const RESTART = Date.parse('2026-11-25T12:00:00Z');
const at = (minutesAfterRestart: number) => new Date(RESTART + minutesAfterRestart * 60_000).toISOString();

function replica(name: string, overrides: Partial<WorkloadPod> = {}): WorkloadPod {
  return { name, revisionHash: 'abc12', node: 'node-a', phase: 'Running', ready: true, restarts: 0, startedAt: at(-120), terminating: false, problems: [], lastRestartAt: null, ...overrides };
}

/** web: one replica crash-looping, one that restarted at RESTART and runs ready since, one never restarted, one that restarted long before. */
function workload(): WorkloadEvidence {
  return {
    kind: 'Deployment',
    name: 'web',
    namespace: 'default',
    desired: 4,
    ready: 3,
    available: 3,
    revisions: [],
    pods: [
      replica('web-abc12-crash', { ready: false, restarts: 9, problems: ['CrashLoopBackOff'], lastRestartAt: at(-1) }),
      replica('web-abc12-restarted', { restarts: 1, lastRestartAt: at(0) }),
      replica('web-abc12-steady'),
      replica('web-abc12-old', { restarts: 1, lastRestartAt: at(-60) }),
    ],
    nodes: [],
  };
}

/** The crash-looping replica's facts as captured `minutes` after the restart, its workload `shared` between calls. */
function siblingsAt(shared: WorkloadEvidence, minutes: number) {
  const pod = makePod({ metadata: { name: 'web-abc12-crash', labels: { 'pod-template-hash': 'abc12' } } });
  const incident: Incident = { pod, events: [], logs: [], nodeEvents: [], workload: shared, source: { kind: 'file', files: [], capturedAt: at(minutes) } };
  const facts = computeFacts(incident);
  return { failing: facts.read('failingReplicas'), healthy: facts.read('healthyReplicas') };
}

describe('sibling health judged at each pod’s own capture time', () => {
  it('counts a replica that restarted 5 minutes before as failing and the same replica 20 minutes on as healthy, the workload shared', () => {
    const shared = workload();
    expect(siblingsAt(shared, 5)).toEqual({ failing: 2, healthy: 2 });
    expect(siblingsAt(shared, 20)).toEqual({ failing: 1, healthy: 3 });
    // Back within the window (another pod captured earlier): the first split again, not the last one.
    expect(siblingsAt(shared, 14)).toEqual({ failing: 2, healthy: 2 });
    expect(siblingsAt(workload(), 14)).toEqual({ failing: 2, healthy: 2 });
  });

  it('gives two moments the same number exactly when every replica reads alike at both', () => {
    const shared = workload();
    const moments = [-90, -30, -1, 0, 0.5, 5, 14.9, 15, 15.1, 30, 59, 75, 76, 120].map(at).map(Date.parse);
    for (const a of moments) {
      for (const b of moments) {
        const alike = shared.pods.every((p) => workloadPodHealth(p, a) === workloadPodHealth(p, b));
        expect(healthMoment(shared, a) === healthMoment(shared, b), `${new Date(a).toISOString()} / ${new Date(b).toISOString()}`).toBe(alike);
      }
    }
  });
});
