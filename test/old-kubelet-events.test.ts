import { describe, expect, it } from 'vitest';
import { classifySchedulingMessage, insufficientResources, parseSchedulingMessage } from '../src/facts/classify-scheduling.js';
import { diagnosePaste } from './support/diagnose-paste.js';

/*
 * Pastes from old releases say the same things in other words: lowerCamel reasons (1.0-1.1),
 * `container "x" is unhealthy, it will be killed and re-created` (1.3-1.8), FailedSync events that
 * carry a CrashLoopBackOff or a pull back-off (1.2-1.4), scheduler predicate names (before 1.11).
 * Each example is made up (names, values and layouts of our own) in the exact form those releases
 * printed, so the mechanism is tested, not one ticket's paste.
 */

const CAPTURED = '2026-11-20T12:00:00Z';

const topOf = (text: string) => diagnosePaste(text, CAPTURED);

describe('probe kills in the words of older kubelets', () => {
  it('1.3-1.8: "container "x" is unhealthy, it will be killed and re-created" is a liveness kill, even typed Normal in an old get-events table', async () => {
    const text = [
      'LASTSEEN   FIRSTSEEN   COUNT     NAME          KIND      SUBOBJECT               TYPE      REASON    SOURCE              MESSAGE',
      '9m         9m          1         ledger-7-x2   Pod       spec.containers{ledger}   Normal    Killing   {kubelet node-4}    Killing container with docker id 5d1e0a77c2b9: pod "ledger-7-x2_payments(aa11bb22-0000-11e7-9a9a-0242ac110002)" container "ledger" is unhealthy, it will be killed and re-created.',
      '9m         9m          1         ledger-7-x2   Pod       spec.containers{ledger}   Normal    Created   {kubelet node-4}    Created container with docker id 8c2f1d004e1a',
      '9m         9m          1         ledger-7-x2   Pod       spec.containers{ledger}   Normal    Started   {kubelet node-4}    Started container with docker id 8c2f1d004e1a',
    ].join('\n');
    const { diagnosis, top } = await topOf(text);
    expect({ rule: top?.rule, cause: top?.cause, container: top?.container }).toEqual({ rule: 'liveness-probe-kill', cause: 'liveness-probe', container: 'ledger' });
    expect(top?.evidence.map((e) => e.text).join('\n')).toContain('is unhealthy, it will be killed and re-created');
    expect(diagnosis.header.restartsFrom).toBe('derived');
  });

  it('1.9-1.13: "Container failed liveness probe.. Container will be killed and recreated." under a describe header', async () => {
    const text = [
      'Events:',
      '  Type     Reason     Age               From               Message',
      '  ----     ------     ----              ----               -------',
      '  Warning  Unhealthy  3m (x6 over 5m)   kubelet, worker-2  Liveness probe failed: Get http://10.1.4.9:9000/live: net/http: request canceled (Client.Timeout exceeded while awaiting headers)',
      '  Normal   Killing    3m (x2 over 4m)   kubelet, worker-2  Killing container with id docker://quotes:Container failed liveness probe.. Container will be killed and recreated.',
    ].join('\n');
    const { top } = await topOf(text);
    expect({ rule: top?.rule, container: top?.container }).toEqual({ rule: 'liveness-probe-kill', container: 'quotes' });
  });
});

describe('FailedSync events of kubelet 1.2-1.4', () => {
  it('a FailedSync carrying CrashLoopBackOff, alone and bare (type, reason, message), is a crash loop of the container it names', async () => {
    const { top } = await topOf('Warning FailedSync   Error syncing pod, skipping: failed to "StartContainer" for "indexer" with CrashLoopBackOff: "Back-off 1m20s restarting failed container=indexer pod=search-0_default(0f0e0d0c-1111-11e6-8c8c-001a4a160101)"\n');
    expect({ rule: top?.rule, cause: top?.cause, container: top?.container }).toEqual({ rule: 'crashloop-backoff', cause: 'crashloop-unknown', container: 'indexer' });
  });

  it('a FailedSync carrying a pull back-off is an image pull failure', async () => {
    const text = '  1m\t1m\t4\t{kubelet 10.0.0.12}\t\tWarning\tFailedSync\tError syncing pod, skipping: failed to "StartContainer" for "worker" with ImagePullBackOff: "Back-off pulling image \\"registry.local:5000/team/worker:0.9\\""\n';
    const { top } = await topOf(text);
    expect(top?.cause).toBe('image-pull');
  });

  it('a liveness kill followed by a FailedSync back-off names the probe, not the back-off', async () => {
    const text = [
      '  14m\t14m\t1\t{kubelet 192.168.7.3}\tspec.containers{gateway}\tNormal\tKilling\tKilling container with docker id 77aa00bb11cc: pod "gateway-3k2p1_edge(3c3c3c3c-2222-11e6-aaaa-0800270a0a0a)" container "gateway" is unhealthy, it will be killed and re-created.',
      '  14m\t11m\t9\t{kubelet 192.168.7.3}\t\tWarning\tFailedSync\tError syncing pod, skipping: failed to "StartContainer" for "gateway" with CrashLoopBackOff: "Back-off 40s restarting failed container=gateway pod=gateway-3k2p1_edge(3c3c3c3c-2222-11e6-aaaa-0800270a0a0a)"',
    ].join('\n');
    const { top } = await topOf(text);
    expect({ cause: top?.cause, container: top?.container }).toEqual({ cause: 'liveness-probe', container: 'gateway' });
  });
});

describe('kubelet 1.0-1.1: lowerCamel reasons and kills that give no reason', () => {
  const rows = (container: string) =>
    [
      `  Thu, 12 Mar 2015 09:14:02 +0000\tThu, 12 Mar 2015 09:14:02 +0000\t1\t{kubelet 10.2.0.8}\tspec.containers{${container}}\t\tcreated\t\tCreated with docker id 4a4a4a4a4a4a`,
      `  Thu, 12 Mar 2015 09:14:02 +0000\tThu, 12 Mar 2015 09:14:02 +0000\t1\t{kubelet 10.2.0.8}\tspec.containers{${container}}\t\tstarted\t\tStarted with docker id 4a4a4a4a4a4a`,
      `  Thu, 12 Mar 2015 09:15:10 +0000\tThu, 12 Mar 2015 09:15:10 +0000\t1\t{kubelet 10.2.0.8}\tspec.containers{${container}}\t\tkilling\t\tKilling with docker id 4a4a4a4a4a4a`,
      `  Thu, 12 Mar 2015 09:15:11 +0000\tThu, 12 Mar 2015 09:15:11 +0000\t1\t{kubelet 10.2.0.8}\tspec.containers{${container}}\t\tcreated\t\tCreated with docker id 9b9b9b9b9b9b`,
      `  Thu, 12 Mar 2015 09:15:11 +0000\tThu, 12 Mar 2015 09:15:11 +0000\t1\t{kubelet 10.2.0.8}\tspec.containers{${container}}\t\tstarted\t\tStarted with docker id 9b9b9b9b9b9b`,
    ].join('\n');

  it('a kill with no reason followed by a new start is kubelet killing and re-creating the container: said so, never healthy', async () => {
    const { diagnosis, top } = await topOf(`...\n${rows('cache')}\n`);
    expect({ rule: top?.rule, cause: top?.cause, container: top?.container }).toEqual({ rule: 'killed-and-recreated', cause: 'sigkill', container: 'cache' });
    expect(top?.explanation).toMatch(/liveness probe/);
    expect(diagnosis.header).toMatchObject({ restartsFrom: 'derived', restarts: 1 });
  });

  it('a lowerCamel failedScheduling is a scheduling failure, and its predicate name is classified', async () => {
    const text = [
      'Name:\t\t\t\tbatch-1',
      'Namespace:\t\t\tdefault',
      'Status:\t\t\t\tPending',
      'Events:',
      '  FirstSeen\t\t\t\tLastSeen\t\t\tCount\tFrom\t\tSubobjectPath\tReason\t\t\tMessage',
      '  Mon, 03 Aug 2015 08:00:01 +0000\tMon, 03 Aug 2015 08:00:31 +0000\t4\t{scheduler }\t\t\tfailedScheduling\tFailed for reason PodFitsHostPorts and possibly others',
    ].join('\n');
    const { top } = await topOf(text);
    expect({ rule: top?.rule, cause: top?.cause }).toEqual({ rule: 'unschedulable', cause: 'unschedulable' });
    expect(classifySchedulingMessage('Failed for reason PodFitsHostPorts and possibly others')).toEqual(['port-conflict']);
  });
});

describe('scheduler messages before 1.11', () => {
  it.each([
    ['No nodes are available that match all of the predicates: Insufficient memory (4), PodToleratesNodeTaints (1).', ['insufficient-memory', 'untolerated-taint']],
    ['No nodes are available that match all of the following predicates:: MatchNodeSelector (6).', ['node-affinity']],
    ['pod (etl-2) failed to fit in any node fit failure on node (n-a): Insufficient cpu fit failure on node (n-b): Insufficient cpu', ['insufficient-cpu']],
    ["pod (etl-2) failed to fit in any node\nfit failure on node (n-a): Node didn't have enough resource: Memory, requested: 900, used: 3000, capacity: 3500", ['insufficient-memory']],
    ['pod (etl-2) failed to fit in any node\nfit failure summary on nodes : Insufficient example.org/fpga (2)', ['insufficient-other']],
    ['Failed for reason PodFitsResources and possibly others', ['insufficient-other']],
  ])('%s', (message, problems) => {
    expect(classifySchedulingMessage(message)).toEqual(problems);
  });

  it('keeps node counts and names the short resources', () => {
    const failure = parseSchedulingMessage('No nodes are available that match all of the predicates: Insufficient cpu (7), Insufficient memory (2).');
    expect(failure?.reasons.map((r) => [r.text, r.nodes])).toEqual([
      ['Insufficient cpu', 7],
      ['Insufficient memory', 2],
    ]);
    expect(insufficientResources(failure)).toEqual(['cpu', 'memory']);
  });

  it('counts the nodes of a 1.2-1.5 message, one fit failure per node', () => {
    const failure = parseSchedulingMessage('pod (etl-2) failed to fit in any node fit failure on node (n-a): Insufficient cpu fit failure on node (n-b): Insufficient cpu fit failure on node (n-c): Insufficient memory');
    expect(failure?.reasons.map((r) => [r.text, r.nodes])).toEqual([
      ['Insufficient cpu', 2],
      ['Insufficient memory', 1],
    ]);
  });

  it('a predicate-era message under a describe header names the resource in the title', async () => {
    const text = [
      'Events:',
      '  FirstSeen  LastSeen  Count  From                 SubObjectPath  Type     Reason            Message',
      '  ---------  --------  -----  ----                 -------------  -------- ------            -------',
      '  3m         10s       14     default-scheduler                   Warning  FailedScheduling  No nodes are available that match all of the predicates: Insufficient cpu (5).',
    ].join('\n');
    const { top } = await topOf(text);
    expect(top?.rule).toBe('unschedulable-insufficient-resources');
    expect(top?.title).toContain('insufficient cpu');
  });
});

describe("start failures in the docker manager's words (kubelets before 1.3)", () => {
  it('"Failed to start with docker id X with error: ... [8] System error: permission denied" pasted alone is a program that cannot be executed', async () => {
    const { top } = await topOf('Failed to start with docker id 7e3a91c0d2f4 with error: API error (500): Cannot start container 7e3a91c0d2f4b8a6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2: [8] System error: permission denied\n');
    expect({ rule: top?.rule, cause: top?.cause }).toEqual({ rule: 'not-executable', cause: 'not-executable' });
  });

  it('the same words after a missing file are a command that is not found; a row keeps its lowerCamel reason', async () => {
    const text = [
      'FIRSTSEEN   LASTSEEN   COUNT   NAME           KIND   SUBOBJECT                 REASON   SOURCE             MESSAGE',
      '2m          1m         4       batch-3-k2m9   Pod    spec.containers{batch}   failed   {kubelet node-2}   Failed to start with docker id 0c4d5e6f7a8b with error: API error (500): Cannot start container 0c4d5e6f7a8b: [8] System error: exec: "/opt/run.sh": stat /opt/run.sh: no such file or directory',
    ].join('\n');
    const { top } = await topOf(text);
    expect({ rule: top?.rule, cause: top?.cause, container: top?.container }).toEqual({ rule: 'command-not-found', cause: 'command-not-found', container: 'batch' });
  });
});
