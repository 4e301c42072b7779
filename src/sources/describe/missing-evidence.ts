import type { V1Pod } from '@kubernetes/client-node';
import type { CaptureTime } from './capture-time.js';
import type { PasteLine } from './paste-lines.js';
import { CONTAINER_PLACEHOLDER, NAMESPACE_PLACEHOLDER, POD_PLACEHOLDER } from '../../model/placeholders.js';

/** What one pasted pod description showed, for saying what it did not. */
export interface PasteCoverage {
  readonly podNamed: boolean;
  /** Whether the paste (or its command line) gave the pod's namespace. */
  readonly namespaced: boolean;
  readonly hasStatus: boolean;
  readonly hasContainers: boolean;
  readonly unnamedContainers: number;
  /** `present`, `none` (`Events: <none>`) or `absent` (no Events section). */
  readonly events: 'present' | 'none' | 'absent';
  readonly eventsOnly: boolean;
  readonly cut: boolean;
  readonly unread: readonly PasteLine[];
  readonly capture: CaptureTime;
  readonly usedAges: boolean;
}

/** The notes of a name a paste did not show, which a later reader may find after all (and take back). */
export const POD_UNNAMED = `the pod's name is not in the paste (shown as ${POD_PLACEHOLDER})`;
export const NO_NAMESPACE = `the pod's namespace is not in the paste (shown as ${NAMESPACE_PLACEHOLDER})`;
export const NO_CONTAINER_BLOCKS = 'the container blocks are not in the paste: container states, exit codes and limits are unknown';
/** The same, once a get pods row of the pod gave its container's state (its STATUS, READY and RESTARTS columns). */
export const NO_CONTAINER_BLOCKS_ROW_STATE = "the container blocks are not in the paste: the container's state is its get pods row's (STATUS, READY, RESTARTS); exit codes and limits are unknown";
export const CONTAINER_UNNAMED = `the container's name is not in the paste (shown as ${CONTAINER_PLACEHOLDER})`;
const CUT = 'the paste was cut (... or a truncation note): evidence in the cut part is not diagnosed';

function quote(line: PasteLine): string {
  return line.text.length > 60 ? `${line.text.slice(0, 57)}...` : line.text;
}

/** One human line per piece of evidence the paste lacks, for the report's "missing" list. */
export function missingEvidence(coverage: PasteCoverage): string[] {
  const missing: string[] = [];
  if (coverage.eventsOnly) {
    missing.push('only events were pasted: container states, exit codes, limits and probes are not in them (add the whole kubectl describe pod output)');
  } else if (!coverage.hasContainers) {
    missing.push(NO_CONTAINER_BLOCKS);
  }
  if (!coverage.podNamed) missing.push(POD_UNNAMED);
  if (!coverage.namespaced) missing.push(NO_NAMESPACE);
  if (!coverage.hasStatus && !coverage.eventsOnly) missing.push('the pod status (phase, conditions) is not in the paste');
  if (coverage.unnamedContainers > 0) missing.push(CONTAINER_UNNAMED);
  if (coverage.events === 'absent') missing.push('events are not in the paste (kubectl describe pod prints them last; add them or kubectl get events)');
  if (coverage.cut) missing.push(CUT);
  const first = coverage.unread[0];
  if (first) {
    const count = coverage.unread.length;
    missing.push(`${count} line${count === 1 ? ' was' : 's were'} not recognised and skipped, e.g. line ${first.number}: "${quote(first)}"`);
  }
  if (coverage.usedAges && coverage.capture.from === 'now') {
    missing.push('the paste does not say when it was taken: event ages were counted back from now (pass --captured-at to set it)');
  }
  if (coverage.usedAges && coverage.capture.from === 'latest-time') {
    const latest = new Date(coverage.capture.ms).toISOString();
    missing.push(`the paste does not say when it was taken: event ages were counted back from the latest time it shows, ${latest} (pass --captured-at to set it)`);
  }
  return missing;
}

/** What a pasted piece of pod YAML/JSON lacks. */
export function missingFromFragment(fragment: { readonly podNamed: boolean; readonly namespaced: boolean; readonly unnamedContainers: number; readonly cut: boolean }): string[] {
  return [
    "only part of the pod's YAML/JSON was pasted: what the missing part held (other containers, events) is not diagnosed",
    ...(fragment.podNamed ? [] : [POD_UNNAMED]),
    ...(fragment.namespaced ? [] : [NO_NAMESPACE]),
    ...(fragment.unnamedContainers ? [CONTAINER_UNNAMED] : []),
    ...(fragment.cut ? [CUT] : []),
  ];
}

/** What a pod known only from `kubectl get pods` rows lacks. */
export function missingFromRows(pod: V1Pod, capture: CaptureTime): string[] {
  const named = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].length > 0;
  return [
    'only kubectl get pods rows show this pod: its status and restarts, not why it fails (add kubectl describe pod NAME and kubectl logs NAME --previous)',
    ...(pod.metadata?.namespace ? [] : [NO_NAMESPACE]),
    ...(named ? ["the rows do not name the containers (shown as <container>, <init-container>)"] : []),
    ...(capture.from === 'now' && pod.metadata?.creationTimestamp ? ['the paste does not say when it was taken: the pod\'s AGE was counted back from now (pass --captured-at to set it)'] : []),
  ];
}
