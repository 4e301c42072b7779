import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { KubeConfig, type Cluster, type Context, type User } from '@kubernetes/client-node';
import { InputError } from '../input-error.js';

/** The cluster, user and namespace one run talks to, resolved the way kubectl resolves them. */
export interface ClusterTarget {
  readonly kubeConfig: KubeConfig;
  readonly context: string;
  readonly user: string;
  readonly server: string;
  /** The context's namespace, else `default`: what `-n` falls back to. */
  readonly namespace: string;
  /** The kubeconfig files read, or `in-cluster`. */
  readonly origin: string;
}

export interface KubeconfigOptions {
  /** `--kubeconfig FILE`: this one file, ignoring KUBECONFIG. */
  readonly kubeconfig?: string;
  /** `--context NAME`: instead of the current context. */
  readonly context?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly home?: string;
  /** Prefix of the service-account files (tests point it at a folder); `''` in a real pod. */
  readonly serviceAccountRoot?: string;
}

const SERVICE_ACCOUNT_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

function readKubeconfigFile(file: string): KubeConfig {
  if (!existsSync(file)) throw new InputError(`kubeconfig ${file}: no such file; pass an existing file with --kubeconfig or fix KUBECONFIG`);
  // The client reads an empty file as a document without clusters and fails on a property read.
  if (!readFileSync(file, 'utf8').trim()) throw new InputError(`kubeconfig ${file} is empty; point --kubeconfig or KUBECONFIG at a kubeconfig with clusters, users and contexts`);
  const kc = new KubeConfig();
  try {
    kc.loadFromFile(file);
  } catch (error) {
    const message = (error as Error).message.split('\n')[0] ?? '';
    throw new InputError(`kubeconfig ${file} does not parse: ${message}; fix the file or point --kubeconfig at another`);
  }
  return kc;
}

/** KUBECONFIG's files merged as kubectl does: the first file that names a cluster, user, context or current context wins. */
function mergeFiles(files: readonly string[]): KubeConfig {
  const clusters = new Map<string, Cluster>();
  const users = new Map<string, User>();
  const contexts = new Map<string, Context>();
  let currentContext = '';
  for (const file of files) {
    const kc = readKubeconfigFile(file);
    for (const c of kc.getClusters()) if (!clusters.has(c.name)) clusters.set(c.name, c);
    for (const u of kc.getUsers()) if (!users.has(u.name)) users.set(u.name, u);
    for (const c of kc.getContexts()) if (!contexts.has(c.name)) contexts.set(c.name, c);
    currentContext ||= kc.getCurrentContext() ?? '';
  }
  const merged = new KubeConfig();
  merged.loadFromOptions({ clusters: [...clusters.values()], users: [...users.values()], contexts: [...contexts.values()], currentContext });
  return merged;
}

function kubeconfigFiles(options: KubeconfigOptions): string[] | null {
  if (options.kubeconfig) return [options.kubeconfig];
  const env = options.env ?? process.env;
  if (env.KUBECONFIG) {
    const listed = env.KUBECONFIG.split(delimiter).filter(Boolean);
    // kubectl skips listed files that do not exist; all missing is an error worth naming.
    const existing = listed.filter((f) => existsSync(f));
    if (existing.length === 0) throw new InputError(`KUBECONFIG names no existing file (${listed.join(delimiter)}): fix KUBECONFIG or pass --kubeconfig`);
    return existing;
  }
  const home = options.home ?? env.HOME ?? homedir();
  const file = join(home, '.kube', 'config');
  return existsSync(file) ? [file] : null;
}

function inClusterConfig(options: KubeconfigOptions): KubeConfig | null {
  const env = options.env ?? process.env;
  const root = options.serviceAccountRoot ?? '';
  if (!env.KUBERNETES_SERVICE_HOST || !env.KUBERNETES_SERVICE_PORT || !existsSync(`${root}${SERVICE_ACCOUNT_TOKEN}`)) return null;
  const saved = { host: process.env.KUBERNETES_SERVICE_HOST, port: process.env.KUBERNETES_SERVICE_PORT };
  // The client reads the service address from process.env only.
  process.env.KUBERNETES_SERVICE_HOST = env.KUBERNETES_SERVICE_HOST;
  process.env.KUBERNETES_SERVICE_PORT = env.KUBERNETES_SERVICE_PORT;
  try {
    const kc = new KubeConfig();
    kc.loadFromCluster(root);
    return kc;
  } finally {
    if (saved.host === undefined) delete process.env.KUBERNETES_SERVICE_HOST;
    else process.env.KUBERNETES_SERVICE_HOST = saved.host;
    if (saved.port === undefined) delete process.env.KUBERNETES_SERVICE_PORT;
    else process.env.KUBERNETES_SERVICE_PORT = saved.port;
  }
}

/**
 * Finds the kubeconfig like kubectl: `--kubeconfig`, else the files in KUBECONFIG merged, else
 * ~/.kube/config, else the pod's service account when running inside a cluster.
 */
export function loadClusterTarget(options: KubeconfigOptions = {}): ClusterTarget {
  const files = kubeconfigFiles(options);
  const kc = files ? mergeFiles(files) : inClusterConfig(options);
  if (!kc) {
    throw new InputError('no kubeconfig: ~/.kube/config does not exist and KUBECONFIG is not set; pass --kubeconfig FILE, set KUBECONFIG, or run inside a pod with a service account');
  }
  const origin = files ? files.join(delimiter) : 'in-cluster';
  return targetForContext(kc, options.context ?? kc.getCurrentContext(), origin);
}

/** The same kubeconfig pointed at another of its contexts (`:ctx NAME` in the UI). */
export function switchContext(target: ClusterTarget, context: string): ClusterTarget {
  const kc = new KubeConfig();
  kc.loadFromOptions({ clusters: target.kubeConfig.getClusters(), users: target.kubeConfig.getUsers(), contexts: target.kubeConfig.getContexts(), currentContext: context });
  return targetForContext(kc, context, target.origin);
}

function targetForContext(kc: KubeConfig, contextName: string, origin: string): ClusterTarget {
  const names = kc.getContexts().map((c) => c.name);
  if (!contextName) {
    throw new InputError(`kubeconfig ${origin} has no current-context: pass --context NAME${names.length ? ` (one of ${names.join(', ')})` : ''}`);
  }
  const context = kc.getContextObject(contextName);
  if (!context) {
    throw new InputError(`context "${contextName}" is not in kubeconfig ${origin}${names.length ? `: use one of ${names.join(', ')}` : ': it defines no contexts'}`);
  }
  kc.setCurrentContext(contextName);
  const cluster = kc.getCluster(context.cluster);
  if (!cluster) throw new InputError(`context "${contextName}" names cluster "${context.cluster}", which kubeconfig ${origin} does not define`);
  if (context.user && !kc.getUser(context.user)) {
    throw new InputError(`context "${contextName}" names user "${context.user}", which kubeconfig ${origin} does not define`);
  }
  const namespace = context.namespace?.trim() || 'default';
  return { kubeConfig: kc, context: contextName, user: context.user ?? '', server: cluster.server, namespace, origin };
}
