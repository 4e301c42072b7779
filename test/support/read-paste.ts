import { join } from 'node:path';
import type { TestCase } from '../../src/engine/test-case.js';
import type { Incident } from '../../src/model/incident.js';
import { loadReplay, TEST_CASE_FILE } from '../../src/sources/load-replay.js';
import { FIXTURES, readJson } from '../helpers.js';
import { incidentsToDiagnose } from '../../src/cli/replay-incidents.js';

/** Reads pasted text the way `podmortem replay -` does. */
export async function readPaste(text: string, capturedAt?: string): Promise<Incident[]> {
  const input = await loadReplay(['-'], { readStdin: async () => text, ...(capturedAt ? { capturedAt } : {}) });
  return input.incidents;
}

/** The one pod a paste describes; fails when it held none or several. */
export async function readOnePod(text: string, capturedAt?: string): Promise<Incident> {
  const incidents = await readPaste(text, capturedAt);
  if (incidents.length !== 1 || !incidents[0]) throw new Error(`expected one pod, got ${incidents.length}`);
  return incidents[0];
}

/** A fixture's incidents as its own test case loads them (timelines: the latest snapshot). */
export async function fixtureIncidents(name: string): Promise<Incident[]> {
  const dir = join(FIXTURES, name);
  const testCase = await readJson<TestCase>(join(dir, TEST_CASE_FILE));
  const input = await loadReplay([dir], testCase.capturedAt ? { capturedAt: testCase.capturedAt } : {});
  return incidentsToDiagnose(input);
}

/**
 * Whether `kubectl describe pod` could print the incident's pod: a pod the API server refused to
 * create (only its owner's FailedCreate events show it) has no containers and no description, and
 * one known only from get pods rows has no exit codes, an event pasted without its reason has
 * none to print in the Reason column, a paste that showed no events has no Events section, and a
 * pod known from its events alone has no status, and rows that showed it ready and then not are a
 * history no description holds; the tests that render fixtures as describe text leave those
 * to fixtures.test.ts and the paste tests.
 */
export function describable(incident: Incident): boolean {
  const created = (incident.pod.spec?.containers?.length ?? 0) > 0 || (incident.pod.spec?.initContainers?.length ?? 0) > 0 || !incident.ownerEvents?.length;
  // A paste that showed none of the pod's events cannot be rendered faithfully either: describe prints `Events: <none>` for none.
  // A pod known from its events alone has no status for describe's Status line to print.
  const statusShown = Boolean(incident.pod.status?.phase || incident.pod.status?.containerStatuses?.length || incident.pod.status?.initContainerStatuses?.length);
  // Rows that showed the pod ready and then not are a history; a description shows one moment.
  return created && statusShown && !endsWithoutExitCode(incident) && incident.events.every((e) => e.reason !== '') && !incident.eventsNotShown && !incident.readinessLostInRows;
}

/**
 * A pod known from kubectl get pods rows (`Error`, `Init:Error`): its terminated states have no
 * exit code, which `kubectl describe` always prints, so no description of it would be faithful.
 */
function endsWithoutExitCode(incident: Incident): boolean {
  const statuses = [...(incident.pod.status?.initContainerStatuses ?? []), ...(incident.pod.status?.containerStatuses ?? [])];
  return statuses.some((s) => [s.state?.terminated, s.lastState?.terminated].some((t) => t && t.exitCode === undefined && t.signal === undefined));
}
