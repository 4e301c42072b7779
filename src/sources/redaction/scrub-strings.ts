import { mapStrings } from '../../model/map-strings.js';
import { redactSecrets, REDACTED } from './redact-text.js';
import { isSecretName } from './secret-names.js';
import { isTrivialValue } from './secret-pairs.js';

/**
 * Fields the API server, kubelet or runtime write (ids, times, addresses, digests): no user puts
 * a secret there, and skipping them keeps scrubbing a large replay cheap.
 */
const MACHINE_FIELDS = new Set([
  'uid',
  'resourceVersion',
  'creationTimestamp',
  'deletionTimestamp',
  'firstTimestamp',
  'lastTimestamp',
  'eventTime',
  'startTime',
  'startedAt',
  'finishedAt',
  'lastTransitionTime',
  'lastProbeTime',
  'lastHeartbeatTime',
  'containerID',
  'imageID',
  'podIP',
  'hostIP',
  'ip',
]);

/**
 * Values repeat across the pods of a fleet (images, labels, owners, reasons, messages): each
 * short one is redacted once. Bounded like isSecretName's memo: full, it starts over.
 */
const redactedText = new Map<string, string>();
const REDACTED_TEXT_LIMIT = 20_000;
const MEMO_MAX_LENGTH = 256;

function scrubString(text: string, key: string): string {
  if (MACHINE_FIELDS.has(key)) return text;
  if (key && isSecretName(key) && !isTrivialValue(text)) return REDACTED;
  if (text.length > MEMO_MAX_LENGTH) return redactSecrets(text);
  let redacted = redactedText.get(text);
  if (redacted === undefined) {
    redacted = redactSecrets(text);
    if (redactedText.size >= REDACTED_TEXT_LIMIT) redactedText.clear();
    redactedText.set(text, redacted);
  }
  return redacted;
}

/**
 * Redacts every string in a plain JSON-like value, however deep: each through the secret
 * shapes and pairs, and whole values held under a key that names a secret (`{"password": ...}`,
 * a flexVolume option `token`, a CSI attribute `clientSecret`).
 */
export function scrubStrings<T>(value: T): T {
  return mapStrings(value, scrubString);
}
