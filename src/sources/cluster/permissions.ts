/** One rule of the Role podmortem needs, with why, so the printed YAML explains itself. */
interface NeededRule {
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
  readonly why: string;
}

/** Everything podmortem reads in a namespace; it never needs more, and never a write verb. */
export const NEEDED_RULES: readonly NeededRule[] = [
  { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'], why: 'the pods; list for scan and deploy/NAME, watch for --watch' },
  { apiGroups: [''], resources: ['pods/log'], verbs: ['get'], why: 'the last lines of crashed and failing containers' },
  { apiGroups: [''], resources: ['events'], verbs: ['list', 'watch'], why: 'what kubelet and the scheduler reported' },
  { apiGroups: [''], resources: ['services'], verbs: ['list'], why: 'Services selecting the pod' },
  { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: ['list'], why: "the pod's endpoint readiness in those Services" },
  {
    apiGroups: ['apps'],
    resources: ['deployments', 'replicasets', 'statefulsets', 'daemonsets', 'controllerrevisions'],
    verbs: ['get', 'list'],
    why: 'owner chain, rollout history and sibling pods; deploy/ sts/ ds/ rs/NAME',
  },
  { apiGroups: ['batch'], resources: ['jobs', 'cronjobs'], verbs: ['get', 'list'], why: 'owner chain, and job/NAME' },
];

const list = (items: readonly string[]) => `[${items.map((i) => `"${i}"`).join(', ')}]`;

/** A RoleBinding subject from the name the API server reported: service accounts by their own kind. */
function subjectYaml(subject: string | null): string[] {
  const account = subject ? /^system:serviceaccount:([^:]+):([^:]+)$/.exec(subject) : null;
  if (account) return ['  - kind: ServiceAccount', `    name: ${account[2]}`, `    namespace: ${account[1]}`];
  return ['  - kind: User', '    apiGroup: rbac.authorization.k8s.io', `    name: ${JSON.stringify(subject ?? 'YOUR-USER')}`];
}

/**
 * A minimal Role and RoleBinding (a ClusterRole and ClusterRoleBinding for all namespaces)
 * granting what podmortem reads, ready for `kubectl apply -f -`.
 */
export function accessYaml(namespace: string | null, subject: string | null): string {
  const role = namespace ? 'Role' : 'ClusterRole';
  const metadata = ['metadata:', '  name: podmortem-reader', ...(namespace ? [`  namespace: ${namespace}`] : [])];
  const rules = NEEDED_RULES.flatMap((r) => [
    `  # ${r.why}`,
    `  - apiGroups: ${list(r.apiGroups)}`,
    `    resources: ${list(r.resources)}`,
    `    verbs: ${list(r.verbs)}`,
  ]);
  const nodes = namespace
    ? [
        '# Optional, cluster-wide: node conditions and node events (SystemOOM, pressure) need',
        '# {apiGroups: [""], resources: ["nodes"], verbs: ["get"]} in a ClusterRole and',
        '# {apiGroups: [""], resources: ["events"], verbs: ["list"]} in a Role in namespace default.',
      ]
    : [];
  const nodeRules = namespace ? [] : ['  # node conditions', '  - apiGroups: [""]', '    resources: ["nodes"]', '    verbs: ["get"]'];
  return [
    'apiVersion: rbac.authorization.k8s.io/v1',
    `kind: ${role}`,
    ...metadata,
    'rules:',
    ...rules,
    ...nodeRules,
    '---',
    'apiVersion: rbac.authorization.k8s.io/v1',
    `kind: ${role}Binding`,
    ...metadata,
    'subjects:',
    ...subjectYaml(subject),
    'roleRef:',
    '  apiGroup: rbac.authorization.k8s.io',
    `  kind: ${role}`,
    '  name: podmortem-reader',
    ...nodes,
    '',
  ].join('\n');
}
