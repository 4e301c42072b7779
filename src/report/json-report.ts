import type { PodDiagnosis } from '../model/finding.js';
import type { WorkloadSummary } from '../model/workload.js';
import { jsonText } from './json-text.js';

export const REPORT_SCHEMA_VERSION = 1;

/** The JSON contract: fields are added over time, never renamed. `workloads` rolls the pods up by owner. */
export function renderJson(pods: readonly PodDiagnosis[], workloads: readonly WorkloadSummary[] = []): string {
  return `${jsonText({ schemaVersion: REPORT_SCHEMA_VERSION, pods, workloads }, 2)}\n`;
}
