import { describe, expect, it } from 'vitest';
import { renderJson } from '../src/report/json-report.js';
import { renderMarkdown } from '../src/report/markdown-report.js';
import { renderText } from '../src/report/text-report.js';
import { detailHeaderLine } from '../src/ui/model/detail-header-line.js';
import { podRow } from '../src/ui/model/pod-entry.js';
import { containersLines } from '../src/ui/model/containers-lines.js';
import { builtInDiagnoser } from './helpers.js';
import { readOnePod } from './support/read-paste.js';

/*
 * When the pod's status is not in the evidence, the header must neither claim "status Unknown,
 * restarts 0" nor pass a guess off as read: what the events imply is shown, marked as derived.
 */

const CAPTURED = '2026-11-20T12:00:00Z';

const EVENTS_ONLY = `$ kubectl describe pod orders-0 -n shop
Events:
  Type     Reason   Age                 From     Message
  ----     ------   ----                ----     -------
  Normal   Killing  5m (x2 over 20m)    kubelet  Container app failed liveness probe, will be restarted
  Normal   Created  4m (x2 over 20m)    kubelet  Created container app
  Normal   Started  4m (x3 over 40m)    kubelet  Started container app
  Warning  BackOff  3s (x6 over 19m)    kubelet  Back-off restarting failed container app in pod orders-0_shop(uid)
`;

const WHOLE = `Name:         orders-0
Namespace:    shop
Status:       Running
Containers:
  app:
    Image:          orders:2.1
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Error
      Exit Code:    137
    Ready:          False
    Restart Count:  9
${EVENTS_ONLY.slice(EVENTS_ONLY.indexOf('Events:'))}`;

async function diagnosed(text: string) {
  const incident = await readOnePod(text, CAPTURED);
  return { incident, diagnosis: await (await builtInDiagnoser()).diagnose(incident) };
}

function lineText(line: ReadonlyArray<{ text: string }>): string {
  return line.map((s) => s.text).join('');
}

describe('a header derived from events', () => {
  it('counts restarts from Killing, Created and Started (the most any shows), and guesses the status from the latest event', async () => {
    const { diagnosis } = await diagnosed(EVENTS_ONLY);
    expect(diagnosis.status).toBe('CrashLoopBackOff');
    expect(diagnosis.header).toEqual({ phase: 'not-shown', status: 'derived', restarts: 2, restartsFrom: 'derived' });
  });

  it('text: marks both as from events and leaves the phase out', async () => {
    const { diagnosis } = await diagnosed(EVENTS_ONLY);
    const first = renderText([diagnosis], { color: false }).split('\n')[0];
    expect(first).toBe('Pod shop/orders-0  status CrashLoopBackOff (from events), restarts at least 2 (from events)');
  });

  it('markdown: the same marks', async () => {
    const { diagnosis } = await diagnosed(EVENTS_ONLY);
    const markdown = renderMarkdown([diagnosis]);
    expect(markdown).toContain('## Pod `shop/orders-0` — CrashLoopBackOff (from events)');
    expect(markdown).toContain('Restarts: at least 2 (from events)');
  });

  it('JSON: the header field says what was derived', async () => {
    const { diagnosis } = await diagnosed(EVENTS_ONLY);
    const pod = JSON.parse(renderJson([diagnosis])).pods[0];
    expect(pod).toMatchObject({ status: 'CrashLoopBackOff', header: { phase: 'not-shown', status: 'derived', restarts: 2, restartsFrom: 'derived' } });
  });

  it('UI: the detail header and list row say from events instead of Unknown and 0', async () => {
    const { incident, diagnosis } = await diagnosed(EVENTS_ONLY);
    const row = podRow(incident, diagnosis, 1);
    expect(row).toMatchObject({ status: 'CrashLoopBackOff', restarts: '≥2', derived: ['status', 'restarts'] });
    expect(lineText(detailHeaderLine(row, 200))).toContain('CrashLoopBackOff (from events)');
    expect(lineText(detailHeaderLine(row, 200))).toContain('restarts ≥2 (from events)');
  });
});

describe('the Containers tab of a pod known from events', () => {
  it('shows the state its events imply, marked, and not shown instead of Ready false, 0 restarts or no limits', async () => {
    const { incident } = await diagnosed(EVENTS_ONLY);
    const text = containersLines((await builtInDiagnoser()).facts(incident), null, 200).map(lineText).join('\n');
    expect(text).toMatch(/State +Waiting: CrashLoopBackOff \(from events; the status is not shown\)/);
    expect(text).toMatch(/Ready +not shown/);
    expect(text).toMatch(/Restarts +at least 2 \(from events\)/);
    expect(text).toMatch(/Limits +none shown/);
  });
});

describe('a header read from the status', () => {
  it('is printed as before, with nothing marked', async () => {
    const { incident, diagnosis } = await diagnosed(WHOLE);
    expect(diagnosis.header).toEqual({ phase: 'shown', status: 'shown', restarts: 9, restartsFrom: 'shown' });
    expect(renderText([diagnosis], { color: false }).split('\n')[0]).toBe('Pod shop/orders-0  status CrashLoopBackOff, phase Running');
    expect(renderMarkdown([diagnosis])).not.toContain('from events');
    const row = podRow(incident, diagnosis, 1);
    expect(row).toMatchObject({ restarts: '9', derived: [] });
    expect(lineText(detailHeaderLine(row, 200))).not.toContain('from events');
  });
});

describe('a header from a containerStatuses fragment', () => {
  it('reads the phase a running container implies instead of Unknown, and a running sidecar does not make it Init:0/1', async () => {
    const text = `initContainerStatuses:
- name: mesh-proxy
  ready: true
  restartCount: 0
  state:
    running:
      startedAt: "2026-11-20T11:00:02Z"
containerStatuses:
- name: app
  ready: true
  restartCount: 0
  state:
    running:
      startedAt: "2026-11-20T11:00:04Z"
`;
    const { diagnosis } = await diagnosed(text);
    expect(diagnosis.status).toBe('Running');
    expect(diagnosis.header).toMatchObject({ phase: 'not-shown', status: 'shown' });
    expect(renderText([diagnosis], { color: false }).split('\n')[0]).toBe('Pod <namespace>/<pod>  status Running');
  });
});

describe('a header with nothing to go by', () => {
  it('says the status was not shown, and a pod without findings on partial evidence is not called healthy', async () => {
    const { diagnosis } = await diagnosed('Events:\n  Type    Reason   Age  From     Message\n  ----    ------   ---  ----     -------\n  Normal  Pulling  5s   kubelet  Pulling image "nginx:1.27"\n');
    const text = renderText([diagnosis], { color: false });
    expect(text.split('\n')[0]).toMatch(/status not shown$/);
    expect(text).not.toContain('Healthy');
    expect(text).toContain('No problem found in the evidence given, but it is partial');
  });
});
