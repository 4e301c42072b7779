import type { PodDiagnosis } from '../model/finding.js';

export const REPORT_SCHEMA_VERSION = 1;

/** The JSON contract: fields are added over time, never renamed. */
export function renderJson(pods: readonly PodDiagnosis[]): string {
  return `${JSON.stringify({ schemaVersion: REPORT_SCHEMA_VERSION, pods }, null, 2)}\n`;
}
