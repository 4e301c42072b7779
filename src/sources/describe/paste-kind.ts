import { CONTAINER_KEYS, POD_KEYS, SHARED_POD_KEYS, STATE_KEYS } from './describe-keys.js';
import { isEventsTableLine } from './events-table.js';
import { isJsonish } from './fragment-parse.js';
import { keyValue } from './key-value.js';
import type { PasteLine } from './paste-lines.js';

/** Field names of the Pod API that pasted YAML pieces are made of. */
const API_FIELDS = new Set([
  'apiVersion', 'kind', 'metadata', 'spec', 'status', 'name', 'namespace', 'labels', 'annotations', 'uid',
  'containers', 'initContainers', 'containerStatuses', 'initContainerStatuses', 'image', 'imageID', 'containerID',
  'state', 'lastState', 'waiting', 'running', 'terminated', 'reason', 'message', 'exitCode', 'signal', 'startedAt',
  'finishedAt', 'ready', 'restartCount', 'started', 'resources', 'limits', 'requests', 'command', 'args', 'env',
  'phase', 'conditions', 'type', 'lastTransitionTime', 'lastProbeTime', 'hostIP', 'podIP', 'qosClass', 'startTime',
  'livenessProbe', 'readinessProbe', 'startupProbe', 'volumeMounts', 'imagePullPolicy', 'nodeName', 'restartPolicy',
]);

const DESCRIBE_KEYS = new Set([...POD_KEYS, ...SHARED_POD_KEYS, ...CONTAINER_KEYS, ...STATE_KEYS]);

/** Whether a line is a field kubectl describe prints (`Startup:`, `State:`, `Node:`), not a person's sentence. */
export function isDescribeField(text: string): boolean {
  const key = keyValue(text.replace(/^- /, ''))?.key;
  return key !== undefined && DESCRIBE_KEYS.has(key);
}

/** Whether a line belongs to a piece of pod YAML or JSON: a field of the Pod API, a list item, a bracket, the document marker. */
export function isFragmentLine(text: string): boolean {
  if (/^(?:[-{}[\],"]|---)/.test(text)) return true;
  const key = keyValue(text)?.key;
  return key !== undefined && API_FIELDS.has(key);
}

/**
 * Whether a paste is a piece of `kubectl get pod -o yaml|json` rather than describe output:
 * JSON lines, or more lines keyed by API field names (`lastState:`) than by describe's
 * capitalised keys (`Last State:`) and event rows.
 */
export function looksLikeFragment(lines: readonly PasteLine[]): boolean {
  if (isJsonish(lines)) return true;
  let api = 0;
  let describe = 0;
  for (const line of lines) {
    if (!line.text) continue;
    const key = keyValue(line.text.replace(/^- /, ''))?.key;
    if (key && API_FIELDS.has(key)) api++;
    else if ((key && DESCRIBE_KEYS.has(key)) || isEventsTableLine(line.text)) describe++;
  }
  return api > describe;
}
