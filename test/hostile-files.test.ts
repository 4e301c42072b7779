// Hostile and damaged files: every one gets one clear line (exit 2) naming what is wrong, never
// a JavaScript error, a stack trace, or a report that claims more than the file showed.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, FIXTURES } from './helpers.js';
import { runCli } from './rules-helpers.js';

const dir = await mkdtemp(join(tmpdir(), 'podmortem-hostile-'));
let count = 0;
async function file(text: string, ext = 'json'): Promise<string> {
  const path = join(dir, `input-${count++}.${ext}`);
  await writeFile(path, text);
  return path;
}

/** Exit 2 and exactly one line on stderr, `podmortem: ...`, matching `pattern`. */
function expectOneLine(result: { code: number | null; stdout: string; stderr: string }, pattern: RegExp): void {
  expect(result.stdout).toBe('');
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^podmortem: /);
  expect(lines[0]).not.toMatch(/unexpected error|is not a function|Cannot read properties|Maximum call stack|\[object Object\]/);
  expect(lines[0]).toMatch(pattern);
  expect(result.code).toBe(2);
}

const pod = (extra: Record<string, unknown>) => JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-0', namespace: 'shop' }, ...extra });

describe('wrong types are named at the boundary, with the field and the object', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['a string where a list belongs', pod({ status: { containerStatuses: 'y' } }), /: field status\.containerStatuses of pod shop\/web-0 is not a list: that is not what kubectl writes; save it again with kubectl get -o yaml \(or -o json\)$/],
    ['a null container status', pod({ status: { containerStatuses: [null] } }), /field status\.containerStatuses\[0\] of pod shop\/web-0 is not an object/],
    ['a state that is text', pod({ status: { containerStatuses: [{ name: 'app', state: 'y' }] } }), /field status\.containerStatuses\[0\]\.state of pod shop\/web-0 is not an object/],
    ['an exit code that is text', pod({ status: { containerStatuses: [{ name: 'app', lastState: { terminated: { exitCode: 'x' } } }] } }), /field status\.containerStatuses\[0\]\.lastState\.terminated\.exitCode of pod shop\/web-0 is not a number/],
    ['a time that is no time', pod({ status: { startTime: 'yesterday' } }), /field status\.startTime of pod shop\/web-0 is not a time like/],
    ['containers that are an object', pod({ spec: { containers: { name: 'app' } } }), /field spec\.containers of pod shop\/web-0 is not a list/],
    ['a name that is a list', JSON.stringify({ kind: 'Pod', metadata: { name: ['a'] } }), /field metadata\.name of pod \(unnamed\) is not text/],
    ['an event about nothing', JSON.stringify({ kind: 'List', items: [{ kind: 'Event', involvedObject: 'x' }] }), /field involvedObject of event \(unnamed\) is not an object/],
    ['an events.k8s.io event with a numeric note', JSON.stringify({ kind: 'Event', apiVersion: 'events.k8s.io/v1', metadata: { name: 'e1' }, regarding: { kind: 'Pod', name: 'a' }, note: 5 }), /field note of event e1 is not text/],
    [
      'a pod of a streamed PodList, read only after every input (found by fuzzing after the merge with streaming replay)',
      JSON.stringify({ apiVersion: 'v1', kind: 'PodList', items: [{ metadata: { name: 'web-0', namespace: 'shop' }, status: { containerStatuses: 'y' } }] }),
      /: field status\.containerStatuses of pod shop\/web-0 is not a list: that is not what kubectl writes/,
    ],
    ['a List whose items are text', JSON.stringify({ kind: 'List', items: 'x' }), /field items of the List is not a list/],
    ['a Node with text conditions', JSON.stringify({ kind: 'Node', metadata: { name: 'n1' }, status: { conditions: 'Ready' } }), /field status\.conditions of node n1 is not a list/],
    ['a Service with a list selector', JSON.stringify({ kind: 'Service', metadata: { name: 's', namespace: 'shop' }, spec: { selector: ['app'] } }), /field spec\.selector of service shop\/s is not an object/],
    ['an EndpointSlice with text endpoints', JSON.stringify({ kind: 'EndpointSlice', metadata: { name: 's-1' }, endpoints: 'x' }), /field endpoints of EndpointSlice s-1 is not a list/],
    ['an owner reference without its kind (found by fuzzing)', pod({ metadata: { name: 'web-0', namespace: 'shop', ownerReferences: [{ name: 'rs-1', kind: null }] } }), /field metadata\.ownerReferences\[0\]\.kind of pod shop\/web-0 is missing/],
    ['YAML infinity in a number', 'kind: Pod\nmetadata:\n  name: web-0\nstatus:\n  containerStatuses:\n  - name: app\n    restartCount: .inf\n', /field status\.containerStatuses\[0\]\.restartCount of pod web-0 is not a number/],
  ];
  for (const [name, text, pattern] of cases) {
    it(name, async () => {
      expectOneLine(runCli(['replay', await file(text, text.startsWith('{') ? 'json' : 'yaml'), '-o', 'text']), pattern);
    });
  }

  it('a pasted YAML piece with a wrong type is named too', async () => {
    const piece = 'status:\n  containerStatuses:\n  - name: app\n    restartCount: 3\n    state: y\n';
    expectOneLine(runCli(['replay', await file(piece, 'yaml'), '-o', 'text']), /field status\.containerStatuses\[0\]\.state of pod <pod> is not an object: fix that piece of the pasted YAML or JSON$/);
  });

  it('what kubectl really writes still replays: null times, numeric label values in hand-written YAML', async () => {
    const yaml = 'kind: Pod\nmetadata:\n  name: web-0\n  creationTimestamp: null\n  labels:\n    version: 2\nspec:\n  containers:\n  - name: app\n    image: app:1\n    resources:\n      limits:\n        cpu: 1\n';
    const result = runCli(['replay', await file(yaml, 'yaml'), '-o', 'json']);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout).pods[0].name).toBe('web-0');
  });
});

describe('hostile structure', () => {
  it('a parse error quoting several lines of the input is still one line (found by fuzzing)', async () => {
    const text = `{"kind": "Pod",\n"metadata": {"name": "a"}\n"spec": 5\n\n\n}`;
    expectOneLine(runCli(['replay', await file(text)]), /is not valid JSON/);
  });

  it('a damaged 1 MB bundle read as a pasted piece takes a moment, not minutes (found by fuzzing)', async () => {
    const bundle = await readFile(join(FIXTURES, 'timeline-oom-rollout/bundle.json'), 'utf8');
    const damaged = `${bundle.slice(0, 6)}\u0014${bundle.slice(6)}`.repeat(Math.ceil(1_000_000 / bundle.length));
    const started = Date.now();
    const result = runCli(['replay', await file(damaged, 'txt'), '-o', 'json']);
    expect([0, 2]).toContain(result.code);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('JSON nested 100,000 deep: one line, no stack overflow', async () => {
    expectOneLine(runCli(['replay', await file(`${'['.repeat(100_000)}${']'.repeat(100_000)}`)]), /nests deeper than 64 levels \(at \$\[0\]\[0\]/);
    const deepPod = `{"kind":"Pod","metadata":{"name":"a"},"spec":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}`;
    expectOneLine(runCli(['replay', await file(deepPod)]), /pod a nests deeper than 64 levels \(at \$\.spec\.a\.a/);
  });

  it('YAML nested too deeply for the parser', async () => {
    expectOneLine(runCli(['replay', await file(`kind: Pod\nmetadata:\n  name: a\nspec: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`, 'yaml')]), /is not valid YAML at line 4 \(nested too deeply\)/);
  });

  it('a YAML alias bomb is refused, not expanded', async () => {
    let yaml = 'kind: Pod\nmetadata:\n  name: a\n  labels:\n    a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 12; i++) yaml += `    a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
    expectOneLine(runCli(['replay', await file(yaml, 'yaml')]), /is YAML whose aliases \(\*name\) expand to more than 100 copies: podmortem does not expand it/);
  });
});

describe('bundles', () => {
  const bundle = (extra: Record<string, unknown>) => JSON.stringify({ kind: 'PodmortemBundle', schemaVersion: 1, ...extra });
  it('an empty or null timeline is an error, not a healthy scan of no pods', async () => {
    expectOneLine(runCli(['replay', await file(bundle({ timelines: [{ namespace: 'shop', name: 'a', snapshots: [] }] }))]), /timelines\[0\] of the bundle has no snapshots: the bundle is damaged/);
    expectOneLine(runCli(['replay', await file(bundle({ timelines: [{ namespace: 'shop', name: 'a', snapshots: null }] }))]), /field timelines\[0\]\.snapshots of the bundle is missing/);
    expectOneLine(runCli(['replay', await file(bundle({ timelines: [null] }))]), /field timelines\[0\] of the bundle is not an object/);
    expectOneLine(runCli(['replay', await file(bundle({ timelines: null }))]), /the bundle holds no incidents and no timeline/);
  });

  it('a damaged incident names its field', async () => {
    const incident = { pod: { metadata: { name: 'a' } }, events: [{ reason: 'BackOff', message: 'x' }], logs: [], nodeEvents: [], source: { kind: 'file', capturedAt: '2026-01-01T00:00:00Z' } };
    expectOneLine(runCli(['replay', await file(bundle({ incidents: [incident] }))]), /field incidents\[0\]\.events\[0\]\.involvedObject of the bundle is missing: the bundle is damaged; record it again with podmortem record$/);
    expectOneLine(runCli(['replay', await file(bundle({ incidents: [{ ...incident, events: [], logs: 'x' }] }))]), /field incidents\[0\]\.logs of the bundle is not a list/);
    expectOneLine(runCli(['replay', await file(bundle({ incidents: [{ ...incident, events: [], source: { capturedAt: 'soon' } }] }))]), /field incidents\[0\]\.source\.capturedAt of the bundle is not a time/);
  });
});

describe('a replayed folder does not lead out of itself', () => {
  it('a log linked to a file outside the folder is refused, not read into the report', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'podmortem-linked-'));
    await cp(join(FIXTURES, 'oom-killed-jvm'), folder, { recursive: true });
    const secret = join(await mkdtemp(join(tmpdir(), 'podmortem-outside-')), 'passwd');
    await writeFile(secret, 'root:x:0:0:root:/root:/bin/bash\n');
    await rm(join(folder, 'app.previous.log'));
    await symlink(secret, join(folder, 'app.previous.log'));
    const result = runCli(['replay', folder, '-o', 'text']);
    expectOneLine(result, new RegExp(`app\\.previous\\.log is a link to ${secret.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}, outside .*: podmortem does not follow links out of a replayed folder`));
    expect(result.stdout + result.stderr).not.toContain('root:x:0:0');
  });

  it('a link that stays inside the folder is read', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'podmortem-linked-'));
    await cp(join(FIXTURES, 'oom-killed-jvm'), folder, { recursive: true });
    await cp(join(folder, 'pod.yaml'), join(folder, 'real-pod.yaml.orig'));
    await rm(join(folder, 'pod.yaml'));
    await symlink('real-pod.yaml.orig', join(folder, 'pod.yaml'));
    const result = runCli(['replay', folder, '-o', 'json']);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout).pods[0].findings[0].rule).toBe('oom-killed');
  });
});

describe('flags', () => {
  it('--captured-at refuses what Date.parse would bend', () => {
    for (const value of ['99999-01-01', '2026-02-30', '1', '2026-13-01', '1899-01-01', 'yesterday', '2026-11-26T25:00:00Z']) {
      expectOneLine(runCli(['replay', join(FIXTURES, 'oom-killed-jvm'), '--captured-at', value]), new RegExp(`--captured-at takes an ISO time like 2026-11-26T15:00:00Z \\(or a date, 2026-11-26\\) between 2000 and 2099, not "${value}" \\(see podmortem --help\\)$`));
    }
    for (const value of ['2026-11-26', '2026-11-26T15:00:00Z', '2026-11-26T15:00:00+01:00', '2026-11-26T15:00:00.123Z']) {
      const result = runCli(['replay', join(FIXTURES, 'oom-killed-jvm'), '--captured-at', value, '-o', 'json']);
      expect(result.code, `${value}: ${result.stderr}`).toBe(0);
    }
  });

  it('durations a Node timer cannot hold are refused (a 600h timeout would fire after 1 ms)', () => {
    expectOneLine(runCli(['scan', '--request-timeout', '600h']), /--request-timeout 600h is longer than podmortem can wait: at most 24 days \(24d\), or 0 for none/);
    expectOneLine(runCli(['record', 'web-0', '-f', join(dir, 'x.json'), '--watch', '30d']), /--watch 30d is longer than podmortem can wait: at most 24 days \(24d\)/);
    expectOneLine(runCli(['scan', '--max-response-size', 'lots']), /--max-response-size takes a size like 64Mi or 1Gi \(at least 1Ki\), not "lots"/);
  });
});

/** Runs the CLI into a pipe that its reader closes after the first line. */
function firstLineOnly(args: readonly string[]): Promise<{ code: number | null; stderr: string; first: string }> {
  // A real pipe into head, as a user types it: head exits after one line and the pipe closes
  // (a pipe to this process, destroyed, did not give the CLI the EPIPE head gives it).
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', 'set -o pipefail; "$0" "$@" | head -1', process.execPath, CLI, ...args], { env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stderr, first: stdout.split('\n')[0] ?? '' }));
  });
}

describe('a closed pipe (| head -1) ends the run quietly', () => {
  const all = ['oom-killed-jvm', 'scan-payments-namespace', 'evicted-memory', 'node-lost', 'multi-attach-error'].map((f) => join(FIXTURES, f));
  // Every fixture folder: a report that large is written in pieces (printOutPieces), found unguarded after the merge with streaming replay.
  const every = readdirSync(FIXTURES, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => join(FIXTURES, e.name));
  for (const [name, args] of [
    ['replay FIXTURES -o text', ['replay', ...all, '-o', 'text']],
    ['replay fixtures/* -o text (written in pieces)', ['replay', ...every, '--captured-at', '2026-12-20T00:00:00Z', '-o', 'text']],
    ['gallery -o text', ['gallery', '-o', 'text']],
    ['rules test', ['rules', 'test']],
  ] as const) {
    it(name, async () => {
      const result = await firstLineOnly(args);
      expect(result.first.length).toBeGreaterThan(0);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
    });
  }
});
