import { InputError } from '../input-error.js';
import { DAEMON_SETS, DEPLOYMENTS, JOBS, REPLICA_SETS, STATEFUL_SETS, type ResourceType } from './resources.js';

/** What `diagnose` was asked about: one pod, or the pods of a workload. */
export type PodTarget =
  | { readonly kind: 'pod'; readonly name: string }
  | { readonly kind: 'workload'; readonly type: ResourceType; readonly name: string; /** As the user wrote it, e.g. `deploy/api`. */ readonly ref: string };

/** kubectl's short and long names of the workloads that select pods. */
const WORKLOADS: Readonly<Record<string, ResourceType>> = {
  deploy: DEPLOYMENTS,
  deployment: DEPLOYMENTS,
  deployments: DEPLOYMENTS,
  sts: STATEFUL_SETS,
  statefulset: STATEFUL_SETS,
  statefulsets: STATEFUL_SETS,
  ds: DAEMON_SETS,
  daemonset: DAEMON_SETS,
  daemonsets: DAEMON_SETS,
  job: JOBS,
  jobs: JOBS,
  rs: REPLICA_SETS,
  replicaset: REPLICA_SETS,
  replicasets: REPLICA_SETS,
};
const POD_PREFIXES = new Set(['po', 'pod', 'pods']);

/** Parses `NAME`, `pod/NAME` or `TYPE/NAME` (`deploy/api`, `deployment.apps/api`, `sts/db`, `job/x`). */
export function parsePodTarget(argument: string): PodTarget {
  const slash = argument.indexOf('/');
  if (slash < 0) return { kind: 'pod', name: argument };
  const prefix = argument.slice(0, slash).toLowerCase().replace(/\.(apps|batch)$/, '');
  const name = argument.slice(slash + 1);
  if (!name || name.includes('/')) throw new InputError(`"${argument}" is not a pod or workload: give POD, or deploy/NAME, sts/NAME, ds/NAME, job/NAME, rs/NAME`);
  if (POD_PREFIXES.has(prefix)) return { kind: 'pod', name };
  const type = WORKLOADS[prefix];
  if (!type) throw new InputError(`unknown kind "${argument.slice(0, slash)}" in "${argument}": podmortem diagnoses pods and the pods of deploy/, sts/, ds/, job/ and rs/NAME`);
  return { kind: 'workload', type, name, ref: argument };
}
