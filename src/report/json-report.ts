import type { PodDiagnosis } from '../model/finding.js';
import { jsonText } from './json-text.js';

export const REPORT_SCHEMA_VERSION = 1;

/** The JSON contract: fields are added over time, never renamed. */
export function renderJson(pods: readonly PodDiagnosis[]): string {
  return [...renderJsonChunks(pods)].join('');
}

/**
 * The same text in pieces, one pod each, so a fleet's report never has to be one string (V8
 * caps a string near 512 MiB): exactly what `jsonText({ schemaVersion, pods }, 2)` prints.
 */
export function* renderJsonChunks(pods: readonly PodDiagnosis[]): Generator<string> {
  if (pods.length === 0) {
    yield `${jsonText({ schemaVersion: REPORT_SCHEMA_VERSION, pods }, 2)}\n`;
    return;
  }
  yield `{\n  "schemaVersion": ${REPORT_SCHEMA_VERSION},\n  "pods": [`;
  // A pod printed inside `{"p":[...]}` is indented as it is in the whole report; the wrapper is cut off.
  const head = '{\n  "p": [\n'.length;
  const tail = '\n  ]\n}'.length;
  for (let i = 0; i < pods.length; i++) {
    const wrapped = jsonText({ p: [pods[i]] }, 2);
    yield `${i ? ',' : ''}\n${wrapped.slice(head, wrapped.length - tail)}`;
  }
  yield '\n  ]\n}\n';
}
