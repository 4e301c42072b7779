import type { PodDiagnosis } from '../../src/model/finding.js';
import type { Incident } from '../../src/model/incident.js';
import { builtInDiagnoser } from '../helpers.js';
import { readPaste } from './read-paste.js';
import { renderDescribe } from '../../src/report/describe-text.js';

/** The root cause of a diagnosis as fixtures name it. */
export function rootCause(pod: PodDiagnosis) {
  const top = pod.findings[0];
  return top ? { rule: top.rule, cause: top.cause, container: top.container } : null;
}

/**
 * Facts whose evidence kubectl describe pod never prints (it shows no finalizers, and a finished
 * pod being deleted shows its phase, not Terminating). A root cause resting on one cannot come
 * back from a paste; the paste must then not invent another.
 */
const NOT_IN_DESCRIBE = new Set(['finalizers']);

export function restsOnUnprintedFacts(pod: PodDiagnosis): boolean {
  return (pod.findings[0]?.why ?? []).some((condition) => NOT_IN_DESCRIBE.has(condition.fact));
}

/** What describe pod does not print comes from the user's other inputs (logs, node, services), as with `replay paste.txt node.yaml`. */
function withEvidenceBesideDescribe(parsed: Incident, original: Incident): Incident {
  return {
    ...parsed,
    logs: original.logs,
    nodeEvents: original.nodeEvents,
    ...(original.node ? { node: original.node } : {}),
    ...(original.services ? { services: original.services } : {}),
    ...(original.owners ? { owners: original.owners } : {}),
  };
}

/** A fixture incident's diagnosis, and the diagnosis of its describe text after `mess` was done to it. */
export async function diagnoseBothWays(original: Incident, mess: (text: string) => string = (t) => t) {
  const diagnoser = await builtInDiagnoser();
  const capturedAt = original.source.capturedAt;
  const parsed = await readPaste(mess(renderDescribe(original.pod, original.events, capturedAt)), capturedAt);
  const fromFixture = await diagnoser.diagnose(original);
  const fromPaste = parsed.length === 1 && parsed[0] ? await diagnoser.diagnose(withEvidenceBesideDescribe(parsed[0], original)) : null;
  return { fromFixture, fromPaste, parsed };
}
