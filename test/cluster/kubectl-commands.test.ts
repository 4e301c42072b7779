// Every kubectl command podmortem suggests, run by a real kubectl (v1.34, built by build.sh)
// against the real API server: the fixtures' pods are rebuilt here with their workloads, nodes
// and ServiceAccounts, and each command of each fixture's diagnosis runs against them: read-only
// ones as they are, mutating ones with --dry-run=server, `edit` with an editor that changes
// nothing. A command passes when kubectl succeeds or the answer is about the cluster's data (an
// object the incident says is missing, no kubelet to stream logs from, no metrics server), never
// when kubectl refuses the command itself. The table `npm test` checks commands against
// (test/support/kubectl-table.ts) is checked here against this kubectl's own --help.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '../../src/model/incident.js';
import { kubectlInvocations, parseInvocation } from '../support/kubectl-invocations.js';
import { GLOBAL_FLAGS, VERBS } from '../support/kubectl-table.js';
import { commandsOf, fixtureIncidents, type FixtureIncident, type SuggestedCommand } from '../support/suggested-commands.js';
import { describable } from '../support/read-paste.js';
import { builtInDiagnoser } from '../helpers.js';
import { planeObjects, type PlaneObjects } from './fixture-objects.js';
import { clusterAvailable, readClusterEnv, type ClusterEnv } from './helpers.js';
import { mapLimit, runKubectl, type KubectlResult } from './kubectl-helpers.js';
import { runCli } from './live-helpers.js';

/** Each fixture's namespace gets a prefix of its own (`kc7-shop`): fixtures share namespace and workload names, and nothing here may touch the seeded namespaces. */
const PREFIX = 'kc';
/** Where kubectl puts what a command creates without naming a namespace (`kubectl debug node/...`). */
const SCRATCH = 'kc-scratch';

/** Values for the `<placeholders>` a suggested command leaves to the reader. */
const PLACEHOLDERS: Readonly<Record<string, string>> = {
  host: 'kubernetes.default',
  // Valid as a label key and as a ConfigMap or Secret key.
  key: 'app.mode',
  value: 'debug',
  size: '2Gi',
  'working-set': '256Mi',
  peak: '512Mi',
  'new-limit': '1Gi',
  'arch-of-the-image': 'amd64',
  registry: 'registry.example.com',
  repository: 'shop/app',
  tag: '1.0.0',
  'existing-tag': '1.0.0',
  user: 'ci-bot',
  token: 'not-a-real-token',
};

/** Answers about the cluster's data or its missing parts (no kubelet, no metrics server), not about the command. */
const DATA_ANSWERS = [
  /Error from server \(NotFound\)/,
  /Error from server \(BadRequest\): (previous terminated )?container "[^"]+" in pod "[^"]+" (is (waiting|terminated)|not found)/,
  /Error from server \(BadRequest\): pod [^ ]+ does not have a host assigned/,
  /dial tcp|no such host|connection refused|error dialing backend|No agent available|unable to upgrade connection|no preferred addresses found/,
  /Metrics API not available|the server could not find the requested resource \(get pods\.metrics\.k8s\.io\)|metrics not available yet/,
  /no rollout history found|unable to find specified revision/,
  /taint "[^"]+" not found/,
];
/** What kubectl prints when it refuses the command itself: never acceptable. */
const USAGE_ERRORS = /unknown (flag|shorthand flag|command)|See 'kubectl .* -h'|doesn't have a resource type|no (history viewer|rollbacker|restarter)|required flag|accepts \d+ arg|invalid argument|flag needs an argument|cannot be used with|is not supported|error: unable to parse|field label not supported|unable to find(?! specified revision)/i;

/** Verbs and flags that keep kubectl running until stopped (watch, follow, attach, a debug session). */
function waits(args: readonly string[]): boolean {
  const verb = args[0];
  return verb === 'debug' || verb === 'run' || verb === 'exec' || args.some((a) => /^-(w|f|it|ti|i|t)$|^--(watch|follow|stdin|tty)(=true)?$/.test(a));
}

function fillPlaceholders(args: readonly string[], pod: string, node: string): string[] {
  return args.map((arg) =>
    arg.replace(/<([a-z][a-z-]*)>/g, (match, name: string) => {
      if (name === 'node') return node;
      if (name === 'running-pod') return pod;
      const value = PLACEHOLDERS[name];
      if (!value) throw new Error(`no test value for the placeholder ${match} in: kubectl ${args.join(' ')}`);
      return value;
    }),
  );
}

interface Run {
  readonly command: SuggestedCommand;
  readonly args: string[];
  readonly result: KubectlResult;
}

function verdict(run: Run): string | null {
  const { result } = run;
  const output = `${result.stderr}\n${result.code === 0 ? '' : result.stdout}`;
  if (USAGE_ERRORS.test(output)) return 'kubectl refused the command';
  if (result.timedOut) return waits(run.args) && !/error/i.test(result.stderr) ? null : 'did not finish';
  if (result.code === 0) return null;
  return DATA_ANSWERS.some((answer) => answer.test(output)) ? null : `exit ${result.code}`;
}

describe.skipIf(!clusterAvailable())('suggested kubectl commands against a real kubectl and API server', () => {
  let env: ClusterEnv;
  let kubeconfig: string;
  let plane: PlaneObjects;
  let runs: Run[] = [];
  const kubectl = (args: readonly string[], options: Parameters<typeof runKubectl>[2] = {}) =>
    runKubectl(env.kubectl, args, { ...options, env: { KUBECONFIG: kubeconfig, KUBE_EDITOR: 'true', ...options.env } });

  beforeAll(async () => {
    env = readClusterEnv();
    // The admin's kubeconfig with the scratch namespace as its default.
    kubeconfig = path.join(mkdtempSync(path.join(tmpdir(), 'podmortem-kubectl-')), 'config');
    const view = await runKubectl(env.kubectl, ['config', 'view', '--raw', '--flatten', '-o', 'json'], { env: { KUBECONFIG: env.adminKubeconfig } });
    const config = JSON.parse(view.stdout) as { contexts: Array<{ context: { namespace?: string } }> };
    for (const c of config.contexts) c.context.namespace = SCRATCH;
    writeFileSync(kubeconfig, JSON.stringify(config), { mode: 0o600 });

    // A pod the API server refused to create, or one known only from get pods rows (placeholder
    // names, no exit codes), is no object a cluster could hold: their commands are checked against
    // kubectl's argument table only (test/suggested-kubectl.test.ts).
    const named = (incident: Incident) => [...(incident.pod.spec?.initContainers ?? []), ...(incident.pod.spec?.containers ?? [])].every((c) => !/^<.*>$/.test(c.name));
    const all = (await fixtureIncidents()).filter(({ incident }) => describable(incident) && named(incident));
    const fixtures = [...new Set(all.map((f) => f.fixture))];
    const incidents: FixtureIncident[] = all.map(({ fixture, incident }) => {
      const namespace = `${PREFIX}${fixtures.indexOf(fixture)}-${incident.pod.metadata?.namespace ?? 'default'}`.slice(0, 63);
      return { fixture, incident: { ...incident, pod: { ...incident.pod, metadata: { ...incident.pod.metadata, namespace } } } as Incident };
    });
    const diagnoser = await builtInDiagnoser();
    const withWorkloads = incidents.map(({ incident }) => ({ incident, workload: (diagnoser.facts(incident).values.workload as string | null) ?? null }));
    plane = planeObjects(withWorkloads);
    const namespaces = [...plane.namespaces, SCRATCH].map((name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }));
    const scratchAccount = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: SCRATCH } };
    const existingNodes = JSON.parse((await kubectl(['get', 'nodes', '-o', 'json'])).stdout) as { items: Array<{ metadata: { name: string } }> };
    const newNodes = plane.nodes.filter((n) => !existingNodes.items.some((e) => e.metadata.name === (n.metadata as { name: string }).name));
    plane = { ...plane, nodes: newNodes };
    const create = await kubectl(['create', '-f', '-', '-o', 'name'], {
      input: JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [...namespaces, ...newNodes, scratchAccount, ...plane.objects] }),
      timeoutMs: 60_000,
    });
    // Warnings (a duplicate port name in a fixture) are fine; an object refused is not.
    expect(create.stderr.split('\n').filter((line) => line && !line.startsWith('Warning:')), 'creating the fixtures\' objects').toEqual([]);

    const commands = await commandsOf(incidents);
    // The seeded pods as a live scan diagnoses them: owners resolved from the cluster. Their
    // namespaces are shared with other tests, so commands that create objects (debug, run) are
    // left to the fixtures' copies above.
    const scan = JSON.parse((await runCli(['scan', '-A', '--all', '-o', 'json', '--kubeconfig', env.adminKubeconfig])).stdout) as {
      pods: Array<{ namespace: string; name: string; findings: Array<{ rule: string; remediation: Array<{ command?: string }> }> }>;
    };
    for (const pod of scan.pods.filter((p) => !p.namespace.startsWith(PREFIX))) {
      for (const finding of pod.findings) {
        for (const step of finding.remediation) {
          if (step.command && !kubectlInvocations(step.command).some((args) => args[0] === 'debug' || args[0] === 'run')) {
            commands.push({ origin: `live ${pod.namespace}/${pod.name}`, rule: finding.rule, command: step.command });
          }
        }
      }
    }

    const node = (plane.nodes[0]?.metadata as { name?: string } | undefined)?.name ?? existingNodes.items[0]!.metadata.name;
    const seen = new Set<string>();
    const planned: Array<{ command: SuggestedCommand; args: string[] }> = [];
    for (const command of commands) {
      const pod = /^[^/]+\/(.+)$/.exec(command.origin)?.[1] ?? 'pod';
      for (const raw of kubectlInvocations(command.command)) {
        const args = fillPlaceholders(raw, pod.split('/').pop()!, node);
        const { invocation } = parseInvocation(args);
        const spec = invocation?.spec;
        const dryRun = spec?.dryRun && !(spec.readOnlyWith && invocation?.flags.has(spec.readOnlyWith));
        const final = dryRun ? [...args, '--dry-run=server'] : args;
        const key = final.join('\u0000');
        if (seen.has(key)) continue;
        seen.add(key);
        planned.push({ command, args: final });
      }
    }
    runs = await mapLimit(planned, 4, async ({ command, args }) => ({ command, args, result: await kubectl(args, { timeoutMs: waits(args) ? 4_000 : 20_000 }) }));
  }, 600_000);

  afterAll(async () => {
    if (!env) return;
    // Nothing here may outlive the file: other tests count the plane's pods and nodes. With no
    // controller-manager, deleting a namespace does not delete its content, so each object goes.
    const namespaces = [...(plane?.namespaces ?? []), SCRATCH];
    for (const namespace of namespaces) {
      await kubectl(['delete', 'pods,deployments,statefulsets,daemonsets,replicasets,replicationcontrollers,jobs', '--all', '-n', namespace, '--grace-period=0', '--force', '--wait=false'], { timeoutMs: 60_000 });
    }
    await kubectl(['delete', 'namespace', ...namespaces, '--wait=false'], { timeoutMs: 60_000 });
    const nodes = (plane?.nodes ?? []).map((n) => (n.metadata as { name: string }).name);
    if (nodes.length) await kubectl(['delete', 'node', ...nodes, '--wait=false'], { timeoutMs: 60_000 });
  }, 180_000);

  it('runs every distinct invocation, of every verb the rules use, mutating ones server-side dry', () => {
    expect(runs.length).toBeGreaterThan(150);
    const verbs = new Set(runs.map((r) => parseInvocation(r.args).invocation?.verb));
    for (const verb of ['get', 'describe', 'logs', 'exec', 'debug', 'set resources', 'set image', 'patch', 'rollout history', 'rollout undo', 'edit', 'delete', 'create secret docker-registry']) {
      expect(verbs, verb).toContain(verb);
    }
    expect(runs.filter((r) => r.args.includes('--dry-run=server')).length).toBeGreaterThan(20);
    // Real objects answer: most invocations succeed outright.
    const succeeded = runs.filter((r) => r.result.code === 0).length;
    expect(succeeded).toBeGreaterThan(runs.length / 2);
    const dry = runs.filter((r) => r.args.includes('--dry-run=server')).length;
    const waited = runs.filter((r) => r.result.timedOut).length;
    process.stdout.write(`kubectl ${runs.length} suggested invocations: ${succeeded} succeeded (${dry} of them --dry-run=server), ${waited} still waiting on the cluster when stopped, ${runs.length - succeeded - waited} answered about the data\n`);
  });

  it('every one is accepted by kubectl, and the API server answers only about the data', () => {
    const refused = runs.flatMap((run) => {
      const why = verdict(run);
      return why ? [`${run.command.origin} (${run.command.rule}): kubectl ${run.args.join(' ')}\n    ${why}: ${run.result.stderr.trim().split('\n').slice(0, 3).join(' | ')}`] : [];
    });
    expect(refused).toEqual([]);
  });

  it('rollout history of a ReplicaSet, which podmortem no longer suggests, is refused by this kubectl', async () => {
    // A ReplicaSet that exists (the rollout fixtures create some), so only the verb can be refused.
    const listed = await kubectl(['get', 'replicasets', '-A', '-o', 'json']);
    const [rs] = (JSON.parse(listed.stdout) as { items: Array<{ metadata: { name: string; namespace: string } }> }).items;
    expect(rs, 'the fixtures create at least one ReplicaSet').toBeDefined();
    const target = `replicaset/${rs!.metadata.name}`;
    const namespace = rs!.metadata.namespace;
    const result = await kubectl(['rollout', 'history', target, '-n', namespace]);
    expect(result.code).not.toBe(0);
    expect(verdict({ command: { origin: 'test', rule: 'none', command: '' }, args: ['rollout', 'history', target], result })).not.toBeNull();
  });

  it('the flag table npm test uses matches this kubectl: every flag it lists is in `kubectl VERB --help`', async () => {
    const missing: string[] = [];
    for (const [verb, spec] of Object.entries(VERBS)) {
      const help = await kubectl([...verb.split(' '), '--help']);
      const global = await kubectl(['options']);
      for (const flag of [...Object.keys(spec.flags), ...Object.keys(GLOBAL_FLAGS)]) {
        if (!new RegExp(`--${flag}[=:\\s]`).test(help.stdout) && !new RegExp(`--${flag}[=:\\s]`).test(global.stdout)) missing.push(`${verb} --${flag}`);
      }
      for (const [letter, long] of Object.entries(spec.short ?? {})) {
        if (!new RegExp(`-${letter}, --${long}[=:\\s]`).test(help.stdout)) missing.push(`${verb} -${letter} (--${long})`);
      }
    }
    expect(missing).toEqual([]);
  }, 120_000);
});
