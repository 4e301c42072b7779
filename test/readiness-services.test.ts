import { describe, expect, it } from 'vitest';
import type { Incident } from '../src/model/incident.js';
import { builtInDiagnoser } from './helpers.js';
import { fixtureIncidents } from './support/read-paste.js';

/*
 * A pod that fails readiness loses its endpoint in the Services that select it; when no endpoint
 * of a Service is ready any more, that is an outage and the remediation says so, naming the
 * Services whether there is one or several.
 */

async function readinessIncident(): Promise<Incident> {
  const [incident] = await fixtureIncidents('readiness-probe-failing-service-endpoint');
  if (!incident?.services?.length) throw new Error('the readiness fixture lost its Service');
  return incident;
}

async function remediationOf(incident: Incident): Promise<string[]> {
  const finding = (await (await builtInDiagnoser()).diagnose(incident)).findings.find((f) => f.rule === 'readiness-probe-failing');
  return (finding?.remediation ?? []).map((step) => step.text);
}

describe('Services behind a pod that is not ready', () => {
  it('names the Services that lost the endpoint, and no outage while others are ready', async () => {
    const incident = await readinessIncident();
    const steps = await remediationOf({ ...incident, services: incident.services!.map((s) => ({ ...s, endpointReady: false, readyEndpoints: 2 })) });
    expect(steps.join('\n')).toContain('send the pod no traffic while it is not ready: checkout-web.');
    expect(steps.join('\n')).not.toContain('outage');
  });

  it.each([
    [['checkout-web'], 'No ready endpoint at all behind checkout-web: that is an outage'],
    [['checkout-web', 'checkout-admin'], 'No ready endpoint at all behind checkout-web, checkout-admin: that is an outage'],
  ])('says an outage when no endpoint of %j is ready', async (names, says) => {
    const incident = await readinessIncident();
    const template = incident.services![0]!;
    const steps = await remediationOf({ ...incident, services: names.map((name) => ({ ...template, name, endpointReady: false, readyEndpoints: 0 })) });
    expect(steps.join('\n')).toContain(says);
  });
});
