/** kubectl's short names of the controllers that own pods, as people type them: `deploy/orders-api`. */
const SHORT_KINDS: Readonly<Record<string, string>> = {
  Deployment: 'deploy',
  StatefulSet: 'sts',
  DaemonSet: 'ds',
  ReplicaSet: 'rs',
  Job: 'job',
  CronJob: 'cronjob',
  ReplicationController: 'rc',
};

/** A controller kind as kubectl's short name (`deploy`, `sts`); other kinds lower-cased (`node`). */
export function shortKind(kind: string): string {
  return SHORT_KINDS[kind] ?? kind.toLowerCase();
}

/**
 * `deploy/orders-api`, `sts/db`: a workload as people type it after kubectl, the one way podmortem
 * names a pod's owner to a reader (scan tables, the UI's OWNER column, workload roll-ups).
 */
export function workloadRef(kind: string, name: string): string {
  return `${shortKind(kind)}/${name}`;
}
