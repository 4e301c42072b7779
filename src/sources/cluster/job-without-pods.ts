import type { V1Job } from '@kubernetes/client-node';
import type { Incident } from '../../model/incident.js';
import { jobFinished, jobPodsStandIn } from '../job-stand-ins.js';
import { scrubWorkload } from '../redaction/scrub-workload.js';
import { emptyOwnerObjects, WorkloadIndex } from '../workload-evidence.js';
import type { ClusterClient } from './api-client.js';
import { liveIncident } from './gather-pod.js';
import { MissingEvidence } from './missing-evidence.js';

/**
 * `diagnose job/NAME` for a finished Job whose selector matches no pod any more (the Job
 * controller deletes the pods it stops on DeadlineExceeded; a TTL or a cleanup may delete the
 * rest): the Job's own conditions are the evidence, carried by a stand-in for its pods as in a
 * replay of the Job alone. Null for a Job that has not finished: no pods then says nothing.
 */
export function jobWithoutPodsIncident(client: ClusterClient, job: V1Job, capturedAt: string): Incident | null {
  if (!jobFinished(job)) return null;
  const { pod, missing } = jobPodsStandIn(job);
  const index = new WorkloadIndex({ ...emptyOwnerObjects(), jobs: [job] }, [pod]);
  const workload = index.workloadOf(pod);
  const lines = new MissingEvidence();
  for (const line of missing) lines.add(line);
  return liveIncident(client, { pod, events: [], logs: [], nodeEvents: [], owners: index.ownersOf(pod), ...(workload ? { workload: scrubWorkload(workload) } : {}) }, lines, capturedAt);
}
