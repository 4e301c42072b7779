import { describe, expect, it } from 'vitest';
import { computeFacts, type FactValues } from '../src/facts/compute.js';
import type { Incident } from '../src/model/incident.js';
import { CAPTURED_AT, ago, makeIncident, makePod, podEvent } from './build-incident.js';
import { readOnePod } from './support/read-paste.js';
import { renderDescribe } from '../src/report/describe-text.js';

/** A pending pod with no tolerations, no pull secrets and no startup probe, and the scheduler's complaint. */
const pod = makePod({
  metadata: { name: 'web-0' },
  spec: {
    containers: [{ name: 'app', image: 'registry.example.com/web:1.0', resources: { requests: { cpu: '2' } } }],
    serviceAccountName: 'web',
  },
  status: {
    phase: 'Pending',
    qosClass: 'Burstable',
    conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }],
  },
});
const events = [
  podEvent('FailedScheduling', '0/3 nodes are available: 3 node(s) had untolerated taint {dedicated: gpu}.', { source: 'default-scheduler' }),
  podEvent('Pulling', 'Pulling image "registry.example.com/web:1.0"', { type: 'Normal', secondsAgo: 30 }),
];
const describeText = renderDescribe(pod, events, CAPTURED_AT);
const eventsOnlyText = describeText.slice(describeText.indexOf('Events:'));

/** The pod's facts and those of its only container (named `<container>` when the paste does not name it). */
function facts(incident: Incident): { pod: FactValues; app: FactValues } {
  const computed = computeFacts(incident);
  const [app] = computed.containers;
  if (!app || computed.containers.length > 1) throw new Error(`expected one container, got ${computed.containers.length}`);
  return { pod: computed.values, app: app.values };
}

/** Facts that read an absent field as "none": only a whole object may say so. */
const SPEC_FACTS = ['tolerations', 'podRequests', 'claimNames', 'placementConstraints', 'podStatus'];
const CONTAINER_FACTS = ['serviceAccountName', 'imagePullSecrets', 'imagePullSecretCount', 'imagePullPolicy', 'gracePeriodSeconds', 'startupProbeConfigured', 'effectiveCommand'];

describe('facts on partial evidence', () => {
  it('a whole pod object says what it lacks: no tolerations, no pull secrets, no startup probe, the image default runs', () => {
    const { pod: p, app } = facts(makeIncident({ pod, events }));
    expect(p).toMatchObject({ tolerations: [], podRequests: ['cpu 2'], claimNames: [], placementConstraints: [], podStatus: 'Pending' });
    expect(app).toMatchObject({
      serviceAccountName: 'web',
      imagePullSecrets: [],
      imagePullSecretCount: 0,
      imagePullPolicy: 'IfNotPresent',
      gracePeriodSeconds: 30,
      startupProbeConfigured: false,
      effectiveCommand: "the image's own ENTRYPOINT/CMD",
    });
  });

  it('pasted events alone show none of the pod: every such fact says null instead of none', async () => {
    const { pod: p, app } = facts(await readOnePod(eventsOnlyText, CAPTURED_AT));
    for (const name of SPEC_FACTS) expect(p[name], name).toBeNull();
    for (const name of CONTAINER_FACTS) expect(app[name], name).toBeNull();
  });

  it('describe output shows tolerations, requests and probes, but never pull secrets, the pull policy or the grace period', async () => {
    const { pod: p, app } = facts(await readOnePod(describeText, CAPTURED_AT));
    expect(p).toMatchObject({ tolerations: [], podRequests: ['cpu 2'], claimNames: [], podStatus: 'Pending' });
    expect(app).toMatchObject({ serviceAccountName: 'web', startupProbeConfigured: false, effectiveCommand: "the image's own ENTRYPOINT/CMD" });
    // Describe prints node selectors but never affinity, so an empty list would claim too much.
    expect(p.placementConstraints).toBeNull();
    expect(app).toMatchObject({ imagePullSecrets: null, imagePullSecretCount: null, imagePullPolicy: null, gracePeriodSeconds: null });
  });

  it('a pasted status block without the container spec does not claim the image default runs', async () => {
    const fragment = [
      'status:',
      '  phase: Failed',
      '  containerStatuses:',
      '  - name: main',
      '    ready: false',
      '    restartCount: 0',
      '    state:',
      '      terminated:',
      '        exitCode: 128',
      '        reason: StartError',
      `        finishedAt: "${ago(60)}"`,
    ].join('\n');
    expect(facts(await readOnePod(fragment, CAPTURED_AT)).app).toMatchObject({ command: null, effectiveCommand: null, terminationExitCode: 128 });
  });

  it('names the registry of the image a pull failed for, not of the container the events were tied to', () => {
    const failed = podEvent('Failed', 'Failed to pull image "ghcr.io/acme/worker:1.8.0": 401 Unauthorized');
    const { app } = facts(makeIncident({ pod: makePod({ status: { phase: 'Pending' } }), events: [failed] }));
    expect(app).toMatchObject({ pulledImage: 'ghcr.io/acme/worker:1.8.0', imageRegistry: 'ghcr.io' });
  });

  it('ends the node problem as a sentence when the pod message lacks a full stop', () => {
    const lost = makePod({
      metadata: { deletionTimestamp: new Date(ago(600)) },
      spec: { nodeName: 'node-1' },
      status: { phase: 'Running', reason: 'NodeLost', message: 'Node node-1 which was running pod web-0 is unresponsive' },
    });
    expect(facts(makeIncident({ pod: lost })).pod.nodeProblem).toBe('The node controller marked the pod NodeLost: Node node-1 which was running pod web-0 is unresponsive.');
  });
});
