import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { InputError } from '../input-error.js';
import { parseKubeconfigText } from './kubeconfig-yaml.js';

/*
 * A kubeconfig file read into clusters, users and contexts, with the field names and checks
 * @kubernetes/client-node used (so a file that loaded before loads the same, and the rare
 * configuration only that library handles can be handed to it unchanged), plus what kubectl
 * also reads (token files, impersonated groups, exec plugins' settings). Relative paths are
 * resolved against the file's folder, as kubectl does.
 */

export interface KubeCluster {
  readonly name: string;
  readonly server: string;
  readonly caData?: string;
  readonly caFile?: string;
  readonly skipTLSVerify: boolean;
  readonly tlsServerName?: string;
  readonly proxyUrl?: string;
  /** `extensions[].extension` by name: an exec plugin gets `client.authentication.k8s.io/exec` as its cluster config. */
  readonly extensions?: Readonly<Record<string, unknown>>;
}

/** An exec credential plugin (client.authentication.k8s.io/v1 or v1beta1). */
export interface ExecConfig {
  readonly command: string;
  readonly args?: readonly string[];
  readonly env?: ReadonlyArray<{ name: string; value: string }>;
  readonly apiVersion?: string;
  readonly installHint?: string;
  readonly provideClusterInfo?: boolean;
  readonly interactiveMode?: string;
}

export interface KubeUser {
  readonly name: string;
  readonly token?: string;
  readonly tokenFile?: string;
  readonly certData?: string;
  readonly certFile?: string;
  readonly keyData?: string;
  readonly keyFile?: string;
  readonly username?: string;
  readonly password?: string;
  readonly exec?: ExecConfig;
  /** Legacy auth providers (oidc, gcp, azure): left to @kubernetes/client-node. */
  readonly authProvider?: { name: string; config?: Record<string, unknown> };
  readonly impersonateUser?: string;
  readonly impersonateUid?: string;
  readonly impersonateGroups?: readonly string[];
  readonly impersonateExtra?: Readonly<Record<string, readonly string[]>>;
  /** The folder of the kubeconfig the user came from: relative exec commands start there. */
  readonly configDir?: string;
}

export interface KubeContext {
  readonly name: string;
  readonly cluster: string;
  readonly user?: string;
  readonly namespace?: string;
}

export interface Kubeconfig {
  readonly clusters: readonly KubeCluster[];
  readonly users: readonly KubeUser[];
  readonly contexts: readonly KubeContext[];
  readonly currentContext: string;
}

type Raw = Record<string, unknown>;

const asRecord = (value: unknown): Raw => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Raw) : {});
const asString = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const absolute = (dir: string, file: string | undefined) => (file && !isAbsolute(file) ? join(dir, file) : file);

function named(kind: string, value: unknown, i: number): Raw {
  const item = asRecord(value);
  if (!item.name) throw new Error(`${kind}[${i}].name is missing`);
  return item;
}

function readCluster(value: unknown, i: number, dir: string): KubeCluster {
  const item = named('clusters', value, i);
  const cluster = asRecord(item.cluster);
  if (!item.cluster) throw new Error(`clusters[${i}].cluster is missing`);
  if (!cluster.server) throw new Error(`clusters[${i}].cluster.server is missing`);
  const extensions = Object.fromEntries(list(cluster.extensions).map((e) => [String(asRecord(e).name ?? ''), asRecord(e).extension]));
  return {
    name: String(item.name),
    server: String(cluster.server).replace(/\/$/, ''),
    ...(asString(cluster['certificate-authority-data']) ? { caData: asString(cluster['certificate-authority-data']) } : {}),
    ...(asString(cluster['certificate-authority']) ? { caFile: absolute(dir, asString(cluster['certificate-authority'])) } : {}),
    skipTLSVerify: cluster['insecure-skip-tls-verify'] === true,
    ...(asString(cluster['tls-server-name']) ? { tlsServerName: asString(cluster['tls-server-name']) } : {}),
    ...(asString(cluster['proxy-url']) ? { proxyUrl: asString(cluster['proxy-url']) } : {}),
    ...(Object.keys(extensions).length ? { extensions } : {}),
  };
}

function readExec(value: unknown): ExecConfig | undefined {
  const exec = asRecord(value);
  if (!value) return undefined;
  return {
    command: String(exec.command ?? ''),
    ...(Array.isArray(exec.args) ? { args: exec.args.map(String) } : {}),
    ...(Array.isArray(exec.env) ? { env: exec.env.map((e) => ({ name: String(asRecord(e).name ?? ''), value: String(asRecord(e).value ?? '') })) } : {}),
    ...(asString(exec.apiVersion) ? { apiVersion: asString(exec.apiVersion) } : {}),
    ...(asString(exec.installHint) ? { installHint: asString(exec.installHint) } : {}),
    ...(exec.provideClusterInfo === true ? { provideClusterInfo: true } : {}),
    ...(asString(exec.interactiveMode) ? { interactiveMode: asString(exec.interactiveMode) } : {}),
  };
}

function readUser(value: unknown, i: number, dir: string): KubeUser {
  const item = named('users', value, i);
  const user = asRecord(item.user);
  const provider = asRecord(user['auth-provider']);
  const extra = asRecord(user['as-user-extra']);
  const optional = <T>(key: string, v: T | undefined) => (v === undefined ? {} : { [key]: v });
  return {
    name: String(item.name),
    ...optional('token', asString(user.token)),
    ...optional('tokenFile', absolute(dir, asString(user['token-file']))),
    ...optional('certData', asString(user['client-certificate-data'])),
    ...optional('certFile', absolute(dir, asString(user['client-certificate']))),
    ...optional('keyData', asString(user['client-key-data'])),
    ...optional('keyFile', absolute(dir, asString(user['client-key']))),
    ...optional('username', asString(user.username)),
    ...optional('password', typeof user.password === 'string' ? user.password : undefined),
    ...optional('exec', readExec(user.exec)),
    ...optional('authProvider', user['auth-provider'] ? { name: String(provider.name ?? ''), config: asRecord(provider.config) } : undefined),
    ...optional('impersonateUser', asString(user.as)),
    ...optional('impersonateUid', asString(user['as-uid'])),
    ...optional('impersonateGroups', Array.isArray(user['as-groups']) ? user['as-groups'].map(String) : undefined),
    ...optional('impersonateExtra', Object.keys(extra).length ? Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, list(v).map(String)])) : undefined),
    configDir: dir,
  };
}

function readContext(value: unknown, i: number): KubeContext {
  const item = named('contexts', value, i);
  const context = asRecord(item.context);
  if (!item.context) throw new Error(`contexts[${i}].context is missing`);
  if (!context.cluster) throw new Error(`contexts[${i}].context.cluster is missing`);
  return {
    name: String(item.name),
    cluster: String(context.cluster),
    ...(asString(context.user) ? { user: asString(context.user) } : {}),
    ...(asString(context.namespace) ? { namespace: asString(context.namespace) } : {}),
  };
}

/** Builds the kubeconfig from a parsed document; throws on entries without the fields every entry needs. */
export function kubeconfigFromDocument(document: unknown, dir: string): Kubeconfig {
  const doc = asRecord(document);
  return {
    clusters: list(doc.clusters).map((c, i) => readCluster(c, i, dir)),
    users: list(doc.users).map((u, i) => readUser(u, i, dir)),
    contexts: list(doc.contexts).map((c, i) => readContext(c, i)),
    currentContext: typeof doc['current-context'] === 'string' ? doc['current-context'] : '',
  };
}

/** Reads one kubeconfig file; a missing, empty or unreadable one is an InputError saying which and how to fix it. */
export function readKubeconfigFile(file: string): Kubeconfig {
  if (!existsSync(file)) throw new InputError(`kubeconfig ${file}: no such file; pass an existing file with --kubeconfig or fix KUBECONFIG`);
  if (statSync(file).isDirectory()) throw new InputError(`kubeconfig ${file} is a folder: give the kubeconfig file itself (e.g. ${join(file, 'config')})`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(`kubeconfig ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); fix its permissions or point --kubeconfig at another`);
  }
  if (!text.trim()) throw new InputError(`kubeconfig ${file} is empty; point --kubeconfig or KUBECONFIG at a kubeconfig with clusters, users and contexts`);
  try {
    return kubeconfigFromDocument(parseKubeconfigText(text), dirname(file));
  } catch (error) {
    const message = (error as Error).message.split('\n')[0] ?? '';
    throw new InputError(`kubeconfig ${file} does not parse: ${message}; fix the file or point --kubeconfig at another`);
  }
}
