import { describe, expect, it } from 'vitest';
import { loadReplay } from '../src/sources/load-replay.js';
import { builtInDiagnoser } from './helpers.js';
import { diagnosePaste } from './support/diagnose-paste.js';
import { readPaste } from './support/read-paste.js';

/*
 * Events are evidence on their own, in whatever shape they are pasted: Event objects (a list item
 * of `kubectl get events -o yaml`, a cut `events.k8s.io` JSON list), `kubectl describe event`
 * output, and controllers' events that join a Job to its pods. Every example is made up.
 */

const CAPTURED = '2026-11-20T12:00:00Z';

const topOf = (text: string) => diagnosePaste(text, CAPTURED);

describe('Event objects pasted as YAML or JSON pieces', () => {
  it('one item of a get events -o yaml list (no List around it) makes a stand-in for the pod it is about', async () => {
    const text = [
      '- apiVersion: v1',
      '  count: 17',
      '  involvedObject:',
      '    fieldPath: spec.containers{web}',
      '    kind: Pod',
      '    name: storefront-0',
      '    namespace: retail',
      '  kind: Event',
      '  lastTimestamp: "2026-11-20T11:58:00Z"',
      '  message: "Error: secret \\"storefront-tls\\" not found"',
      '  reason: Failed',
      '  type: Warning',
    ].join('\n');
    const { incident, top } = await topOf(text);
    expect(incident.pod.metadata).toMatchObject({ name: 'storefront-0', namespace: 'retail' });
    expect(incident.source.kind).toBe('describe');
    expect({ rule: top?.rule, container: top?.container }).toEqual({ rule: 'missing-secret', container: 'web' });
  });

  it('a JSON events.k8s.io list cut inside its first item is read as far as it parses (note, regarding, the Event\'s namespace)', async () => {
    const text = [
      '{',
      '  "apiVersion": "v1",',
      '  "items": [',
      '    {',
      '      "apiVersion": "events.k8s.io/v1",',
      '      "deprecatedCount": 9,',
      '      "kind": "Event",',
      '      "metadata": { "name": "ingest-7.1800aa", "namespace": "pipeline" },',
      '      "note": "0/4 nodes are available: 4 Insufficient nvidia.com/gpu.",',
      '      "reason": "FailedScheduling",',
      '      "regarding": {',
      '        "kind": "Pod",',
      '        "name": "ingest-7",',
    ].join('\n');
    const { incident, top } = await topOf(text);
    expect(incident.pod.metadata).toMatchObject({ name: 'ingest-7', namespace: 'pipeline' });
    expect({ rule: top?.rule, cause: top?.cause }).toEqual({ rule: 'unschedulable-insufficient-resources', cause: 'unschedulable' });
  });

  it('refuses a JSON file that names its kind and is broken inside, not cut short, though pieces of it would read', async () => {
    const item = (name: string, kind: string) =>
      `{"apiVersion": "v1", "kind": ${kind}, "metadata": {"name": "${name}.1", "namespace": "etl"}, "involvedObject": {"kind": "Pod", "name": "${name}", "namespace": "etl"}, "reason": "BackOff", "type": "Warning", "message": "Back-off restarting failed container"}`;
    const broken = `{\n  "apiVersion": "v1",\n  "kind": "List",\n  "items": [\n    ${item('loader-1', '"Event"')},\n    ${item('loader-2', 'Event')},\n    ${item('loader-3', '"Event"')}\n  ]\n}\n`;
    await expect(readPaste(broken)).rejects.toThrow(/is not valid JSON \(Unexpected token/);
  });

  it('still refuses cut JSON that holds neither a pod nor an event, with the syntax error', async () => {
    await expect(readPaste('{"apiVersion": "v1", "kind": "ConfigMap", "data": {')).rejects.toThrow(/is not valid JSON/);
  });

  it('a whole kubectl get events -o yaml file alone gives stand-ins for its pods, read as partial evidence', async () => {
    const list = {
      apiVersion: 'v1',
      kind: 'List',
      items: [
        { apiVersion: 'v1', kind: 'Event', reason: 'BackOff', type: 'Warning', count: 30, message: 'Back-off pulling image "acme/thumbs:9.9.9"', involvedObject: { kind: 'Pod', name: 'thumbs-1', namespace: 'media', fieldPath: 'spec.containers{thumbs}' }, lastTimestamp: '2026-11-20T11:59:00Z' },
      ],
    };
    const input = await loadReplay(['-'], { readStdin: async () => JSON.stringify(list) });
    expect(input.incidents.map((i) => [i.pod.metadata?.name, i.source.kind])).toEqual([['thumbs-1', 'describe']]);
    const top = (await (await builtInDiagnoser()).diagnose(input.incidents[0]!)).findings[0];
    expect(top?.cause).toBe('image-pull');
  });
});

describe('kubectl describe event', () => {
  const described = (reason: string) =>
    [
      'Name:             cron-sync-29001.1808f0c2a1b3c4d5',
      'Namespace:        ops',
      'Labels:           <none>',
      'API Version:      v1',
      'Count:            4',
      'First Timestamp:  2026-11-20T10:00:00Z',
      'Involved Object:',
      '  API Version:       v1',
      '  Kind:              Pod',
      '  Name:              cron-sync-29001',
      '  Namespace:         ops',
      'Kind:                Event',
      'Last Timestamp:      2026-11-20T10:05:00Z',
      'Message:             MountVolume.SetUp failed for volume "creds" : secret "sync-creds" not found',
      ...(reason ? [`Reason:              ${reason}`, 'Source:', '  Component:  kubelet', '  Host:       node-12', 'Type:                Warning'] : []),
    ].join('\n');

  it('is an Event about the pod it names, not a pod named after the Event', async () => {
    const { incident, top } = await topOf(described('FailedMount'));
    expect(incident.pod.metadata).toMatchObject({ name: 'cron-sync-29001', namespace: 'ops' });
    expect(incident.events[0]).toMatchObject({ reason: 'FailedMount', count: 4, host: 'node-12', lastTimestamp: '2026-11-20T10:05:00.000Z' });
    expect(top?.cause).toBe('mount-failure');
  });

  it('cut above its Reason, keeps the reason its message is the fixed text of', async () => {
    const { incident, top } = await topOf(described(''));
    expect(incident.events[0]).toMatchObject({ reason: 'FailedMount', type: 'Warning' });
    expect(top?.cause).toBe('mount-failure');
  });
});

describe('a Job\'s events joined to its pods', () => {
  it('a get events table listing a Job\'s DeadlineExceeded and the pod it created explains the pod\'s stop', async () => {
    const text = [
      'LAST SEEN   TYPE      REASON             OBJECT                       MESSAGE',
      '3m          Normal    SuccessfulCreate   job/nightly-export           Created pod: nightly-export-qz8lm',
      '3m          Normal    Scheduled          pod/nightly-export-qz8lm     Successfully assigned reports/nightly-export-qz8lm to node-3',
      '10s         Normal    Killing            pod/nightly-export-qz8lm     Stopping container exporter',
      '10s         Warning   DeadlineExceeded   job/nightly-export           Job was active longer than specified deadline',
    ].join('\n');
    const { incident, diagnosis, top } = await topOf(text);
    expect(incident.pod.metadata?.ownerReferences?.[0]).toMatchObject({ kind: 'Job', name: 'nightly-export' });
    expect(incident.ownerEvents?.map((e) => e.reason)).toEqual(['SuccessfulCreate', 'DeadlineExceeded']);
    expect({ rule: top?.rule, cause: top?.cause }).toEqual({ rule: 'job-deadline-exceeded', cause: 'deadline-exceeded' });
    expect(diagnosis.status).toBe('DeadlineExceeded');
  });

  it('a Job\'s events do not join a pod it did not create', async () => {
    const text = [
      '3m    Normal    SuccessfulCreate   job/nightly-export    Created pod: nightly-export-qz8lm',
      '10s   Warning   DeadlineExceeded   job/nightly-export    Job was active longer than specified deadline',
      '10s   Normal    Killing            pod/other-7           Stopping container app',
    ].join('\n');
    const incidents = await readPaste(text, CAPTURED);
    expect(incidents.map((i) => [i.pod.metadata?.name, i.ownerEvents?.length ?? 0])).toEqual([['other-7', 0]]);
  });
});
