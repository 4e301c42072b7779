import { parseArgs } from 'node:util';
import { createDiagnoser } from '../../engine/diagnose.js';
import { gatherTarget } from '../../sources/cluster/gather-target.js';
import { parsePodTarget } from '../../sources/cluster/pod-target.js';
import { ReadCache } from '../../sources/cluster/read-cache.js';
import { againstCluster, CLUSTER_OPTIONS, connect } from '../cluster-options.js';
import { COMMON_OPTIONS } from '../common-options.js';
import { diagnoseByHealth, rankByDiagnosis, type SortedDiagnoses } from '../live-diagnosis.js';
import { loadRules } from '../load-rules.js';
import { outputOptions } from '../output-options.js';
import { writeReport } from '../render-report.js';
import { UsageError } from '../usage-error.js';
import { watchDiagnosis } from '../watch-diagnosis.js';
import { printErr } from '../print.js';

/** A workload's pods to show: the unhealthy ones worst first, else all of them (healthy). */
function workloadPods(ref: string, namespace: string, sorted: SortedDiagnoses) {
  const total = sorted.unhealthy.length + sorted.healthy.length;
  if (total === 0) printErr(`podmortem: ${ref} in namespace ${namespace} selects no pods\n`);
  else if (sorted.unhealthy.length && sorted.healthy.length) {
    printErr(`podmortem: ${sorted.unhealthy.length} of ${total} pods unhealthy (worst first); ${sorted.healthy.length} healthy not shown\n`);
  }
  return sorted.unhealthy.length ? sorted.unhealthy : sorted.healthy;
}

/** `podmortem diagnose POD|deploy/NAME`: gather from the cluster and diagnose. */
export async function diagnoseCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { ...COMMON_OPTIONS, ...CLUSTER_OPTIONS, watch: { type: 'boolean', short: 'w' } },
  });
  if (positionals.length !== 1) throw new UsageError('diagnose takes one POD, or deploy/NAME, sts/NAME, ds/NAME, job/NAME, rs/NAME');
  const target = parsePodTarget(positionals[0] ?? '');
  if (values.watch && target.kind !== 'pod') throw new UsageError(`--watch follows one pod, not ${target.ref}: give one of its pods`);
  const output = outputOptions(values, false);
  const { client, namespace } = connect(values);
  return againstCluster(client, values, async () => {
    const rulesLoaded = loadRules({ rulePaths: values.rules ?? [], strict: values.strict ?? false });
    if (values.watch) return watchDiagnosis(client, namespace, target.name, createDiagnoser((await rulesLoaded).rules), output);
    const diagnoser = createDiagnoser((await rulesLoaded).rules);
    const incidents = await gatherTarget(new ReadCache(client), namespace, target, { rank: rankByDiagnosis(diagnoser) });
    const sorted = await diagnoseByHealth(diagnoser, incidents);
    const pods = target.kind === 'pod' ? [...sorted.unhealthy, ...sorted.healthy] : workloadPods(target.ref, namespace, sorted);
    // diagnose deploy/NAME leads with the workload's roll-up, then its unhealthy pods.
    const workloads = target.kind === 'pod' ? (sorted.workloads ?? []) : (sorted.workloads ?? []).filter((w) => w.name === target.name && w.kind === target.type.kind);
    return writeReport(pods, output, workloads, target.kind !== 'pod');
  });
}
