// What kubectl accepts, for the subcommands podmortem suggests: each verb's resource types,
// flags and whether it writes. Every flag here exists in kubectl v1.28.0 (checked against its
// source, k8s.io/kubectl@v0.28.0 pkg/cmd) and v1.34.4 (the cluster suite checks each against
// `kubectl VERB --help` of the kubectl it builds), so a command this table accepts parses on
// every kubectl from 1.28 to 1.34. Resource types are those the verb can act on end to end:
// `rollout` only knows Deployments, DaemonSets and StatefulSets; `set resources` on a bare Pod
// or a Job parses but the API server refuses to change their pod template.

/** A flag that takes a value (`--tail=100`, `--tail 100`), or one that does not (`--previous`). */
export type FlagKind = 'value' | 'bool';

export interface VerbSpec {
  /** What the first positional names: resource types (and `TYPE/NAME`), a pod, a node, a plain name, or nothing. */
  readonly positional: 'resource' | 'pod' | 'node' | 'name' | 'none';
  /** For `resource`: the kinds it accepts (canonical names, see KINDS); `any` for every known kind. */
  readonly kinds?: ReadonlySet<string> | 'any';
  /** Long flag name (no dashes) → kind; short aliases in SHORT. */
  readonly flags: Readonly<Record<string, FlagKind>>;
  readonly short?: Readonly<Record<string, string>>;
  /** Allowed values of some flags (`--profile`: the profiles kubectl 1.28 already had). */
  readonly values?: Readonly<Record<string, readonly string[]>>;
  /** Changes cluster state: the cluster suite runs it with `--dry-run=server` (when `dryRun`). */
  readonly mutates: boolean;
  /** Takes `--dry-run=server`. */
  readonly dryRun?: boolean;
  /** A flag that makes a mutating verb read-only (`set env --list`). */
  readonly readOnlyWith?: string;
  /** Needs a command after `--`. */
  readonly needsCommand?: boolean;
}

/** kubectl's names for the kinds podmortem mentions: plural, singular and short names, to one canonical name. */
export const KINDS: Readonly<Record<string, string>> = Object.fromEntries(
  (
    [
      ['pod', 'pods', 'po'],
      ['deployment', 'deployments', 'deploy'],
      ['statefulset', 'statefulsets', 'sts'],
      ['daemonset', 'daemonsets', 'ds'],
      ['replicaset', 'replicasets', 'rs'],
      ['replicationcontroller', 'replicationcontrollers', 'rc'],
      ['job', 'jobs'],
      ['cronjob', 'cronjobs', 'cj'],
      ['node', 'nodes', 'no'],
      ['event', 'events', 'ev'],
      ['configmap', 'configmaps', 'cm'],
      ['secret', 'secrets'],
      ['serviceaccount', 'serviceaccounts', 'sa'],
      ['service', 'services', 'svc'],
      ['endpointslice', 'endpointslices'],
      ['persistentvolumeclaim', 'persistentvolumeclaims', 'pvc'],
      ['persistentvolume', 'persistentvolumes', 'pv'],
      ['storageclass', 'storageclasses', 'sc'],
      ['priorityclass', 'priorityclasses', 'pc'],
      ['runtimeclass', 'runtimeclasses'],
      ['volumeattachment', 'volumeattachments'],
      ['csinode', 'csinodes'],
      ['namespace', 'namespaces', 'ns'],
      ['resourcequota', 'resourcequotas', 'quota'],
      ['limitrange', 'limitranges', 'limits'],
      ['validatingwebhookconfiguration', 'validatingwebhookconfigurations'],
      ['mutatingwebhookconfiguration', 'mutatingwebhookconfigurations'],
    ] as const
  ).flatMap((names) => names.map((name) => [name, names[0]])),
);

const kinds = (...names: string[]): ReadonlySet<string> => new Set(names);
const ROLLOUT_KINDS = kinds('deployment', 'statefulset', 'daemonset');
/** Objects whose pod template (`spec.template`) can be changed in place. */
const TEMPLATE_KINDS = kinds('deployment', 'statefulset', 'daemonset', 'replicaset', 'replicationcontroller');

/** Flags every kubectl command takes. */
export const GLOBAL_FLAGS: Readonly<Record<string, FlagKind>> = { namespace: 'value', context: 'value', kubeconfig: 'value', 'request-timeout': 'value', v: 'value' };
export const GLOBAL_SHORT: Readonly<Record<string, string>> = { n: 'namespace' };

const OUTPUT = { output: 'value', template: 'value' } as const;

/** Verbs by their words: `get`, `set resources`, `create secret docker-registry`. */
export const VERBS: Readonly<Record<string, VerbSpec>> = {
  get: {
    positional: 'resource',
    kinds: 'any',
    flags: { ...OUTPUT, watch: 'bool', 'watch-only': 'bool', selector: 'value', 'field-selector': 'value', 'all-namespaces': 'bool', 'show-labels': 'bool', 'label-columns': 'value', 'no-headers': 'bool', 'sort-by': 'value', 'ignore-not-found': 'bool', 'show-kind': 'bool' },
    short: { o: 'output', w: 'watch', l: 'selector', A: 'all-namespaces', L: 'label-columns' },
    mutates: false,
  },
  describe: { positional: 'resource', kinds: 'any', flags: { selector: 'value', 'all-namespaces': 'bool', 'show-events': 'bool' }, short: { l: 'selector', A: 'all-namespaces' }, mutates: false },
  logs: {
    positional: 'pod',
    flags: { container: 'value', previous: 'bool', tail: 'value', 'all-containers': 'bool', follow: 'bool', since: 'value', timestamps: 'bool', selector: 'value', 'limit-bytes': 'value' },
    short: { c: 'container', p: 'previous', f: 'follow', l: 'selector' },
    mutates: false,
  },
  exec: { positional: 'pod', flags: { container: 'value', stdin: 'bool', tty: 'bool' }, short: { c: 'container', i: 'stdin', t: 'tty' }, mutates: false, needsCommand: true },
  'top pod': { positional: 'name', flags: { containers: 'bool', 'all-namespaces': 'bool', 'sort-by': 'value', selector: 'value', 'no-headers': 'bool' }, short: { A: 'all-namespaces', l: 'selector' }, values: { 'sort-by': ['cpu', 'memory'] }, mutates: false },
  'top node': { positional: 'name', flags: { 'sort-by': 'value', selector: 'value', 'no-headers': 'bool' }, short: { l: 'selector' }, values: { 'sort-by': ['cpu', 'memory'] }, mutates: false },
  'set env': {
    positional: 'resource',
    kinds: kinds('pod', 'deployment', 'statefulset', 'daemonset', 'replicaset', 'replicationcontroller', 'job', 'cronjob'),
    flags: { ...OUTPUT, containers: 'value', list: 'bool', env: 'value', from: 'value', keys: 'value', overwrite: 'bool', resolve: 'bool' },
    short: { c: 'containers', e: 'env', o: 'output' },
    mutates: true,
    dryRun: true,
    readOnlyWith: 'list',
  },
  'set resources': {
    positional: 'resource',
    kinds: new Set([...TEMPLATE_KINDS, 'cronjob']),
    flags: { ...OUTPUT, containers: 'value', limits: 'value', requests: 'value' },
    short: { c: 'containers', o: 'output' },
    mutates: true,
    dryRun: true,
  },
  'set image': { positional: 'resource', kinds: new Set([...TEMPLATE_KINDS, 'pod', 'cronjob']), flags: { ...OUTPUT, all: 'bool' }, short: { o: 'output' }, mutates: true, dryRun: true },
  'rollout history': { positional: 'resource', kinds: ROLLOUT_KINDS, flags: { ...OUTPUT, revision: 'value' }, short: { o: 'output' }, mutates: false },
  'rollout status': { positional: 'resource', kinds: ROLLOUT_KINDS, flags: { watch: 'bool', timeout: 'value', revision: 'value' }, short: { w: 'watch' }, mutates: false },
  'rollout undo': { positional: 'resource', kinds: ROLLOUT_KINDS, flags: { ...OUTPUT, 'to-revision': 'value' }, short: { o: 'output' }, mutates: true, dryRun: true },
  'rollout restart': { positional: 'resource', kinds: ROLLOUT_KINDS, flags: { ...OUTPUT }, short: { o: 'output' }, mutates: true, dryRun: true },
  patch: { positional: 'resource', kinds: 'any', flags: { ...OUTPUT, patch: 'value', type: 'value', 'patch-file': 'value' }, short: { p: 'patch', o: 'output' }, values: { type: ['json', 'merge', 'strategic'] }, mutates: true, dryRun: true },
  edit: { positional: 'resource', kinds: 'any', flags: { ...OUTPUT }, short: { o: 'output' }, mutates: false },
  delete: { positional: 'resource', kinds: 'any', flags: { 'grace-period': 'value', force: 'bool', selector: 'value', all: 'bool', wait: 'bool', 'ignore-not-found': 'bool' }, short: { l: 'selector' }, mutates: true, dryRun: true },
  debug: {
    positional: 'pod',
    flags: { stdin: 'bool', tty: 'bool', 'copy-to': 'value', container: 'value', image: 'value', profile: 'value', target: 'value', 'share-processes': 'bool', attach: 'bool', quiet: 'bool' },
    short: { i: 'stdin', t: 'tty', c: 'container', q: 'quiet' },
    // `sysadmin` came in kubectl 1.30; 1.28 has these.
    values: { profile: ['legacy', 'general', 'baseline', 'netadmin', 'restricted'] },
    mutates: false,
  },
  run: {
    positional: 'name',
    flags: { image: 'value', restart: 'value', rm: 'bool', stdin: 'bool', tty: 'bool', command: 'bool', env: 'value', labels: 'value', attach: 'bool' },
    short: { i: 'stdin', t: 'tty', l: 'labels' },
    values: { restart: ['Always', 'OnFailure', 'Never'] },
    mutates: true,
  },
  'create job': { positional: 'name', flags: { ...OUTPUT, image: 'value', from: 'value' }, short: { o: 'output' }, mutates: true, dryRun: true },
  'create configmap': { positional: 'name', flags: { ...OUTPUT, 'from-literal': 'value', 'from-file': 'value', 'from-env-file': 'value' }, short: { o: 'output' }, mutates: true, dryRun: true },
  'create secret generic': { positional: 'name', flags: { ...OUTPUT, 'from-literal': 'value', 'from-file': 'value', type: 'value' }, short: { o: 'output' }, mutates: true, dryRun: true },
  'create secret docker-registry': {
    positional: 'name',
    flags: { ...OUTPUT, 'docker-server': 'value', 'docker-username': 'value', 'docker-password': 'value', 'docker-email': 'value' },
    short: { o: 'output' },
    mutates: true,
    dryRun: true,
  },
  taint: { positional: 'resource', kinds: kinds('node'), flags: { ...OUTPUT, all: 'bool', overwrite: 'bool', selector: 'value' }, short: { l: 'selector', o: 'output' }, mutates: true, dryRun: true },
  label: { positional: 'resource', kinds: 'any', flags: { ...OUTPUT, overwrite: 'bool', all: 'bool', selector: 'value', list: 'bool' }, short: { l: 'selector', o: 'output' }, mutates: true, dryRun: true },
  cordon: { positional: 'node', flags: { selector: 'value' }, short: { l: 'selector' }, mutates: true, dryRun: true },
  uncordon: { positional: 'node', flags: { selector: 'value' }, short: { l: 'selector' }, mutates: true, dryRun: true },
};

/** `top pods` is `top pod`; `top nodes` is `top node`. */
export const VERB_ALIASES: Readonly<Record<string, string>> = { 'top pods': 'top pod', 'top po': 'top pod', 'top nodes': 'top node', 'top no': 'top node' };
