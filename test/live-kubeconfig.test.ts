import { copyFile, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadClusterTarget } from '../src/sources/cluster/kubeconfig.js';
import { ROOT } from './helpers.js';

function config(name: string, server: string, { current = name, namespace }: { current?: string; namespace?: string } = {}): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    `- name: ${name}`,
    '  cluster:',
    `    server: ${server}`,
    'users:',
    `- name: ${name}-user`,
    '  user:',
    '    token: abc',
    'contexts:',
    `- name: ${name}`,
    '  context:',
    `    cluster: ${name}`,
    `    user: ${name}-user`,
    ...(namespace ? [`    namespace: ${namespace}`] : []),
    ...(current ? [`current-context: ${current}`] : []),
    '',
  ].join('\n');
}

describe('loadClusterTarget', () => {
  let dir: string;
  let home: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'podmortem-kubeconfig-'));
    home = join(dir, 'home');
    await mkdir(join(home, '.kube'), { recursive: true });
    await writeFile(join(home, '.kube', 'config'), config('home', 'https://home.example:6443'));
    await writeFile(join(dir, 'prod'), config('prod', 'https://prod.example:6443', { namespace: 'shop' }));
    await writeFile(join(dir, 'staging'), config('staging', 'https://staging.example:6443'));
    await writeFile(join(dir, 'prod-again'), config('prod', 'https://other.example:6443', { current: '' }));
    await writeFile(join(dir, 'broken'), 'clusters: [\n  - name: x\n  bad: : :\n');
    await writeFile(join(dir, 'no-current'), config('lonely', 'https://lonely.example:6443', { current: '' }));
  });

  it('reads ~/.kube/config when nothing else is given, with namespace default', () => {
    const target = loadClusterTarget({ env: {}, home });
    expect(target).toMatchObject({ context: 'home', server: 'https://home.example:6443', namespace: 'default', user: 'home-user' });
  });

  it('merges the files of KUBECONFIG: the first to name a context or the current context wins', () => {
    const env = { KUBECONFIG: [join(dir, 'prod'), join(dir, 'prod-again'), join(dir, 'staging')].join(delimiter) };
    const target = loadClusterTarget({ env, home });
    expect(target).toMatchObject({ context: 'prod', server: 'https://prod.example:6443', namespace: 'shop' });
    expect(loadClusterTarget({ env, home, context: 'staging' }).server).toBe('https://staging.example:6443');
  });

  it('skips KUBECONFIG entries that do not exist, as kubectl does', () => {
    const env = { KUBECONFIG: [join(dir, 'missing'), join(dir, 'staging')].join(delimiter) };
    expect(loadClusterTarget({ env, home }).context).toBe('staging');
  });

  it('lets --kubeconfig win over KUBECONFIG', () => {
    const env = { KUBECONFIG: join(dir, 'staging') };
    expect(loadClusterTarget({ env, home, kubeconfig: join(dir, 'prod') }).context).toBe('prod');
  });

  it('names the available contexts when --context does not exist', () => {
    expect(() => loadClusterTarget({ env: { KUBECONFIG: [join(dir, 'prod'), join(dir, 'staging')].join(delimiter) }, home, context: 'qa' })).toThrow(
      /^context "qa" is not in kubeconfig .*: use one of prod, staging$/,
    );
  });

  it('asks for --context when there is no current context', () => {
    expect(() => loadClusterTarget({ env: {}, home, kubeconfig: join(dir, 'no-current') })).toThrow(/has no current-context: pass --context NAME \(one of lonely\)/);
  });

  it('says which kubeconfig does not parse, in one line', () => {
    let message = '';
    try {
      loadClusterTarget({ env: {}, home, kubeconfig: join(dir, 'broken') });
    } catch (error) {
      message = (error as Error).message;
      expect((error as Error).name).toBe('InputError');
    }
    expect(message).toMatch(/^kubeconfig .*broken does not parse: /);
    expect(message).not.toContain('\n');
  });

  it('says when a kubeconfig is empty', async () => {
    await writeFile(join(dir, 'empty'), '\n');
    expect(() => loadClusterTarget({ env: {}, home, kubeconfig: join(dir, 'empty') })).toThrow(/^kubeconfig .*empty is empty; point --kubeconfig/);
  });

  it('says when --kubeconfig or every KUBECONFIG file is missing', () => {
    expect(() => loadClusterTarget({ env: {}, home, kubeconfig: join(dir, 'nope') })).toThrow(/nope: no such file/);
    expect(() => loadClusterTarget({ env: { KUBECONFIG: join(dir, 'nope') }, home })).toThrow(/KUBECONFIG names no existing file/);
  });

  it('uses the service account inside a pod, with its namespace, when no kubeconfig exists', async () => {
    const root = join(dir, 'pod-root');
    const sa = join(root, 'var/run/secrets/kubernetes.io/serviceaccount');
    await mkdir(sa, { recursive: true });
    await writeFile(join(sa, 'token'), 'sa-token');
    await copyFile(join(ROOT, 'test/support/tls/ca.crt'), join(sa, 'ca.crt'));
    await writeFile(join(sa, 'namespace'), 'payments');
    const env = { KUBERNETES_SERVICE_HOST: '10.96.0.1', KUBERNETES_SERVICE_PORT: '443' };
    const target = loadClusterTarget({ env, home: join(dir, 'nowhere'), serviceAccountRoot: root });
    expect(target).toMatchObject({ server: 'https://10.96.0.1:443', namespace: 'payments', origin: 'in-cluster' });
    const options: { headers?: Record<string, string> } = {};
    await target.kubeConfig.applyToHTTPSOptions(options);
    expect(options.headers?.Authorization).toBe('Bearer sa-token');
  });

  it('explains where it looked when there is no configuration at all', () => {
    expect(() => loadClusterTarget({ env: {}, home: join(dir, 'nowhere') })).toThrow(/^no kubeconfig: .*--kubeconfig FILE, set KUBECONFIG, or run inside a pod/);
  });
});
