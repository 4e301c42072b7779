import { describe, expect, it } from 'vitest';
import { computeFacts } from '../src/facts/compute.js';
import type { Finding, PodDiagnosis } from '../src/model/finding.js';
import type { Incident } from '../src/model/incident.js';
import { chooseContainer, draftRule } from '../src/cli/scaffold-rule.js';

function incident(options: { deleting?: boolean; statuses: Array<{ name: string; reason: string; exitCode: number; waiting?: string }>; log?: string }): Incident {
  return {
    pod: {
      metadata: { name: 'p', namespace: 'ns', uid: 'u', ...(options.deleting ? { deletionTimestamp: new Date('2026-01-01T00:00:00Z'), finalizers: ['example.com/cleanup'] } : {}) },
      spec: { containers: options.statuses.map((s) => ({ name: s.name, image: 'img' })) },
      status: {
        phase: 'Running',
        containerStatuses: options.statuses.map((s) => ({
          name: s.name,
          image: 'img',
          imageID: '',
          ready: false,
          restartCount: 2,
          state: s.waiting ? { waiting: { reason: s.waiting } } : { terminated: { exitCode: s.exitCode, reason: s.reason } },
          lastState: { terminated: { exitCode: s.exitCode, reason: s.reason } },
        })),
      },
    },
    events: [],
    logs: options.log ? [{ container: options.statuses[0]!.name, previous: options.log }] : [],
    nodeEvents: [],
    source: { kind: 'file', capturedAt: '2026-01-01T00:10:00Z' },
  };
}

const finding = (rule: string, container: string | null, symptom = false): Finding => ({
  id: container ? `${rule}/${container}` : rule,
  rule,
  cause: 'other',
  severity: 'critical',
  container,
  title: '',
  explanation: '',
  evidence: [],
  remediation: [],
  symptom,
  why: [],
});

const diagnosis = (findings: Finding[]): PodDiagnosis => ({ namespace: 'ns', name: 'p', uid: 'u', phase: 'Running', status: 'x', severity: 'critical', findings, missing: [] });

describe('rules new drafts a rule from the facts that set the incident apart', () => {
  it('takes the container of the current root cause, supersedes the causes found on it and outranks the rest', () => {
    const facts = computeFacts(incident({ statuses: [{ name: 'sidecar', reason: 'Error', exitCode: 2 }, { name: 'app', reason: 'Error', exitCode: 1, waiting: 'CrashLoopBackOff' }], log: 'x' }));
    const current = diagnosis([finding('app-error-exit', 'app'), finding('crashloop-backoff', 'app', true), finding('sidecar-exit', 'sidecar')]);
    const container = chooseContainer(facts, current, undefined);
    expect(container?.context.name).toBe('app');
    const draft = draftRule({ id: 'team', cause: 'other', facts, container, current, priorities: new Map([['app-error-exit', 60], ['sidecar-exit', 75]]), from: 'incident/' });
    expect(draft?.rule).toMatchObject({
      scope: 'container',
      conditions: { all: [{ fact: 'terminationReason', operator: 'equal', value: 'Error' }, { fact: 'terminationExitCode', operator: 'in', value: [1] }] },
      supersedes: ['app-error-exit'],
      priority: 76,
    });
  });

  it('drafts a pod-scope rule when the root cause is about the pod, not a container', () => {
    const facts = computeFacts(incident({ deleting: true, statuses: [{ name: 'app', reason: 'Completed', exitCode: 0 }] }));
    const current = diagnosis([finding('stuck-terminating', null)]);
    expect(chooseContainer(facts, current, undefined)).toBeNull();
    const draft = draftRule({ id: 'team', cause: 'other', facts, container: null, current, priorities: new Map(), from: 'incident/' });
    expect(draft?.rule).toMatchObject({ scope: 'pod', conditions: { all: [{ fact: 'terminating', operator: 'equal', value: true }] }, supersedes: ['stuck-terminating'] });
    expect(draft?.rule.title).toContain('{podName}');
  });

  it('a crash signature in the log becomes a condition; the asked container wins', () => {
    const facts = computeFacts(incident({ statuses: [{ name: 'app', reason: 'Error', exitCode: 1 }, { name: 'worker', reason: 'Error', exitCode: 1 }], log: 'panic: runtime error: index out of range' }));
    const asked = chooseContainer(facts, diagnosis([]), 'worker');
    expect(asked?.context.name).toBe('worker');
    const app = chooseContainer(facts, diagnosis([]), 'app');
    const draft = draftRule({ id: 'team', cause: 'other', facts, container: app, current: diagnosis([]), priorities: new Map(), from: 'x' });
    expect(draft?.rule.conditions).toEqual({ all: [{ fact: 'terminationReason', operator: 'equal', value: 'Error' }, { fact: 'terminationExitCode', operator: 'in', value: [1] }, { fact: 'logSignatures', operator: 'contains', value: 'go-panic' }] });
  });

  it('returns nothing to draft when the pod shows nothing wrong', () => {
    const healthy: Incident = { ...incident({ statuses: [] }), pod: { metadata: { name: 'p', namespace: 'ns' }, spec: { containers: [] }, status: { phase: 'Running' } } };
    const facts = computeFacts(healthy);
    expect(draftRule({ id: 'team', cause: 'other', facts, container: null, current: diagnosis([]), priorities: new Map(), from: 'x' })).toBeNull();
  });
});
