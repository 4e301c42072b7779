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
export function renderJsonChunks(pods: readonly PodDiagnosis[]): Generator<string> {
  return pods.length === 0 ? emptyReport() : jsonReportPieces(pods.map(jsonPodBlock));
}

function* emptyReport(): Generator<string> {
  yield `${jsonText({ schemaVersion: REPORT_SCHEMA_VERSION, pods: [] }, 2)}\n`;
}

// A pod printed inside `{"p":[...]}` is indented as it is in the whole report; the wrapper is cut off.
const HEAD = '{\n  "p": [\n'.length;
const TAIL = '\n  ]\n}'.length;

/** One pod of the report's `pods` array, indented as it sits there. */
export function jsonPodBlock(pod: PodDiagnosis): string {
  const wrapped = jsonText({ p: [pod] }, 2);
  return wrapped.slice(HEAD, wrapped.length - TAIL);
}

/** The JSON report around at least one pod block made by jsonPodBlock (worst first). */
export function* jsonReportPieces(blocks: Iterable<string>): Generator<string> {
  yield `{\n  "schemaVersion": ${REPORT_SCHEMA_VERSION},\n  "pods": [`;
  let first = true;
  for (const block of blocks) {
    yield `${first ? '' : ','}\n${block}`;
    first = false;
  }
  yield '\n  ]\n}\n';
}
