import { describe, expect, it } from 'vitest';
import { builtInDiagnoser, fixtureNames } from './helpers.js';
import { diagnoseBothWays, restsOnUnprintedFacts, rootCause } from './support/describe-roundtrip.js';
import { describable, fixtureIncidents, readOnePod, readPaste } from './support/read-paste.js';
import { renderDescribe } from '../src/report/describe-text.js';
import { LINEAR_BOUND, growthRatioAsync } from './support/linear-growth.js';

/** What happens to describe output between a terminal and a ticket. */
const MESSES: Record<string, (text: string) => string> = {
  'CRLF line ends': (t) => t.replace(/\n/g, '\r\n'),
  'runs of spaces turned into tabs': (t) => t.replace(/ {2,}/g, '\t'),
  'indentation lost': (t) => t.replace(/^[ \t]+/gm, ''),
  'a leading $ kubectl line and Markdown fences': (t) => `$ kubectl describe pod web -n shop\n\`\`\`\n${t}\`\`\`\n`,
  'quoted in a chat (> on every line)': (t) => t.replace(/^/gm, '> '),
  'folded in a GitHub <details> block': (t) => `<details><summary>kubectl describe pod</summary>\n<pre>\n${t}</pre>\n</details>\n`,
  'in a Jira {noformat} block': (t) => `{noformat}\n${t}{noformat}\n`,
  'line breaks lost, all on one line': (t) => t.replace(/\s*\n\s*/g, ' '),
  'non-breaking spaces from a web page': (t) => t.replace(/ {2}/g, '\u00A0 '),
  'the whole paste indented as a Markdown code block': (t) => t.replace(/^/gm, '    '),
};

const names = await fixtureNames();
const incidents = (await Promise.all(names.map(fixtureIncidents))).flat().filter(describable);

describe.each(Object.entries(MESSES))('describe text with %s gives the same root cause', (_, mess) => {
  it.each(incidents.map((i) => [i.pod.metadata?.name ?? '', i] as const))('%s', async (_name, original) => {
    const { fromFixture, fromPaste } = await diagnoseBothWays(original, mess);
    const got = fromPaste && rootCause(fromPaste);
    if (restsOnUnprintedFacts(fromFixture)) expect([null, rootCause(fromFixture)]).toContainEqual(got);
    else expect(got).toEqual(rootCause(fromFixture));
  });
});

describe('a paste that lost its line breaks', () => {
  it.each(incidents.map((i) => [i.pod.metadata?.name ?? '', i] as const))('%s reads the same states and events as the paste itself', async (_name, original) => {
    const text = renderDescribe(original.pod, original.events, original.source.capturedAt);
    const [whole] = await readPaste(text, original.source.capturedAt);
    const [flattened] = await readPaste(text.replace(/\s*\n\s*/g, ' '), original.source.capturedAt);
    expect(flattened?.pod.status).toEqual(whole?.pod.status);
    expect(flattened?.events).toEqual(whole?.events);
  });
});

const CAPTURED = '2026-11-20T12:00:00Z';

const WEB = `Name:         web-0
Namespace:    shop
Status:       Running
Containers:
  web:
    Image:          nginx:1.27
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       OOMKilled
      Exit Code:    137
    Restart Count:  4
    Limits:
      memory:  64Mi
Events:
  Type     Reason   Age              From     Message
  ----     ------   ----             ----     -------
  Warning  BackOff  5s (x9 over 3m)  kubelet  Back-off restarting failed container web in pod web-0_shop(uid)
`;

describe('messy pastes, one variant each', () => {
  it('reads on after a ... cut and says the paste was cut', async () => {
    const incident = await readOnePod(WEB.replace('    Restart Count:  4\n', '...\n'), CAPTURED);
    expect(incident.pod.spec?.containers[0]?.resources?.limits?.memory).toBe('64Mi');
    expect(incident.missing).toContainEqual(expect.stringMatching(/the paste was cut/));
  });

  it.each(['< truncated 120 lines >', '[... 40 lines omitted ...]', '--- snip ---', '…'])('treats %s as a cut', async (marker) => {
    const incident = await readOnePod(WEB.replace('    Limits:\n', `${marker}\n    Limits:\n`), CAPTURED);
    expect(incident.missing).toContainEqual(expect.stringMatching(/the paste was cut/));
  });

  it('reads a paste whose first characters were lost (ame: web-0)', async () => {
    const { pod } = await readOnePod(WEB.slice(1), CAPTURED);
    expect(pod.metadata?.name).toBe('web-0');
  });

  it('reads output cut before its events and says events are missing', async () => {
    const incident = await readOnePod(WEB.slice(0, WEB.indexOf('Events:')), CAPTURED);
    expect(incident.pod.status?.containerStatuses?.[0]?.lastState?.terminated?.reason).toBe('OOMKilled');
    expect(incident.missing).toContainEqual(expect.stringMatching(/events are not in the paste/));
  });

  it('names an events-only paste after the kubectl command above it', async () => {
    const text = `$ kubectl describe pod web-0 -n shop\n${WEB.slice(WEB.indexOf('Events:')).replace(' in pod web-0_shop(uid)', '')}`;
    const { pod } = await readOnePod(text, CAPTURED);
    expect(pod.metadata).toMatchObject({ name: 'web-0', namespace: 'shop' });
    expect(pod.spec?.containers.map((c) => c.name)).toEqual(['web']);
  });

  it('skips a kubectl get pods table pasted above the description', async () => {
    const text = `$ kubectl get po\nNAME    READY   STATUS             RESTARTS   AGE\nweb-0   0/1     CrashLoopBackOff   4          3m\n\n${WEB}`;
    const incident = await readOnePod(text, CAPTURED);
    expect(incident.pod.metadata?.name).toBe('web-0');
    expect(incident.missing ?? []).toEqual([]);
  });

  it('reads edited output: redacted values and a comment line are skipped, the rest read', async () => {
    const text = WEB.replace('nginx:1.27', '<redacted>').replace('    Limits:\n', '    Limits:        <-- we raised this already\n');
    const incident = await readOnePod(text, CAPTURED);
    expect(incident.pod.status?.containerStatuses?.[0]?.restartCount).toBe(4);
    expect(incident.pod.spec?.containers[0]?.resources?.limits?.memory).toBe('64Mi');
  });

  it('reads several pods from one paste, each with its own events', async () => {
    const other = WEB.replace(/web-0/g, 'web-1').replace('(x9 over 3m)', '(x2 over 1m)');
    const incidents = await readPaste(`${WEB}\n\n${other}`, CAPTURED);
    expect(incidents.map((i) => i.pod.metadata?.name)).toEqual(['web-0', 'web-1']);
    expect(incidents.map((i) => i.events[0]?.count)).toEqual([9, 2]);
  });

  it('keeps unnamed pods of one paste apart, with their own events', async () => {
    const events = WEB.slice(WEB.indexOf('Events:')).replace(' in pod web-0_shop(uid)', '');
    const incidents = await readPaste(`${events}\n${events.replace('(x9 over 3m)', '(x3 over 3m)')}`, CAPTURED);
    expect(incidents.map((i) => i.events.map((e) => e.count))).toEqual([[9], [3]]);
  });

  it('reads kubectl logs output pasted after the description as that container\'s log, not as event text', async () => {
    const text = `$ kubectl describe pod web-0 -n shop\n${WEB}\n$ kubectl logs web-0 -n shop -c web --previous\njava.lang.OutOfMemoryError: Java heap space\n\tat com.example.Cache.put(Cache.java:42)\n`;
    const incident = await readOnePod(text, CAPTURED);
    expect(incident.events.at(-1)?.message).toBe('Back-off restarting failed container web in pod web-0_shop(uid)');
    expect(incident.logs).toEqual([{ container: 'web', previous: 'java.lang.OutOfMemoryError: Java heap space\n        at com.example.Cache.put(Cache.java:42)' }]);
  });

  it('reads the output of each command in a ticket: get pod -o yaml, then describe', async () => {
    const text = `$ kubectl get pod api-0 -o yaml | grep -A8 containerStatuses\n  containerStatuses:\n  - name: api\n    restartCount: 3\n    lastState:\n      terminated:\n        exitCode: 1\n        reason: Error\n\n$ k describe po web-0\n${WEB}`;
    const incidents = await readPaste(text, CAPTURED);
    expect(incidents.map((i) => i.pod.metadata?.name)).toEqual(['api-0', 'web-0']);
    expect(incidents[0]?.pod.status?.containerStatuses?.[0]).toMatchObject({ name: 'api', restartCount: 3 });
  });

  it('says when the paste describes a Deployment or a Node rather than a pod', async () => {
    const deployment = 'Name:                   web\nNamespace:              shop\nCreationTimestamp:      Fri, 20 Nov 2026 09:00:00 +0000\nSelector:               app=web\nReplicas:               3 desired | 3 updated | 3 total | 0 available\nStrategyType:           RollingUpdate\nPod Template:\n  Containers:\n   web:\n    Image:  nginx\nEvents: <none>\n';
    await expect(readPaste(deployment)).rejects.toThrow(/looks like kubectl describe output for a Deployment, not a pod: give kubectl describe pod NAME/);
    const node = 'Name:               node-1\nRoles:              worker\nTaints:             <none>\nUnschedulable:      false\n';
    await expect(readPaste(node)).rejects.toThrow(/for a Node, not a pod/);
  });

  it("says so too for a node's Conditions table cut from its description, but reads a pod pasted with one", async () => {
    const conditions = [
      'Conditions:',
      '  Type             Status  LastHeartbeatTime                 LastTransitionTime                Reason                       Message',
      '  ----             ------  -----------------                 ------------------                ------                       -------',
      '  MemoryPressure   False   Fri, 20 Nov 2026 11:59:00 +0000   Fri, 20 Nov 2026 08:00:00 +0000   KubeletHasSufficientMemory   kubelet has sufficient memory available',
      '  DiskPressure     True    Fri, 20 Nov 2026 11:59:00 +0000   Fri, 20 Nov 2026 11:40:00 +0000   KubeletHasDiskPressure       kubelet has disk pressure',
      '  Ready            True    Fri, 20 Nov 2026 11:59:00 +0000   Fri, 20 Nov 2026 08:00:00 +0000   KubeletReady                 kubelet is posting ready status',
    ].join('\n');
    await expect(readPaste(`${conditions}\n`)).rejects.toThrow(/for a Node, not a pod/);
    const pod = 'Name:         web-0\nNamespace:    shop\nStatus:       Failed\nReason:       Evicted\nMessage:      The node was low on resource: ephemeral-storage. \nIP:           10.1.2.3\n';
    const incident = await readOnePod(`${pod}${conditions}\n`, CAPTURED);
    expect(incident.pod.metadata?.name).toBe('web-0');
  });

  it('reads a paste of kubectl get pods rows alone as the pods they show, and asks for what would say why', async () => {
    const incident = await readOnePod('NAME    READY   STATUS             RESTARTS   AGE\nweb-0   0/1     CrashLoopBackOff   4          3m\n');
    expect(incident.pod.status?.containerStatuses?.[0]).toMatchObject({ name: '<container>', restartCount: 4, ready: false, state: { waiting: { reason: 'CrashLoopBackOff' } } });
    expect(incident.missing?.[0]).toMatch(/only kubectl get pods rows show this pod: its status and restarts, not why it fails \(add kubectl describe pod NAME/);
  });

  it('asks for the pod\'s description when the paste is only kubectl logs output that reports no error', async () => {
    await expect(readPaste('$ kubectl logs web-1 --previous\n2026/11/20 11:58:01 [notice] 1#1: using the "epoll" event method\n2026/11/20 11:58:01 [notice] 1#1: start worker processes\n')).rejects.toThrow(
      /holds only kubectl logs output, which shows what the program printed but not its pod's state: add kubectl describe pod web-1/,
    );
  });

  it("reads kubectl logs output that reports an error in the program's own words (nginx's [emerg]) as that pod's log, its state not shown", async () => {
    const incident = await readOnePod('$ kubectl logs web-1 --previous\nnginx: [emerg] host not found in upstream "api:8080" in /etc/nginx/conf.d/default.conf:12\n');
    expect(incident.pod.metadata?.name).toBe('web-1');
    expect(incident.logs?.[0]?.previous).toContain('[emerg] host not found in upstream');
  });

  it('gives one clear error for text that is not kubectl output', async () => {
    await expect(readPaste('hello,\nmy pod is broken, any idea?\n')).rejects.toThrow(/is not kubectl output podmortem can read: give kubectl describe pod/);
  });
});

describe('pathological pastes are read in linear time', () => {
  // Each case is built from a size; an eightfold larger paste must cost about eight times the
  // CPU, not sixty-four (see test/support/linear-growth.ts). A fixed time budget would only say
  // how busy the machine was.
  const cases: Record<string, (n: number) => string> = {
    'one huge line of colons and spaces': (n) => `${'a: '.repeat(n * 30)}\n`,
    'a huge line of spaces then a key': (n) => `${' '.repeat(n * 50)}Name: x\n`,
    'many short key lines': (n) => 'Name: x\nNamespace: y\n'.repeat(n * 3),
    'an events row with endless ages': (n) => `Events:\n  Warning Failed ${'1m'.repeat(n * 5)} kubelet x\n`,
    'deeply nested JSON': (n) => `"a": ${'{"b": '.repeat(n * 2)}1`,
    'YAML broken on every line': (n) => Array.from({ length: n }, (_, i) => `${' '.repeat(i % 7)}k${i}: v`).join('\n'),
    'a probe line of many words': (n) => `Containers:\n  a:\n    Liveness: exec [${'x '.repeat(n * 10)}] delay=1s\n`,
    'warning rows of one pod, then Started': (n) =>
      `Events:\n${Array.from({ length: n }, (_, i) => `  Warning  Failed  ${(i % 59) + 1}m  kubelet  Error: configmap "c${i}" not found`).join('\n')}\n  Normal  Started  1s  kubelet  Started container app\n`,
  };
  it.each(Object.entries(cases))('%s', async (_, make) => {
    const diagnoser = await builtInDiagnoser();
    const readAndDiagnose = async (text: string) => {
      const incidents = await readPaste(text).catch((error: Error) => {
        expect(error.name).toBe('InputError');
        return [];
      });
      // Diagnosing them too: facts over many events must stay linear.
      for (const incident of incidents) await diagnoser.diagnose(incident);
    };
    expect(await growthRatioAsync(readAndDiagnose, make, 250)).toBeLessThan(LINEAR_BOUND);
  });
});
