import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import type { Finding, PodDiagnosis } from '../../src/model/finding.js';
import type { Incident } from '../../src/model/incident.js';
import { hintsFor, KEY_BINDINGS, resolveKey } from '../../src/ui/keys/key-bindings.js';
import { buildEntries } from '../../src/ui/model/build-entries.js';
import { DiagnosisCache } from '../../src/ui/model/diagnosis-cache.js';
import { findingsLines } from '../../src/ui/model/findings-lines.js';
import { fit, wrapText, type Line } from '../../src/ui/model/line.js';
import { listColumns } from '../../src/ui/model/list-columns.js';
import { podHealth } from '../../src/ui/model/pod-health.js';
import { podRow, type PodRow } from '../../src/ui/model/pod-entry.js';
import { snapshotChanges } from '../../src/ui/model/snapshot-changes.js';
import { whyLines } from '../../src/ui/model/why-lines.js';
import { COLOR_THEME, PLAIN_THEME } from '../../src/ui/theme/theme.js';
import { builtInDiagnoser } from '../helpers.js';
import { healthyPod, oomKilledPod } from './ui-incidents.js';
import { makeIncident, makePod } from '../build-incident.js';

const text = (line: Line) => line.map((s) => s.text).join('');

function key(overrides: Partial<Key> = {}): Key {
  return {
    upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
    return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
    super: false, hyper: false, capsLock: false, numLock: false, ...overrides,
  };
}

describe('fitting text to a width', () => {
  it('pads short text and cuts long text with an ellipsis, at the end or in the middle', () => {
    expect(fit('web', 6)).toBe('web   ');
    expect(fit('CrashLoopBackOff', 8)).toBe('CrashLo…');
    expect(fit('orders-api-6d8f7c9b54-q7xkz', 15, 'middle')).toBe('orders-…4-q7xkz');
    expect(fit('anything', 1)).toBe('…');
  });

  it('wraps at spaces, cuts words longer than a line, keeps blank lines', () => {
    expect(wrapText('the quick brown fox jumps', 10)).toEqual(['the quick', 'brown fox', 'jumps']);
    expect(wrapText('a verylongtokenwithoutspaces b', 8)).toEqual(['a', 'verylong', 'tokenwit', 'houtspac', 'es b']);
    // Runs of spaces and indentation stay; nothing but the space at a break is dropped.
    expect(wrapText('  indented   gap here', 12)).toEqual(['  indented', 'gap here']);
    expect(wrapText('x  y', 10)).toEqual(['x  y']);
    // A long path breaks after a boundary, never losing a character.
    const path = wrapText('status.containerStatuses[app].state.waiting.reason', 20);
    expect(path.join('')).toBe('status.containerStatuses[app].state.waiting.reason');
    expect(path.every((line) => line.length <= 20)).toBe(true);
    expect(wrapText('https://example.com/some/long/path', 20)).toEqual(['https://example.com/', 'some/long/path']);
    expect(wrapText('CreateContainerConfigError', 10).join('')).toBe('CreateContainerConfigError');
    expect(wrapText('one\n\ntwo', 10)).toEqual(['one', '', 'two']);
    expect(wrapText('first line is shorter here', 20, 10)).toEqual(['first line', 'is shorter here']);
  });
});

describe('list columns', () => {
  const row = (name: string, rootCause: string, owner = ''): PodRow => ({
    namespace: 'payments', name, ready: '0/1', status: 'CrashLoopBackOff', restarts: '4 (31s ago)', age: '29m', rootCause, severity: 'critical', sev: 'CRIT', owner, health: 'failing', snapshots: 1, derived: [],
  });
  const rows = [row('fraud-scorer-5c8d7f6b94-m2w7r', 'container scorer was OOMKilled at its 384Mi memory limit')];
  const ids = (width: number, namespace = true, from = rows) => listColumns(width, from, namespace).map((c) => c.id);

  it('shows every column when there is room and gives the rest to the root cause', () => {
    const columns = listColumns(200, rows, true);
    expect(columns.map((c) => c.id)).toEqual(['namespace', 'name', 'ready', 'status', 'restarts', 'age', 'sev', 'rootCause']);
    expect(columns.reduce((sum, c) => sum + c.width, 0) + 2 * (columns.length - 1)).toBe(200);
  });

  it('drops namespace, age, ready and restarts in that order as the width shrinks, keeping SEV and the root cause', () => {
    expect(ids(130)).toEqual(['namespace', 'name', 'ready', 'status', 'restarts', 'age', 'sev', 'rootCause']);
    expect(ids(116)).toEqual(['name', 'ready', 'status', 'restarts', 'age', 'sev', 'rootCause']);
    expect(ids(106)).toEqual(['name', 'ready', 'status', 'restarts', 'sev', 'rootCause']);
    expect(ids(80)).toEqual(['name', 'status', 'sev', 'rootCause']);
    const narrow = listColumns(76, rows, true);
    expect(narrow.find((c) => c.id === 'name')!.width).toBe(20);
    expect(narrow.find((c) => c.id === 'rootCause')!.width).toBe(30);
  });

  it('shows the owner when some pod has one and the width allows, and drops it first', () => {
    const owned = [row('fraud-scorer-5c8d7f6b94-m2w7r', 'container scorer was OOMKilled', 'deployment/fraud-scorer')];
    expect(ids(200, true, owned)).toEqual(['namespace', 'name', 'ready', 'status', 'restarts', 'age', 'owner', 'sev', 'rootCause']);
    expect(ids(130, true, owned)).not.toContain('owner');
    expect(ids(130, true, owned)).toContain('namespace');
  });

  it('marks the sorted column with its direction', () => {
    const columns = listColumns(200, rows, true, { column: 'restarts', arrow: '↓' });
    expect(columns.find((c) => c.id === 'restarts')!.title).toBe('RESTARTS↓');
    expect(columns.find((c) => c.id === 'sev')!.title).toBe('SEV');
  });
});

describe('pod health', () => {
  it('comes from the severity, the status and the READY column only', () => {
    expect(podHealth('critical', 'Running', '1/1')).toBe('failing');
    expect(podHealth('warning', 'Running', '1/1')).toBe('degraded');
    expect(podHealth(null, 'Running', '1/1')).toBe('healthy');
    expect(podHealth(null, 'Running', '0/1')).toBe('degraded');
    expect(podHealth(null, 'ContainerCreating', '0/1')).toBe('degraded');
    expect(podHealth(null, 'Completed', '0/1')).toBe('finished');
    expect(podHealth(null, 'CrashLoopBackOff', '0/1')).toBe('failing');
    // No container known: nothing says they are all ready.
    expect(podHealth(null, 'Running', '?')).toBe('degraded');
  });

  it('a pod with no container known shows READY as not shown (?), not 0/0', async () => {
    const diagnoser = await builtInDiagnoser();
    const none = makeIncident({ pod: makePod({ spec: { containers: [] }, status: { phase: 'Pending' } }) });
    expect(podRow(none, await diagnoser.diagnose(none), 1).ready).toBe('?');
    const one = makeIncident({ pod: makePod({ status: { phase: 'Pending' } }) });
    expect(podRow(one, await diagnoser.diagnose(one), 1).ready).toBe('0/1');
  });
});

describe('snapshot changes', () => {
  const finding = (id: string): Finding => ({
    id, rule: id.split('/')[0]!, cause: 'oom-limit', severity: 'critical', container: 'app', title: `${id} title`, explanation: '', evidence: [], remediation: [], symptom: false, why: [],
  });
  const diagnosis = (findings: Finding[]): PodDiagnosis => ({
    namespace: 'shop', name: 'orders', uid: null, phase: 'Running', status: 'x', severity: findings.length ? 'critical' : null, findings, missing: [],
  });

  it('finds status and restart changes, new and recurring events, new and resolved findings', () => {
    const before = healthyPod('orders');
    const after = oomKilledPod('orders');
    const changes = snapshotChanges(
      { incident: { ...before, events: [after.events[0]!] }, diagnosis: diagnosis([finding('liveness-probe-failing/app')]) },
      { incident: after, diagnosis: diagnosis([finding('oom-killed/app')]) },
    );
    expect(changes.status).toEqual({ from: 'Running', to: 'CrashLoopBackOff' });
    expect(changes.restarts).toEqual({ from: 0, to: 7 });
    expect([...changes.newEvents].map((e) => e.reason)).toEqual(['Pulled', 'Started', 'BackOff']);
    expect([...changes.newFindings]).toEqual(['oom-killed/app']);
    expect(changes.resolvedFindings.map((f) => f.id)).toEqual(['liveness-probe-failing/app']);
    const lines = findingsLines(diagnosis([finding('oom-killed/app')]), changes, 80).lines.map(text);
    expect(lines.some((l) => /oom-killed\/app title +NEW$/.test(l))).toBe(true);
    expect(lines).toContain('Resolved since the previous snapshot');
    expect(lines).toContain('  - liveness-probe-failing/app: liveness-probe-failing/app title');
  });
});

describe('the key table', () => {
  it('resolves keys in the nearest active scope first', () => {
    expect(resolveKey(['list', 'global'], 'j', key())?.command).toBe('down');
    expect(resolveKey(['list', 'global'], '', key({ escape: true }))?.scope).toBe('list');
    expect(resolveKey(['detail', 'global'], '', key({ escape: true }))?.scope).toBe('global');
    expect(resolveKey(['filter'], 'q', key())).toBeNull();
    expect(resolveKey(['detail', 'global'], '', key({ tab: true, shift: true }))?.command).toBe('previousTab');
    expect(resolveKey(['detail', 'global'], '', key({ tab: true }))?.command).toBe('nextTab');
    // Terminals send DEL for Backspace; ink reports it as delete.
    expect(resolveKey(['filter'], '', key({ delete: true }))?.command).toBe('filterErase');
    expect(resolveKey(['timeline', 'detail', 'global'], '', key({ leftArrow: true }))?.command).toBe('previousSnapshot');
    expect(resolveKey(['detail', 'global'], 'c', key({ ctrl: true }))?.command).toBe('quit');
  });

  it('builds hints from the same table, without keys a nearer scope took over', () => {
    const list = hintsFor(['list', 'global']).map((b) => `${b.label} ${b.hint}`);
    expect(list).toEqual(['Enter open', '/ filter', 's sort', 'd describe', ': cmd', '? keys', 'q quit']);
    expect(hintsFor(['timeline', 'detail', 'global']).map((b) => b.command)).toEqual(['previousSnapshot', 'nextSnapshot', 'jumpDescribe', 'scrollRight', 'prompt', 'back', 'help', 'quit']);
  });

  it('gives every binding a key and a description', () => {
    for (const binding of KEY_BINDINGS) {
      expect(binding.keys.length).toBeGreaterThan(0);
      expect(binding.description).not.toBe('');
    }
  });
});

describe('themes', () => {
  it('the plain theme (NO_COLOR, --no-color) has no colours, only weight', () => {
    for (const style of Object.values(PLAIN_THEME.tones)) expect(style.color).toBeUndefined();
    expect(COLOR_THEME.tones.critical.color).toBe('red');
  });
});

describe('the diagnosis cache', () => {
  it('diagnoses an unchanged pod from a live feed once a minute, and a changed one again', async () => {
    const real = await builtInDiagnoser();
    let calls = 0;
    const cache = new DiagnosisCache({ facts: real.facts, diagnose: (incident) => (calls++, real.diagnose(incident)) });
    const served = (resourceVersion: string, capturedAt: string): Incident => {
      const incident = oomKilledPod();
      return { ...incident, pod: { ...incident.pod, metadata: { ...incident.pod.metadata, resourceVersion } }, source: { kind: 'cluster', capturedAt } };
    };
    await cache.diagnose(served('100', '2026-11-20T10:44:02Z'));
    cache.endGeneration();
    await cache.diagnose(served('100', '2026-11-20T10:44:31Z'));
    cache.endGeneration();
    expect(calls).toBe(1);
    await cache.diagnose(served('101', '2026-11-20T10:44:40Z'));
    expect(calls).toBe(2);
    await cache.diagnose(served('100', '2026-11-20T10:46:10Z'));
    expect(calls).toBe(3);
  });

  it('rebuilding the list from the same recorded pods (gallery, replay) diagnoses none of them again', async () => {
    // Recorded pods carry no resourceVersion: the cache knows them by object, so making their
    // strings terminal-safe must hand back the same objects when there was nothing to change.
    const real = await builtInDiagnoser();
    let calls = 0;
    const cache = new DiagnosisCache({ facts: real.facts, diagnose: (incident) => (calls++, real.diagnose(incident)) });
    const set = { incidents: [oomKilledPod(), healthyPod('web-0')], timelines: [] };
    const first = await buildEntries(set, cache);
    expect(calls).toBe(2);
    const again = await buildEntries(set, cache);
    expect(calls).toBe(2);
    expect(again.map((e) => e.key)).toEqual(first.map((e) => e.key));
  });
});

describe('the Why tab', () => {
  const finding = (id: string, rule: string) => ({ id, rule, cause: 'liveness-probe', symptom: false, why: [] }) as unknown as Finding;
  const text = (lines: Line[]) => lines.map((line) => line.map((s) => s.text).join(''));

  it('puts "rule NAME" beside the finding when it fits, else on a line of its own, never "rule" alone at a line end', () => {
    const short = text(whyLines({ findings: [finding('oom-killed/app', 'oom-killed')] } as unknown as PodDiagnosis, 80));
    expect(short[0]).toBe('oom-killed/app  rule oom-killed · cause liveness-probe · root cause');
    const long = text(whyLines({ findings: [finding('liveness-probe-requests-failing/<container>', 'liveness-probe-requests-failing')] } as unknown as PodDiagnosis, 80));
    expect(long.slice(0, 2)).toEqual(['liveness-probe-requests-failing/<container>', '  rule liveness-probe-requests-failing · cause liveness-probe · root cause']);
  });
});
