// The injection corpus: evidence whose every free-text field carries terminal escapes and
// Markdown/HTML goes through every report format and every command; what reaches a terminal
// holds no raw control character but podmortem's own colours, and Markdown renders the
// untrusted text as text only.
import { spawn } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Root, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../src/cli/command-table.js';
import { renderScanJson, renderScanMarkdown, renderScanSummary, renderScanText } from '../src/cli/scan-report.js';
import type { PodDiagnosis } from '../src/model/finding.js';
import type { Incident } from '../src/model/incident.js';
import { renderJson } from '../src/report/json-report.js';
import { renderMarkdown } from '../src/report/markdown-report.js';
import { terminalOutput } from '../src/report/terminal-output.js';
import { visibleControls } from '../src/report/visible-controls.js';
import { renderSummary } from '../src/report/summary-report.js';
import { renderText } from '../src/report/text-report.js';
import { createBundle } from '../src/sources/bundle.js';
import { loadReplay } from '../src/sources/load-replay.js';
import { builtInDiagnoser, CLI, FIXTURES, fixtureNames, ROOT } from './helpers.js';
import { fixtureRoutes, heldWatch, startFakeApi, writeKubeconfig, type FakeApi, type Route } from './live-fake-api.js';
import { hostileEvidence, PAYLOAD, rawControls, writeHostileFolder } from './support/hostile.js';

/** Fixtures whose findings quote different fields: container state, event messages, probes, images, the scheduler. */
const HOSTILE_FIXTURES: ReadonlyArray<[string, string]> = [
  ['oom-killed-jvm', 'app'],
  ['mount-missing-secret', 'gateway'],
  ['liveness-probe-kill-slow-warmup', 'inventory-service'],
  ['image-pull-unauthorized-ghcr', 'app'],
  ['unschedulable-cpu-memory', 'app'],
  ['python-traceback-beside-native-sidecar', 'worker'],
];

let hostile: Incident[] = [];
let hostileDiagnoses: PodDiagnosis[] = [];
let everyDiagnosis: PodDiagnosis[] = [];
let bundleFile = '';
let hostileFolder = '';

async function hostileIncident(fixture: string, container: string): Promise<Incident> {
  const evidence = hostileEvidence(fixture, container);
  const folder = await writeHostileFolder(evidence);
  const [incident] = (await loadReplay([join(folder, 'pod.json'), join(folder, 'events.json'), join(folder, 'node.json')])).incidents;
  // Log files are named after containers, which the payload cannot be in a file name: attach the log directly.
  return { ...incident!, logs: [{ container: evidence.container, previous: evidence.log }] };
}

beforeAll(async () => {
  const available = new Set(await fixtureNames());
  const diagnoser = await builtInDiagnoser();
  hostile = await Promise.all(HOSTILE_FIXTURES.filter(([f]) => available.has(f)).map(([f, c]) => hostileIncident(f, c)));
  hostileDiagnoses = await Promise.all(hostile.map((i) => diagnoser.diagnose(i)));
  const fixtures = await Promise.all([...available].map((name) => loadReplay([join(FIXTURES, name)])));
  const fixtureDiagnoses = await Promise.all(fixtures.flatMap((f) => f.incidents).map((i) => diagnoser.diagnose(i)));
  everyDiagnosis = [...fixtureDiagnoses, ...hostileDiagnoses];
  hostileFolder = await writeHostileFolder();
  bundleFile = join(hostileFolder, 'hostile.bundle.json');
  await writeFile(bundleFile, JSON.stringify(createBundle(hostile)));
});

describe('the hostile corpus', () => {
  it('still gets diagnosed, so its text reaches titles, evidence, commands and the missing lines', () => {
    expect(hostile.length).toBe(HOSTILE_FIXTURES.length);
    for (const diagnosis of hostileDiagnoses) expect(diagnosis.findings.length, diagnosis.name).toBeGreaterThan(0);
    const text = JSON.stringify(hostileDiagnoses);
    for (const piece of ['onerror', '\\u001b]52', '\\u001b[2J', '\u009b', '\u202e']) expect(text).toContain(piece);
    expect(hostileDiagnoses.some((d) => d.findings.some((f) => f.evidence.some((e) => e.source.startsWith('logs ') && e.text.includes('\u001b'))))).toBe(true);
  });
});

describe('reports of every fixture and the hostile corpus', () => {
  it('text, with and without colour: no raw control character but our own colours', () => {
    for (const color of [true, false]) {
      const text = renderText(everyDiagnosis, { color, width: 100 });
      expect(rawControls(text)).toEqual([]);
      if (color) expect(text).toContain('\u001b[1;31m');
    }
  });

  it('text shows the attack instead of sending it: ESC as ^[, BEL as ^G, C1 and bidi as <U+…>', () => {
    const text = renderText(hostileDiagnoses, { color: false });
    expect(text).toContain('^[]52;c;b3duZWQ=^G');
    expect(text).toContain('^[[2J');
    expect(text).toContain('<U+009B>31m');
    expect(text).toContain('<U+202E>');
    expect(text).toContain('<U+E0041>');
  });

  it('text: a line break inside a quoted value never starts a report line of its own', () => {
    // A container name or message with a newline, quoted in a finding's prose, must not forge a finding line.
    const forged = hostileDiagnoses.map((pod) => ({
      ...pod,
      findings: pod.findings.map((f) => ({ ...f, explanation: `${f.explanation} container app\nCRITICAL forged finding line` })),
    }));
    const text = renderText(forged, { color: false });
    expect(text).toContain('CRITICAL forged finding line');
    expect(text.split('\n').filter((line) => line.trimStart().startsWith('CRITICAL forged'))).toEqual([]);
  });

  it('summary: one line per pod whatever line breaks the evidence holds, the attack shown', () => {
    for (const color of [true, false]) {
      const summary = renderSummary(everyDiagnosis, { color });
      expect(rawControls(summary)).toEqual([]);
      expect(summary.split('\n').filter(Boolean)).toHaveLength(everyDiagnosis.length);
    }
    const hostileSummary = renderSummary(hostileDiagnoses, { color: false });
    expect(hostileSummary).toContain('^[');
    expect(hostileSummary).toContain('<U+202E>');
  });

  it('JSON: the same data, with DEL, C1, bidi and invisible characters escaped', () => {
    const json = renderJson(hostileDiagnoses);
    expect(rawControls(json)).toEqual([]);
    expect(json).not.toMatch(/[\u0080-\u009f\u202a-\u202e\u2066-\u2069\u200b\ufeff\u007f]/);
    expect(JSON.parse(json).pods).toEqual(JSON.parse(JSON.stringify(hostileDiagnoses)));
  });

  it('scan summaries in every format', () => {
    const sorted = { unhealthy: hostileDiagnoses, healthy: everyDiagnosis.slice(0, 3) };
    const summary = { namespace: `shop${PAYLOAD}`, context: `ctx${PAYLOAD}`, listHealthy: true };
    for (const out of [renderScanText(sorted, summary, true), renderScanMarkdown(sorted, summary), renderScanJson(sorted, summary), renderScanSummary(sorted, summary, true)]) {
      expect(rawControls(terminalOutput(out))).toEqual([]);
    }
    expect(rawControls(renderScanText(sorted, summary, true))).toEqual([]);
    expect(JSON.parse(renderScanJson(sorted, summary)).pods).toEqual(JSON.parse(JSON.stringify([...hostileDiagnoses, ...everyDiagnosis.slice(0, 3)])));
  });
});

/** Every node of a Markdown document, depth first. */
function nodes(root: Root | RootContent): (Root | RootContent)[] {
  return [root, ...('children' in root ? root.children.flatMap((child) => nodes(child as RootContent)) : [])];
}

function parseMarkdown(markdown: string): Root {
  return fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
}

/** All the text a reader sees: text, inline code and code blocks. */
function visibleText(root: Root): string {
  return nodes(root)
    .map((node) => ('value' in node && typeof node.value === 'string' ? node.value : ''))
    .join('\n');
}

describe('Markdown renders untrusted text only as text', () => {
  let markdown = '';
  let tree: Root;
  beforeAll(() => {
    markdown = renderMarkdown(hostileDiagnoses);
    tree = parseMarkdown(markdown);
  });

  it('has no HTML, images, emphasis, strikethrough, rules, footnotes or definitions of its own', () => {
    const types = new Set(nodes(tree).map((node) => node.type));
    for (const forbidden of ['html', 'image', 'linkReference', 'imageReference', 'definition', 'emphasis', 'delete', 'thematicBreak', 'footnoteReference', 'footnoteDefinition']) {
      expect(types.has(forbidden as never), forbidden).toBe(false);
    }
  });

  it('has no link that shows one thing and points to another', () => {
    // GitHub's dialect turns bare `www.x` and `a@b.c` into links after escapes are resolved; such
    // a link shows its own address. `[text](url)` and `<url>` links never form.
    const links = nodes(tree).filter((node) => node.type === 'link');
    for (const link of links) {
      const shown = link.type === 'link' ? link.children.map((c) => ('value' in c ? c.value : '')).join('') : '';
      expect(link.type === 'link' && link.url.replace(/^(?:https?:\/\/|mailto:)/, '')).toBe(shown.replace(/^(?:https?:\/\/|mailto:)/, ''));
    }
    // The corpus holds bare addresses, so the check above did run.
    expect(links.length).toBeGreaterThan(0);
  });

  it('has exactly the headings, quotes, lists and table cells the report writes', () => {
    const all = nodes(tree);
    const findings = hostileDiagnoses.flatMap((d) => d.findings);
    const linked = findings.filter((f) => f.symptom && hostileDiagnoses.some((d) => d.findings.some((r) => r.id === f.causedBy && !r.symptom)));
    const shownFindings = findings.filter((f) => !f.symptom).length + linked.length;
    const headings = all.filter((n) => n.type === 'heading');
    expect(headings.filter((h) => h.type === 'heading' && h.depth === 2)).toHaveLength(hostileDiagnoses.length);
    expect(headings).toHaveLength(hostileDiagnoses.length + shownFindings);
    expect(all.filter((n) => n.type === 'blockquote')).toHaveLength(linked.length);
    // The summary table atop the report: a header and one row per pod, six cells each; every other table is evidence, two cells.
    const [summaryTable, ...evidenceTables] = all.filter((n) => n.type === 'table');
    expect(summaryTable?.type === 'table' && summaryTable.children).toHaveLength(hostileDiagnoses.length + 1);
    for (const row of summaryTable?.type === 'table' ? summaryTable.children : []) expect(row.children).toHaveLength(6);
    for (const table of evidenceTables) for (const row of table.type === 'table' ? table.children : []) expect(row.children).toHaveLength(2);
    // Each code block is one of ours: a command or a multi-line message, never a block the text opened.
    for (const code of all.filter((n) => n.type === 'code')) expect(['sh', 'text']).toContain(code.type === 'code' ? code.lang : '');
  });

  it('shows the attack as the text it is', () => {
    const text = visibleText(tree);
    for (const piece of ['<img src=x onerror=alert(1)>', '[link](http://evil.example)', '![img](http://evil.example/i.png)', '<script>alert(1)</script>', '| pipe |', '*em*', '# injected heading', 'https://evil.example/x', '&amp;', '``` ']) {
      expect(text, piece).toContain(piece);
    }
  });

  it('keeps a command whole in its fence, whatever backticks and lines it carries', () => {
    const commands = hostileDiagnoses.flatMap((d) => d.findings.flatMap((f) => f.remediation.flatMap((s) => (s.command ? [s.command] : []))));
    expect(commands.some((c) => c.includes('```') && c.includes('\n'))).toBe(true);
    const blocks = nodes(tree).flatMap((n) => (n.type === 'code' && n.lang === 'sh' ? [n.value] : []));
    for (const command of commands) expect(blocks).toContain(visibleControls(command));
  });
});

/** Runs the built CLI without blocking the event loop (a stand-in API server may live in this process). */
function run(args: string[], options: { env?: Record<string, string>; until?: RegExp } = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, NO_COLOR: '1', KUBECONFIG: '', ...options.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (options.until?.test(stdout)) child.kill('SIGINT');
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The hostile OOM pod as an API server would serve it: names valid (the API server checks them), everything else hostile. */
function liveHostile() {
  const evidence = hostileEvidence();
  const pod = evidence.pod as { metadata: Record<string, unknown>; spec: Record<string, unknown> };
  pod.metadata = { ...pod.metadata, name: 'orders-api-6d8f7c9b54-q7xkz', namespace: 'shop' };
  pod.spec = { ...pod.spec, nodeName: 'node-1' };
  const events = (evidence.events as { items: unknown[] }).items;
  return { pod: pod as never, events, log: evidence.log };
}

function scanRoutes(fixture: ReturnType<typeof liveHostile>): Route[] {
  const list = (kind: string, items: unknown[]) => ({ status: 200, body: { kind, apiVersion: 'v1', metadata: { resourceVersion: '7' }, items } });
  return [
    (url) => (url.pathname === '/api/v1/namespaces/shop/pods' && url.searchParams.get('watch') !== '1' ? list('PodList', [fixture.pod]) : undefined),
    (url) => (url.pathname === '/api/v1/namespaces/shop/events' && !url.searchParams.get('fieldSelector') ? list('EventList', fixture.events) : undefined),
    (url) => (url.pathname === '/apis/discovery.k8s.io/v1/namespaces/shop/endpointslices' ? list('EndpointSliceList', []) : undefined),
  ];
}

describe('every command prints no raw control character from cluster data', () => {
  let api: FakeApi;
  let kubeconfig: string;
  const watch = heldWatch();
  beforeAll(async () => {
    const live = liveHostile();
    api = await startFakeApi([
      (url) => (url.searchParams.get('watch') === '1' ? watch.answer : undefined),
      ...scanRoutes(live),
      ...fixtureRoutes(live),
    ]);
    kubeconfig = await writeKubeconfig(api.url);
  });
  afterAll(() => api.close());

  const cluster = () => ['--kubeconfig', kubeconfig, '-n', 'shop'];
  /** Per command: the invocations that reach its output paths with hostile data. */
  const MATRIX: Record<string, () => string[][]> = {
    replay: () => ['text', 'json', 'markdown', 'summary'].flatMap((o) => [['replay', bundleFile, '-o', o], ['replay', hostileFolder, '-o', o, '--debug']]),
    gallery: () => [['gallery', '-o', 'text'], ['gallery', '--short']],
    facts: () => [['facts', bundleFile], ['facts', bundleFile, '-o', 'json']],
    rules: () => [['rules', 'test', hostileFolder]],
    diagnose: () => ['text', 'json', 'markdown', 'summary'].flatMap((o) => [['diagnose', 'orders-api-6d8f7c9b54-q7xkz', ...cluster(), '-o', o], ['diagnose', 'orders-api-6d8f7c9b54-q7xkz', ...cluster(), '-o', o, '--watch']]),
    scan: () => ['text', 'json', 'markdown', 'summary'].map((o) => ['scan', ...cluster(), '-o', o, '--all']),
    record: () => [['record', 'orders-api-6d8f7c9b54-q7xkz', ...cluster(), '-f', join(hostileFolder, 'recorded.json')]],
  };

  it('covers every command the CLI has', () => {
    expect(Object.keys(MATRIX).sort()).toEqual(Object.keys(COMMANDS).sort());
  });

  for (const command of Object.keys(MATRIX)) {
    it(`${command}`, async () => {
      for (const args of MATRIX[command]!()) {
        const watching = args.includes('--watch');
        const result = await run(args, watching ? { until: /diagnosis|"pods"|^\d\d:\d\d:\d\d (CRITICAL|WARNING|INFO|OK) /m } : {});
        const label = args.map((a) => (a.startsWith('/') ? a.split('/').pop() : a)).join(' ');
        expect(rawControls(result.stdout), `${label} stdout`).toEqual([]);
        expect(rawControls(result.stderr), `${label} stderr`).toEqual([]);
        if (!watching && command !== 'rules') expect(result.code, `${label}: ${result.stderr}`).toBe(0);
        // The attack is there, shown: `^[` (escaped `^\[` in Markdown) or `\u001b` in JSON.
        if (['replay', 'diagnose', 'scan', 'facts'].includes(command)) expect(result.stdout, label).toMatch(/\^\\?\[|\\u001b/);
      }
      if (command === 'record') expect(rawControls(await readFile(join(hostileFolder, 'recorded.json'), 'utf8'))).toEqual([]);
    }, 60_000);
  }

  it('an error line quoting the input shows control characters, never sends them', async () => {
    const bad = join(hostileFolder, 'bad.json');
    await writeFile(bad, `{"kind": "Pod", "metadata": {"name": ${JSON.stringify(PAYLOAD)}}}`);
    const result = await run(['replay', bad, `--captured-at=\u001b]0;owned\u0007`]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('^[]0;owned^G');
    expect(rawControls(result.stderr)).toEqual([]);
  });
});

describe('no output path can bypass the sink', () => {
  it('nothing but src/cli/print.ts writes to standard output or error (the UI draws through ink)', async () => {
    const offenders: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) await walk(path);
        else if (/\.tsx?$/.test(entry.name) && !path.endsWith(join('cli', 'print.ts'))) {
          const source = await readFile(path, 'utf8');
          const direct = /process\.(?:stdout|stderr)\.write\(|console\.(?:log|error|warn|info)\(/.test(source);
          // run-ui.tsx switches to the alternate screen: fixed sequences, no data.
          if (direct && !(path.endsWith('run-ui.tsx') && !/console\./.test(source) && !/write\((?!ENTER_ALTERNATE_SCREEN|LEAVE_ALTERNATE_SCREEN)/.test(source))) offenders.push(path);
        }
      }
    };
    await walk(join(ROOT, 'src'));
    expect(offenders).toEqual([]);
  });
});
