// Hand-written fixtures must say what a real kubelet says. These are the rules of kubelet's own
// status and event code that the recordings from the real v1.34.4 node (fixtures/recorded/) show,
// checked on every fixture, hand-written or recorded, so a fixture cannot drift from them.
import { describe, expect, it } from 'vitest';
import type { Incident } from '../src/model/incident.js';
import { fixtureNames } from './helpers.js';
import { fixtureIncidents } from './support/read-paste.js';

interface StatusView {
  name: string;
  state?: { waiting?: { reason?: string; message?: string }; running?: object; terminated?: object };
  lastState?: { terminated?: object };
}

const incidents: Array<[string, Incident]> = [];
for (const name of await fixtureNames()) for (const incident of await fixtureIncidents(name)) incidents.push([`${name}/${incident.pod.metadata?.name ?? ''}`, incident]);

const statusesOf = (i: Incident) => (i.pod.status?.containerStatuses ?? []) as unknown as StatusView[];
const initStatusesOf = (i: Incident) => (i.pod.status?.initContainerStatuses ?? []) as unknown as StatusView[];

describe('fixtures follow kubelet', () => {
  // kubelet's getPhase: a regular container that waits and never ran (no lastState.terminated)
  // counts as not started, and any such container makes the pod Pending, also beside running
  // sidecars. The real node's image, config and mount failures are all Pending.
  it('a pod with a container that never started is Pending, not Running', () => {
    const wrong = incidents
      .filter(([, i]) => i.pod.status?.phase === 'Running' && !i.pod.metadata?.deletionTimestamp)
      .flatMap(([name, i]) => statusesOf(i).filter((c) => c.state?.waiting && !c.lastState?.terminated).map((c) => `${name}: ${c.name} waits (${c.state?.waiting?.reason}) and never ran, yet the pod is Running`));
    expect(wrong).toEqual([]);
  });

  // kubelet's back-off message: "back-off 40s restarting failed container=app pod=web-0_ns(uid)",
  // the delay doubling from 10s to the 5m0s cap.
  it('CrashLoopBackOff messages name the container and the pod as kubelet writes them', () => {
    const wrong = incidents.flatMap(([name, i]) =>
      [...statusesOf(i), ...initStatusesOf(i)]
        .filter((c) => c.state?.waiting?.reason === 'CrashLoopBackOff' && c.state.waiting.message !== undefined)
        .filter((c) => {
          const m = /^back-off (\d+m\d+s|\d+s) restarting failed container=(\S+) pod=(\S+)_(\S+)\([0-9a-f-]+\)$/.exec(c.state?.waiting?.message ?? '');
          const delay = m?.[1] ?? '';
          return !m || m[2] !== c.name || m[3] !== i.pod.metadata?.name || m[4] !== i.pod.metadata?.namespace || !['10s', '20s', '40s', '1m20s', '2m40s', '5m0s'].includes(delay);
        })
        .map((c) => `${name}: ${c.name}: ${c.state?.waiting?.message}`),
    );
    expect(wrong).toEqual([]);
  });

  // Container events carry fieldPath spec.containers{NAME} or spec.initContainers{NAME} (ephemeral:
  // spec.ephemeralContainers{NAME}) naming a container of the pod.
  it('container events name a container of the pod in their fieldPath', () => {
    const wrong = incidents.flatMap(([name, i]) => {
      const spec = i.pod.spec;
      const names = {
        containers: new Set((spec?.containers ?? []).map((c) => c.name)),
        initContainers: new Set((spec?.initContainers ?? []).map((c) => c.name)),
        ephemeralContainers: new Set((spec?.ephemeralContainers ?? []).map((c) => c.name)),
      };
      if (!spec?.containers?.length) return [];
      return i.events
        .filter((e) => e.involvedObject.fieldPath)
        .filter((e) => {
          const m = /^spec\.(containers|initContainers|ephemeralContainers)\{([^}]+)\}$/.exec(e.involvedObject.fieldPath ?? '');
          return !m || !names[m[1] as keyof typeof names].has(m[2] ?? '');
        })
        .map((e) => `${name}: ${e.reason} with fieldPath ${e.involvedObject.fieldPath}`);
    });
    expect(wrong).toEqual([]);
  });
});
