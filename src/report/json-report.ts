import type { PodDiagnosis } from '../model/finding.js';
import { jsonText } from './json-text.js';

export const REPORT_SCHEMA_VERSION = 1;

/** The JSON contract: fields are added over time, never renamed. */
export function renderJson(pods: readonly PodDiagnosis[]): string {
  return `${jsonText({ schemaVersion: REPORT_SCHEMA_VERSION, pods }, 2)}\n`;
}
