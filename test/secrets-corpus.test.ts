// The secrets corpus through every way podmortem reads evidence (files, a describe paste, a
// live API, bundles) and every way it writes it (reports, facts, --debug, bundles, the UI):
// no planted secret survives, and what explains the crash stays readable.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { V1Pod } from '@kubernetes/client-node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../src/cli/command-table.js';
import type { Incident } from '../src/model/incident.js';
import { normalizeEvent } from '../src/sources/normalize-event.js';
import { createBundle } from '../src/sources/bundle.js';
import { saveBundle } from '../src/sources/cluster/save-bundle.js';
import { loadReplay } from '../src/sources/load-replay.js';
import { builtInDiagnoser, CLI } from './helpers.js';
import { fixtureRoutes, startFakeApi, status, writeKubeconfig, type FakeApi } from './live-fake-api.js';
import { leakedSecrets, secretEvents, secretLog, secretPod, SECRETS, writeSecretFolder } from './support/secret-corpus.js';
import { renderDescribe } from '../src/report/describe-text.js';
import { KEY, renderApp, staticFeed, type RenderedApp } from './ui/render-app.js';

let folder = '';
let incident: Incident;

beforeAll(async () => {
  folder = await writeSecretFolder();
  [incident] = (await loadReplay([folder])).incidents as [Incident];
});

function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, NO_COLOR: '1', KUBECONFIG: '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the corpus itself', () => {
  it('holds every secret in the files replay reads', async () => {
    const raw = (await Promise.all((await readdir(folder)).map((f) => readFile(join(folder, f), 'utf8')))).join('\n');
    expect(leakedSecrets(raw).sort()).toEqual(Object.keys(SECRETS).sort());
  });
});

describe('replay of plain files redacts at the boundary', () => {
  it('the incident replay builds holds none of the secrets', () => {
    expect(leakedSecrets(JSON.stringify(incident))).toEqual([]);
  });

  it('keeps what explains the crash and what points at the secrets without holding them', async () => {
    const app = incident.pod.spec!.containers[0]!;
    const terminated = incident.pod.status!.containerStatuses![0]!.lastState!.terminated!;
    expect(terminated.reason).toBe('OOMKilled');
    expect(terminated.exitCode).toBe(137);
    expect(app.image).toBe('registry.example.com/shop/orders-api:2.14.1');
    expect(app.readinessProbe?.httpGet?.path).toBe('/ready?token=[REDACTED]');
    expect(app.readinessProbe?.httpGet?.httpHeaders).toEqual([
      { name: 'X-Api-Key', value: '[REDACTED]' },
      { name: 'Authorization', value: '[REDACTED]' },
      { name: 'Host', value: 'orders.shop.svc' },
    ]);
    expect(app.args).toEqual([
      '--db-password',
      '[REDACTED]',
      '--token',
      '[REDACTED]',
      '--client-secret',
      '[REDACTED]',
      '--db=postgres://orders:[REDACTED]@db.shop:5432/orders',
      'api_key=[REDACTED]',
      '--password-file=/run/secrets/db',
    ]);
    expect(app.command?.[2]).toBe('mysql -uroot -p[REDACTED] shop && redis-cli -a [REDACTED] ping && exec java -jar app.jar');
    expect(app.env).toEqual([{ name: 'DB_PASSWORD' }, { name: 'API_TOKEN', valueFrom: { secretKeyRef: { name: 'api', key: 'token' } } }]);
    expect(app.lifecycle?.postStart?.exec?.command).toEqual(['curl', '-u', 'admin:[REDACTED]', 'http://localhost:8080/warm']);
    expect(incident.pod.spec!.initContainers![0]!.command).toEqual(['sshpass', '-p', '[REDACTED]', 'scp', 'keys@vault:/k', '/keys']);
    expect(incident.pod.spec!.volumes![0]!.flexVolume?.options).toEqual({ username: '[REDACTED]', password: '[REDACTED]' });
    expect(incident.pod.spec!.volumes![1]!.csi?.volumeAttributes).toEqual({ secretProviderClass: 'orders', clientSecret: '[REDACTED]' });
    expect(incident.pod.metadata!.annotations).toEqual({
      'vault.hashicorp.com/agent-inject-token': '[REDACTED]',
      'example.com/db-url': '[REDACTED]',
      'example.com/opaque': '[REDACTED]',
      'prometheus.io/scrape': 'true',
    });
    expect(terminated.message).toContain('https://deploy:[REDACTED]@git.example.com/shop.git rejected');
    const log = incident.logs.find((l) => l.container === 'app')!.previous!;
    expect(log).toContain('Building export for 412000 orders');
    expect(log).toContain('connecting with password [REDACTED]');
    const diagnosis = await (await builtInDiagnoser()).diagnose(incident);
    expect(diagnosis.findings[0]).toMatchObject({ rule: 'oom-killed', cause: 'oom-limit', container: 'app' });
  });

  it('a describe paste of the same pod, env values shown, is redacted too', async () => {
    const pod = secretPod() as unknown as V1Pod;
    const events = ((secretEvents(secretPod()) as { items: unknown[] }).items as never[]).map((e) => normalizeEvent(e)!).filter(Boolean);
    const paste = `${renderDescribe(pod, events, '2026-11-20T10:44:02Z')}\n$ kubectl logs orders-api-6d8f7c9b54-q7xkz --previous\n${secretLog()}`;
    expect(paste).toContain(SECRETS.envValue);
    const dir = await mkdtemp(join(tmpdir(), 'podmortem-secret-paste-'));
    const file = join(dir, 'ticket.txt');
    await (await import('node:fs/promises')).writeFile(file, paste);
    const pasted = (await loadReplay([file])).incidents;
    expect(pasted).toHaveLength(1);
    expect(leakedSecrets(JSON.stringify(pasted))).toEqual([]);
    for (const format of ['text', 'json', 'markdown']) {
      const result = await run(['replay', file, '-o', format, '--captured-at', '2026-11-20T10:44:02Z']);
      expect(result.code).toBe(0);
      expect(leakedSecrets(result.stdout + result.stderr), format).toEqual([]);
    }
  });
});

describe('no output path holds a secret', () => {
  let api: FakeApi;
  let kubeconfig: string;
  let outputs: string;
  beforeAll(async () => {
    const pod = secretPod();
    api = await startFakeApi(fixtureRoutes({ pod: pod as never, events: (secretEvents(pod) as { items: unknown[] }).items, log: secretLog() }));
    kubeconfig = await writeKubeconfig(api.url);
    outputs = await mkdtemp(join(tmpdir(), 'podmortem-secret-out-'));
  });
  afterAll(() => api.close());

  const name = 'orders-api-6d8f7c9b54-q7xkz';
  const cluster = () => ['--kubeconfig', kubeconfig, '-n', 'shop'];
  const FORMATS = ['text', 'json', 'markdown'];
  /** Per command: invocations over the corpus, and files they write that must be clean too. */
  const MATRIX: Record<string, () => { args: string[]; writes?: string }[]> = {
    replay: () => FORMATS.flatMap((o) => [{ args: ['replay', folder, '-o', o] }, { args: ['replay', folder, '-o', o, '--debug'] }]),
    gallery: () => [{ args: ['gallery', '-o', 'json'] }],
    facts: () => [{ args: ['facts', folder] }, { args: ['facts', folder, '-o', 'json'] }, { args: ['facts', folder, '--container', 'app'] }],
    rules: () => [{ args: ['rules', 'new', 'orders-oom', '--from', folder, '-o', join(outputs, 'pack')], writes: join(outputs, 'pack', 'orders-oom.json') }],
    diagnose: () => FORMATS.map((o) => ({ args: ['diagnose', name, ...cluster(), '-o', o, '--debug'] })),
    scan: () => FORMATS.map((o) => ({ args: ['scan', ...cluster(), '-o', o, '--all'] })),
    record: () => [{ args: ['record', name, ...cluster(), '-f', join(outputs, 'incident.json')], writes: join(outputs, 'incident.json') }],
  };

  it('covers every command the CLI has', () => {
    expect(Object.keys(MATRIX).sort()).toEqual(Object.keys(COMMANDS).sort());
  });

  for (const command of Object.keys(MATRIX)) {
    it(command, async () => {
      for (const { args, writes } of MATRIX[command]!()) {
        const result = await run(args);
        const label = args.filter((a) => !a.startsWith('/')).join(' ');
        expect(leakedSecrets(result.stdout), `${label} stdout`).toEqual([]);
        expect(leakedSecrets(result.stderr), `${label} stderr`).toEqual([]);
        if (command !== 'scan') expect(result.code, `${label}: ${result.stderr}`).toBe(0);
        if (writes) expect(leakedSecrets(await readFile(writes, 'utf8')), writes).toEqual([]);
      }
    }, 60_000);
  }

  it('a recorded bundle replays clean in every format', async () => {
    const bundle = join(outputs, 'incident.json');
    for (const format of FORMATS) {
      const result = await run(['replay', bundle, '-o', format]);
      expect(result.code).toBe(0);
      expect(leakedSecrets(result.stdout + result.stderr)).toEqual([]);
      if (format === 'text') expect(result.stdout).toContain('OOMKilled at its 512Mi memory limit');
    }
  });

  it('saveBundle scrubs whatever it is handed, so no future path writes a secret', async () => {
    const raw: Incident = {
      pod: secretPod() as never,
      events: [],
      logs: [{ container: 'app', previous: secretLog() }],
      nodeEvents: [],
      source: { kind: 'cluster', capturedAt: '2026-11-20T10:44:02Z' },
      missing: [`events of the pod: forbidden (token ${SECRETS.githubClassic})`],
    };
    const file = join(outputs, 'direct.json');
    await saveBundle(file, createBundle([raw], [{ namespace: 'shop', name, snapshots: [raw] }]));
    expect(leakedSecrets(await readFile(file, 'utf8'))).toEqual([]);
  });

  it('an error that quotes a secret is redacted, with and without --debug', async () => {
    const failing = await startFakeApi([() => status(500, 'InternalError', `etcd said: Authorization: Bearer ${SECRETS.bearer} password=${SECRETS.keyEquals}`)]);
    try {
      const config = await writeKubeconfig(failing.url);
      for (const debug of [[], ['--debug']]) {
        const result = await run(['diagnose', name, '--kubeconfig', config, '-n', 'shop', ...debug]);
        expect(result.code).toBe(2);
        expect(result.stderr).toContain('[REDACTED]');
        expect(leakedSecrets(result.stderr)).toEqual([]);
      }
    } finally {
      await failing.close();
    }
  });
});

describe('the UI on the corpus', () => {
  let app: RenderedApp;
  afterEach(() => app.unmount());

  it('shows no secret on any tab', async () => {
    app = await renderApp(staticFeed([incident]), { columns: 160, rows: 80 });
    await app.waitFor('orders-api');
    await app.press(KEY.enter);
    await app.waitFor('1 Findings');
    for (const tab of ['2', '3', '4', '5']) {
      await app.press(tab);
      await app.press(KEY.pageDown, KEY.pageDown, KEY.pageDown);
    }
    await app.press('4');
    await app.waitFor('[REDACTED]');
    expect(leakedSecrets(app.frames.join('\n'))).toEqual([]);
  });
});
