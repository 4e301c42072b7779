// The kubeconfig reader's own YAML subset must read every file exactly as the `yaml` package
// does, or hand it over: never a different value.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { parseKubeconfigSubset, parseKubeconfigText } from '../src/sources/cluster/kubeconfig-yaml.js';

/** Shapes kubectl, kind, minikube, k3s and the cloud CLIs write. */
const SAMPLES: Record<string, string> = {
  kubectl: `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUM=
    server: https://127.0.0.1:6443
  name: kind-kind
contexts:
- context:
    cluster: kind-kind
    user: kind-kind
  name: kind-kind
current-context: kind-kind
kind: Config
preferences: {}
users:
- name: kind-kind
  user:
    client-certificate-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t
    client-key-data: LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQ==
`,
  eks: `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: LS0tLS1CRUdJTg==
    server: https://ABCDEF0123456789.gr7.eu-west-1.eks.amazonaws.com
  name: arn:aws:eks:eu-west-1:123456789012:cluster/prod
contexts:
- context:
    cluster: arn:aws:eks:eu-west-1:123456789012:cluster/prod
    namespace: shop # the team's default
    user: arn:aws:eks:eu-west-1:123456789012:cluster/prod
  name: arn:aws:eks:eu-west-1:123456789012:cluster/prod
current-context: arn:aws:eks:eu-west-1:123456789012:cluster/prod
kind: Config
preferences: {}
users:
- name: arn:aws:eks:eu-west-1:123456789012:cluster/prod
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      args:
      - --region
      - eu-west-1
      - eks
      - get-token
      - --cluster-name
      - prod
      - --output
      - json
      command: aws
      env:
      - name: AWS_PROFILE
        value: "prod"
      interactiveMode: IfAvailable
      provideClusterInfo: false
`,
  gke: `apiVersion: v1
kind: Config
clusters:
  - name: gke_proj_europe-west4_main
    cluster:
      server: 'https://34.90.1.2'
      certificate-authority-data: LS0t
contexts:
  - name: gke_proj_europe-west4_main
    context:
      cluster: gke_proj_europe-west4_main
      user: gke_proj_europe-west4_main
current-context: gke_proj_europe-west4_main
users:
  - name: gke_proj_europe-west4_main
    user:
      exec:
        apiVersion: client.authentication.k8s.io/v1beta1
        command: gke-gcloud-auth-plugin
        installHint: "Install gke-gcloud-auth-plugin for use with kubectl by following\\n  https://cloud.google.com/kubernetes-engine/docs/how-to/cluster-access-for-kubectl#install_plugin"
        provideClusterInfo: true
`,
  minikube: `# written by minikube
apiVersion: v1
clusters:
- cluster:
    certificate-authority: /home/dev/.minikube/ca.crt
    extensions:
    - extension:
        last-update: Wed, 20 Nov 2026 10:00:00 UTC
        provider: minikube.sigs.k8s.io
        version: v1.34.0
      name: cluster_info
    server: https://192.168.49.2:8443
  name: minikube
contexts:
- context:
    cluster: minikube
    namespace: default
    user: minikube
  name: minikube
current-context: minikube
kind: Config
preferences: {}
users:
- name: minikube
  user:
    client-certificate: /home/dev/.minikube/profiles/minikube/client.crt
    client-key: /home/dev/.minikube/profiles/minikube/client.key
`,
  tokens: `apiVersion: v1
kind: Config
clusters:
- name: "on-prem"
  cluster:
    server: "https://k8s.example.internal:6443"
    insecure-skip-tls-verify: true
    tls-server-name: k8s.example.internal
    proxy-url: http://proxy.example.internal:3128
users:
- name: 'ci'
  user:
    token: "eyJhbGciOiJSUzI1NiJ9.e30.sig"
    as: system:serviceaccount:ci:deployer
    as-groups: ["system:authenticated"]
- name: basic
  user:
    username: admin
    password: 'it''s a secret # not a comment'
contexts:
- name: ci@on-prem
  context: {cluster: on-prem, user: ci}
current-context: ci@on-prem
`,
  empty: '\n# nothing here\n',
  merge: `defaults: &defaults
  server: https://a
clusters:
- name: a
  cluster:
    <<: *defaults
`,
};

describe('the kubeconfig YAML subset', () => {
  it.each(Object.entries(SAMPLES))('%s: reads as the yaml package does', (_name, text) => {
    expect(parseKubeconfigText(text)).toEqual(parse(text, { merge: true }));
  });

  it('reads the usual files itself, without the yaml package', () => {
    for (const name of ['kubectl', 'eks', 'gke', 'minikube', 'empty']) expect(parseKubeconfigSubset(SAMPLES[name]!), name).not.toBeUndefined();
  });

  it('hands on flow collections with content, anchors, block scalars, tabs and duplicate keys', () => {
    expect(parseKubeconfigSubset(SAMPLES.tokens!)).toBeUndefined();
    expect(parseKubeconfigSubset(SAMPLES.merge!)).toBeUndefined();
    for (const text of ['a: |\n  x\n', 'a:\n\tb: 1\n', 'a: 1\na: 2\n', 'a: b\n  c\n', '---\na: 1\n', 'a: !!str 1\n', 'a: 0x1f\n', 'a: b: c\n', 'a: "x" y\n']) {
      expect(parseKubeconfigSubset(text), JSON.stringify(text)).toBeUndefined();
    }
  });

  /** A parse's value, or that it threw: two parsers agree when both give the same value or both refuse. */
  const outcome = (parse: () => unknown): { value: unknown } | { refused: true } => {
    try {
      return { value: parse() };
    } catch {
      return { refused: true };
    }
  };

  it('a merge of no map is refused, as yaml refuses it', () => {
    const written = stringify({ '': [[{ '<<': 0 }]] });
    expect(outcome(() => parse(written, { merge: true }))).toEqual({ refused: true });
    expect(outcome(() => parseKubeconfigText(written))).toEqual({ refused: true });
  });

  it('any kubeconfig-like document, as yaml writes it in any style: the same value or handed on', () => {
    const text = fc.oneof(
      fc.constantFrom('prod', 'https://10.0.0.1:6443', "it's", 'a#b', 'a #b', 'x: y', '- x', '~', 'null', 'true', 'False', '12', '1.5', '0x1F', '1e3', '', ' lead', 'trail ', '"q"', "'s'", '#', '[a]', '{}', '*x', '&a', '!t', '%', '@', '`', '|', '>', '?', 'é', '\\', 'a\\nb'),
      fc.string({ maxLength: 12 }),
    );
    const leaf = fc.oneof(text, fc.boolean(), fc.integer(), fc.constant(null));
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('list'), tie('map')),
      list: fc.array(tie('node'), { maxLength: 3 }),
      map: fc.dictionary(text, tie('node'), { maxKeys: 4 }),
    })).map;
    const styles = fc.record({ indentSeq: fc.boolean(), indent: fc.constantFrom(2, 4), flow: fc.boolean() });
    fc.assert(
      fc.property(value, styles, (document, style) => {
        const written = stringify(document, { indentSeq: style.indentSeq, indent: style.indent, ...(style.flow ? { collectionStyle: 'flow' as const } : {}) });
        const ours = parseKubeconfigSubset(written);
        if (ours !== undefined) expect(ours).toEqual(parse(written));
        // A document yaml itself refuses (`<<: 0`, a merge of no map) must be refused by ours too.
        expect(outcome(() => parseKubeconfigText(written))).toEqual(outcome(() => parse(written, { merge: true })));
      }),
      { numRuns: 400, seed: 20261204 },
    );
  });
});
