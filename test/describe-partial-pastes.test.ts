import { describe, expect, it } from 'vitest';
import { builtInDiagnoser } from './helpers.js';
import { readOnePod, readPaste } from './support/read-paste.js';

/*
 * Pastes from tickets that are messier than a whole describe: each was refused or misread once.
 * Read what can be read, say what was skipped, refuse only when nothing is recognisable.
 */

const CAPTURED = '2026-11-20T12:00:00Z';

async function rootCauseOf(text: string) {
  const [incident] = await readPaste(text, CAPTURED);
  if (!incident) throw new Error('no pod read');
  const top = (await (await builtInDiagnoser()).diagnose(incident)).findings[0];
  return top ? { rule: top.rule, cause: top.cause, container: top.container } : null;
}

describe('events tables people produce', () => {
  it('reads kubectl get events -o custom-columns with TIME and MSG columns, bare object names and the namespace of its command line', async () => {
    const text = [
      '$ kubectl get events -n shop -o custom-columns=TIME:.lastTimestamp,REASON:.reason,OBJECT:.involvedObject.name,MSG:.message',
      'TIME                   REASON      OBJECT   MSG',
      '2026-11-20T11:50:00Z   Scheduled   web-0    Successfully assigned shop/web-0 to node-1',
      '2026-11-20T11:58:20Z   Failed      web-0    Error: secret "db-creds" not found',
    ].join('\n');
    const incident = await readOnePod(text, CAPTURED);
    expect(incident.pod.metadata).toMatchObject({ name: 'web-0', namespace: 'shop' });
    expect(incident.events.map((e) => [e.type, e.reason, e.lastTimestamp])).toEqual([
      ['Normal', 'Scheduled', '2026-11-20T11:50:00.000Z'],
      ['Warning', 'Failed', '2026-11-20T11:58:20.000Z'],
    ]);
    expect(await rootCauseOf(text)).toMatchObject({ rule: 'missing-secret', cause: 'config-error' });
  });

  it('reads 1.1x rows whose FirstSeen and LastSeen are full timestamps, not ages', async () => {
    const text = [
      'Events:',
      '  FirstSeen                        LastSeen                         Count  From              SubObjectPath         Type     Reason   Message',
      '  ---------                        --------                         -----  ----              -------------         ----     ------   -------',
      '  Mon, 01 Jan 2018 10:00:00 +0000  Mon, 01 Jan 2018 10:04:00 +0000  3      {kubelet node-1}  spec.containers{app}  Warning  Failed   Error: failed to start container "app": Error response from daemon: OCI runtime create failed: container_linux.go:348: starting container process caused "exec: \\"/start.sh\\": permission denied": unknown',
      '  Mon, 01 Jan 2018 10:00:00 +0000  Mon, 01 Jan 2018 10:05:00 +0000  6      {kubelet node-1}  spec.containers{app}  Warning  BackOff  Back-off restarting failed container',
    ].join('\n');
    const incident = await readOnePod(text);
    expect(incident.events.map((e) => [e.reason, e.count, e.firstTimestamp, e.lastTimestamp, e.involvedObject.fieldPath])).toEqual([
      ['Failed', 3, '2018-01-01T10:00:00.000Z', '2018-01-01T10:04:00.000Z', 'spec.containers{app}'],
      ['BackOff', 6, '2018-01-01T10:00:00.000Z', '2018-01-01T10:05:00.000Z', 'spec.containers{app}'],
    ]);
    // Judged at the latest time the paste shows, not years later.
    expect(incident.source.capturedAt).toBe('2018-01-01T10:05:00.000Z');
    expect(await rootCauseOf(text)).toEqual({ rule: 'not-executable', cause: 'not-executable', container: 'app' });
  });

  it('reads a single event row pasted without its header', async () => {
    expect(await rootCauseOf('Warning  Failed  12s (x4 over 1m)  kubelet  Error: configmap "web-config" not found\n')).toMatchObject({ rule: 'missing-configmap' });
  });

  it('reads rows quoted with > below a sentence of prose, and reports the sentence as skipped', async () => {
    const text = 'Our pods never start, kubectl says:\n\n> Warning  Failed     3s (x5 over 1m)  kubelet  Error: secret "tls-certs" not found\n> Warning  BackOff    1s (x9 over 1m)  kubelet  Back-off restarting failed container web in pod web-0_shop(uid)\n';
    const incident = await readOnePod(text, CAPTURED);
    expect(incident.events.map((e) => e.reason)).toEqual(['Failed', 'BackOff']);
    expect(incident.missing).toContainEqual(expect.stringMatching(/1 line was not recognised and skipped, e\.g\. line 1: "Our pods never start/));
    expect(await rootCauseOf(text)).toMatchObject({ rule: 'missing-secret', container: 'web' });
  });

  it('reads a row with markdown emphasis around its message', async () => {
    const incident = await readOnePod('  Warning  Failed  1m (x4 over 2m)  kubelet  **Error: configmap "egg-config" not found**\n', CAPTURED);
    expect(incident.events[0]?.message).toBe('Error: configmap "egg-config" not found');
  });

  it('keeps a placeholder with spaces in a pod name (pod/egg-<id here>)', async () => {
    const text = 'LAST SEEN   TYPE      REASON    OBJECT                 MESSAGE\n2m          Warning   BackOff   pod/egg-<id here>      Back-off restarting failed container egg in pod egg-<id here>_default(uid)\n';
    const incident = await readOnePod(text, CAPTURED);
    expect(incident.pod.metadata?.name).toBe('egg-<id here>');
    expect(incident.events.map((e) => e.reason)).toEqual(['BackOff']);
  });

  it('reads the fieldPath kubectl 1.3x prints before the message, init containers included', async () => {
    const text = [
      'Events:',
      '  Type     Reason   Age                    From     Message',
      '  ----     ------   ----                   ----     -------',
      '  Normal   Created  4m10s (x243 over 20h)  kubelet  spec.initContainers{migrate}: Container created',
      '  Warning  BackOff  4m9s (x1047 over 20h)  kubelet  spec.initContainers{migrate}: Back-off restarting failed container migrate in pod web-0_shop(uid)',
    ].join('\n');
    const incident = await readOnePod(text, CAPTURED);
    expect(incident.events.map((e) => [e.message, e.involvedObject.fieldPath])).toEqual([
      ['Container created', 'spec.initContainers{migrate}'],
      ['Back-off restarting failed container migrate in pod web-0_shop(uid)', 'spec.initContainers{migrate}'],
    ]);
    expect(incident.pod.spec?.initContainers?.map((c) => c.name)).toEqual(['migrate']);
    const diagnosis = await (await builtInDiagnoser()).diagnose(incident);
    expect(diagnosis.findings[0]?.title).toBe('init container migrate is in CrashLoopBackOff');
    expect(diagnosis.status).toBe('Init:CrashLoopBackOff');
  });

  it('tells apart the containers of an events table by kubelet\'s pull-then-create order', async () => {
    const text = [
      'Events:',
      '  Type     Reason   Age                  From     Message',
      '  ----     ------   ----                 ----     -------',
      '  Normal   Pulled   4m57s                kubelet  Container image "oliver006/redis_exporter:v1.66.0" already present on machine',
      '  Normal   Created  4m57s                kubelet  Created container redis-exporter',
      '  Normal   Started  4m56s                kubelet  Started container redis-exporter',
      '  Normal   Pulled   0s (x18 over 4m58s)  kubelet  Container image "registry.example.com/shop/cart:4.9.0" already present on machine',
      '  Warning  Failed   0s (x18 over 4m58s)  kubelet  Error: couldn\'t find key REDIS_URL in ConfigMap shop/cart-config',
    ].join('\n');
    const incident = await readOnePod(text, CAPTURED);
    expect(incident.pod.spec?.containers.map((c) => [c.name, c.image])).toEqual([
      ['redis-exporter', 'oliver006/redis_exporter:v1.66.0'],
      ['<container>', 'registry.example.com/shop/cart:4.9.0'],
    ]);
    expect(await rootCauseOf(text)).toEqual({ rule: 'missing-config-key', cause: 'config-error', container: '<container>' });
  });
});

describe('pod YAML and JSON broken by a chat client', () => {
  it('joins a one-line containerStatuses JSON piece broken inside a string', async () => {
    const text = '"containerStatuses":[{"image":"nginx:1.25","lastState":{"terminated":{"exitCode":137,"reason":"OOMKi\nlled","startedAt":"2026-11-20T11:00:00Z","finishedAt":"2026-11-20T11:05:00Z"}},"name":"web","ready":false,"restartCount":5,"state":{"waiting":{"reason":"CrashLoopBackOff"}}}]\n';
    const incident = await readOnePod(text, CAPTURED);
    expect(incident.pod.status?.containerStatuses?.[0]?.lastState?.terminated?.reason).toBe('OOMKilled');
    expect(await rootCauseOf(text)).toEqual({ rule: 'oom-killed', cause: 'oom-limit', container: 'web' });
  });
});

describe('evidence below the events', () => {
  const DESCRIBE = `Name:         web-0
Namespace:    shop
Status:       Running
Containers:
  web:
    Image:          registry.example.com/web:1.0
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Error
      Exit Code:    1
    Restart Count:  4
Events:
  Type     Reason   Age              From     Message
  ----     ------   ----             ----     -------
  Warning  BackOff  5s (x9 over 3m)  kubelet  Back-off restarting failed container web in pod web-0_shop(uid)
`;

  it('reads kubectl logs output pasted below the events, without its command, as the container\'s log', async () => {
    const incident = await readOnePod(`${DESCRIBE}\nexec /bin/sh: exec format error\n`, CAPTURED);
    expect(incident.logs).toEqual([{ container: 'web', current: 'exec /bin/sh: exec format error' }]);
    expect(incident.events.at(-1)?.message).toBe('Back-off restarting failed container web in pod web-0_shop(uid)');
    expect(incident.missing).toContainEqual("1 line pasted below the events without a kubectl logs line was read as container web's log");
    expect(await rootCauseOf(`${DESCRIBE}\nexec /bin/sh: exec format error\n`)).toMatchObject({ rule: 'exec-format-error', cause: 'arch-mismatch' });
  });

  it('feeds the same crash-signature facts as --logs: permission denied, executable file not found', async () => {
    const diagnoser = await builtInDiagnoser();
    for (const [line, signature] of [
      ['/docker-entrypoint.sh: line 12: /app/start.sh: Permission denied', 'permission-denied'],
      ['exec: "gunicorn": executable file not found in $PATH', 'command-not-found'],
    ] as const) {
      const incident = await readOnePod(`${DESCRIBE}\n${line}\n`, CAPTURED);
      const container = diagnoser.facts(incident).containers[0];
      expect(container?.values.logSignatures, line).toContain(signature);
    }
  });

  it('leaves the user\'s own words below the events out of the log and says they were skipped', async () => {
    const incident = await readOnePod(`${DESCRIBE}\nAny idea what is wrong? Thanks!\n`, CAPTURED);
    expect(incident.logs).toEqual([]);
    expect(incident.events.at(-1)?.message).toBe('Back-off restarting failed container web in pod web-0_shop(uid)');
    expect(incident.missing).toContainEqual(expect.stringMatching(/1 line was not recognised and skipped, e\.g\. line \d+: "Any idea what is wrong\? Thanks!"/));
  });
});

describe('saying what was skipped', () => {
  it('reports a line inside a container block it could not read instead of dropping it', async () => {
    const text = 'Name:  web-0\nNamespace:  shop\nContainers:\n  web:\n    Image:  web:1.0\n    State:  Waiting\n      Reason:  CrashLoopBackOff\n    !!! the value here was redacted by our bot !!!\n    Restart Count:  4\n';
    const incident = await readOnePod(text, CAPTURED);
    expect(incident.pod.status?.containerStatuses?.[0]?.restartCount).toBe(4);
    expect(incident.missing).toContainEqual(expect.stringMatching(/1 line was not recognised and skipped, e\.g\. line 8: "!!! the value here was redacted by our bot !!!"/));
  });
});

describe('refusing only when nothing is recognisable', () => {
  it('still refuses prose with no kubectl output in it', async () => {
    await expect(readPaste('hello,\nmy pod is broken since the upgrade, any idea?\n')).rejects.toThrow(/is not kubectl output podmortem can read/);
  });
});
