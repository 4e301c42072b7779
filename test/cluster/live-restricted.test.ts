// A user who may only `get pods` in one namespace (the restricted kubeconfig up writes): a
// partial diagnosis that lists what was missing and the rule that would grant it; where pods
// themselves are forbidden, one line and a Role that, once applied, is enough.
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { clusterAvailable, kubeConfig, loadSeeded, rawRequest, readClusterEnv, type ClusterEnv } from './helpers.js';
import { runCli } from './live-helpers.js';

const seeded = loadSeeded();

interface Diagnosis {
  name: string;
  findings: { cause: string }[];
  missing: string[];
}

describe.skipIf(!clusterAvailable())('podmortem with restricted permissions (live)', () => {
  let env: ClusterEnv;
  let admin: k8s.KubeConfig;
  let restricted: string[];
  let pod: string;
  const applied: string[] = [];

  beforeAll(() => {
    env = readClusterEnv();
    admin = kubeConfig(env.adminKubeconfig);
    restricted = ['--kubeconfig', env.restrictedKubeconfig];
    pod = seeded.pods.find((p) => p.namespace === env.restrictedNamespace)?.name ?? '';
  });

  afterAll(async () => {
    for (const url of applied) await rawRequest(admin, 'DELETE', url);
  });

  it('diagnoses from the pod alone and lists each missing piece with the RBAC rule that grants it', async () => {
    // No -n: the restricted kubeconfig's context names the namespace.
    const result = await runCli(['diagnose', pod, '-o', 'json', ...restricted]);
    expect(result.code, result.stderr).toBe(0);
    const [diagnosis] = (JSON.parse(result.stdout) as { pods: Diagnosis[] }).pods;
    expect(diagnosis?.findings[0]?.cause).toBe('oom-limit');
    const ns = env.restrictedNamespace;
    expect(diagnosis?.missing).toEqual([
      `Services selecting the pod: forbidden to list services in namespace ${ns}; grant {apiGroups: [""], resources: ["services"], verbs: ["list"]} in a Role in namespace ${ns}`,
      'events of node node-a: forbidden to list events in namespace default; grant {apiGroups: [""], resources: ["events"], verbs: ["list"]} in a Role in namespace default',
      `events of the pod: forbidden to list events in namespace ${ns}; grant {apiGroups: [""], resources: ["events"], verbs: ["list"]} in a Role in namespace ${ns}`,
      `logs of container app (previous instance): forbidden to get pods/log in namespace ${ns}; grant {apiGroups: [""], resources: ["pods/log"], verbs: ["get"]} in a Role in namespace ${ns}`,
      'node node-a: forbidden to get nodes (cluster-wide); grant {apiGroups: [""], resources: ["nodes"], verbs: ["get"]} in a ClusterRole',
    ]);
    const text = await runCli(['diagnose', pod, ...restricted]);
    expect(text.stdout).toContain('Evidence not available:');
  });

  it('forbidden pods in another namespace: one line with verb, resource and namespace, and the Role', async () => {
    const result = await runCli(['diagnose', 'healthy-web', '-n', 'podmortem-e2e', ...restricted]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const [first, ...yaml] = result.stderr.split('\n');
    expect(first).toBe(
      `podmortem: forbidden: user "${env.restrictedUser}" cannot get pods in namespace podmortem-e2e; an admin can grant what podmortem needs with this Role and RoleBinding (kubectl apply -f):`,
    );
    const kinds = parseAllDocuments(yaml.join('\n')).map((d) => (d.toJS() as { kind: string }).kind);
    expect(kinds).toEqual(['Role', 'RoleBinding']);
  });

  it('prints a Role for scan that, once an admin applies it, lets the same user scan the namespace', async () => {
    const denied = await runCli(['scan', '-o', 'json', ...restricted]);
    expect(denied.code).toBe(2);
    const [first, ...yaml] = denied.stderr.split('\n');
    expect(first).toMatch(new RegExp(`^podmortem: forbidden: user "${env.restrictedUser}" cannot list pods in namespace ${env.restrictedNamespace}; `));
    const [role, binding] = parseAllDocuments(yaml.join('\n')).map((d) => d.toJS() as { metadata: { name: string } });
    const base = `/apis/rbac.authorization.k8s.io/v1/namespaces/${env.restrictedNamespace}`;
    for (const [url, object] of [
      [`${base}/roles`, role],
      [`${base}/rolebindings`, binding],
    ] as const) {
      const created = await rawRequest(admin, 'POST', url, object);
      expect(created.status, created.text).toBe(201);
      applied.push(`${url}/${object?.metadata.name}`);
    }
    // RBAC reaches the authorizer through an informer: give it a moment.
    let scan = await runCli(['scan', '-o', 'json', ...restricted]);
    for (let i = 0; i < 20 && scan.code !== 0; i++) {
      await new Promise((r) => setTimeout(r, 250));
      scan = await runCli(['scan', '-o', 'json', ...restricted]);
    }
    expect(scan.code, scan.stderr).toBe(0);
    const pods = (JSON.parse(scan.stdout) as { pods: Diagnosis[] }).pods;
    expect(pods.map((p) => [p.name, p.findings[0]?.cause])).toEqual([[pod, 'oom-limit']]);
    // Only the optional cluster-wide pieces (node, node events) stay out of reach, and the logs
    // this control plane cannot serve (no kubelet).
    expect(pods[0]?.missing.map((m) => m.split(':')[0])).toEqual(['events of node node-a', 'logs of container app (previous instance)', 'node node-a']);
    expect(pods[0]?.missing[1]).toContain("could not get it from the node's kubelet");
  });
});
