import { REDACTED } from './redact-text.js';

/**
 * Annotations hold anything tools put there (Vault tokens, connection strings, whole manifests),
 * so only those known to carry no secret keep their value: Kubernetes' own
 * (`kubernetes.io/`, `*.kubernetes.io/`, `*.k8s.io/`) and widely used tools' that say how a pod
 * is wired (CNI, service mesh, Prometheus scraping, config checksums, autoscalers, GitOps
 * owners, workload identity). Every other annotation keeps its key, so the reader still sees it
 * was there, and its value becomes `[REDACTED]` unless it is a plain `true`/`false`.
 * kubectl's last-applied manifest is dropped whole: it repeats the spec, env values included.
 */
export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

const KEPT_DOMAINS = /^(?:[\w.-]+\.)?(?:kubernetes\.io|k8s\.io)\//;
const KEPT_PREFIXES = [
  'checksum/',
  'prometheus.io/',
  'cni.projectcalico.org/',
  'k8s.v1.cni.cncf.io/',
  'sidecar.istio.io/',
  'proxy.istio.io/',
  'istio.io/',
  'linkerd.io/',
  'config.linkerd.io/',
  'openshift.io/',
  'karpenter.sh/',
  'meta.helm.sh/',
  'helm.sh/',
  'argocd.argoproj.io/',
  'eks.amazonaws.com/',
  'iam.gke.io/',
  'azure.workload.identity/',
];
const BOOLEAN = /^(?:true|false)$/i;

export function isKeptAnnotation(key: string): boolean {
  return KEPT_DOMAINS.test(key) || KEPT_PREFIXES.some((prefix) => key.startsWith(prefix));
}

/** The annotations podmortem keeps: allow-listed values, other keys with `[REDACTED]`, last-applied dropped. */
export function scrubAnnotations(annotations: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(annotations)) {
    if (key === LAST_APPLIED) continue;
    out[key] = isKeptAnnotation(key) || typeof value !== 'string' || BOOLEAN.test(value) ? value : REDACTED;
  }
  return out;
}
