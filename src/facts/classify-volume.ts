import { classifyMissingObject } from './classify-config.js';

/** Why kubelet could not mount a volume, from a FailedMount message. */
export type MountProblem =
  | 'missing-object'
  | 'missing-key'
  | 'driver-not-registered'
  | 'waiting-for-attach'
  | 'mount-error'
  | 'timeout'
  | 'other';

/** A FailedMount timeout only says that some volume is still missing; any other message says why. */
const MOUNT_SPECIFICITY: readonly MountProblem[] = [
  'missing-object',
  'missing-key',
  'driver-not-registered',
  'waiting-for-attach',
  'mount-error',
  'other',
  'timeout',
];

export function classifyMountFailure(message: string): MountProblem {
  const missing = classifyMissingObject(message);
  if (missing && missing.kind !== 'key') return 'missing-object';
  if (missing || /references non-existent (?:config|secret) key/i.test(message)) return 'missing-key';
  if (/not found in the list of registered CSI drivers|driver name .* not found/i.test(message)) return 'driver-not-registered';
  if (/WaitForAttach failed|volume attachment is being deleted|Multi-Attach/i.test(message)) return 'waiting-for-attach';
  if (/Unable to (?:attach or )?mount volumes|timed out waiting for the condition|timeout expired waiting for volumes/i.test(message)) return 'timeout';
  if (/mount failed|MountDevice failed|SetUp(?:At)? failed|exit status \d+|wrong fs type|permission denied|rpc error/i.test(message)) return 'mount-error';
  return 'other';
}

/** Of several FailedMount messages, the index of the one that says most about the cause. */
export function mostTellingMount(messages: readonly string[]): number {
  let best = -1;
  let bestRank = Infinity;
  // Newest first, so the latest of equally telling messages wins.
  for (let i = messages.length - 1; i >= 0; i--) {
    const rank = MOUNT_SPECIFICITY.indexOf(classifyMountFailure(messages[i] ?? ''));
    if (rank < bestRank) {
      best = i;
      bestRank = rank;
    }
  }
  return best;
}

/** Why the attach/detach controller could not attach a volume, from a FailedAttachVolume message. */
export type AttachProblem = 'multi-attach' | 'attachment-being-deleted' | 'timeout' | 'volume-not-found' | 'attach-limit' | 'other';

export function classifyAttachFailure(message: string): AttachProblem {
  if (/Multi-Attach error/i.test(message)) return 'multi-attach';
  if (/volume attachment is being deleted/i.test(message)) return 'attachment-being-deleted';
  if (/attachable volumes|volume limit|AttachVolumeLimitExceeded/i.test(message)) return 'attach-limit';
  if (/not found|NotFound|does not exist/i.test(message)) return 'volume-not-found';
  if (/timed out|DeadlineExceeded|deadline exceeded/i.test(message)) return 'timeout';
  return 'other';
}

/** The volume a kubelet or attach message is about: `for volume "x"`, else the first of `unmounted volumes=[x ...]`. */
export function volumeNamedIn(message: string): string | null {
  const quoted = /(?:for|error for) volume "([^"]+)"/i.exec(message);
  if (quoted?.[1]) return quoted[1];
  const listed = /unmounted volumes=\[([^\]\s]+)/i.exec(message);
  return listed?.[1] ?? null;
}

/** Pods a Multi-Attach error says hold the volume: "Volume is already used by pod(s) web-0, web-1". */
export function podsHoldingVolume(message: string): string[] {
  const m = /already used by pod\(s\) (.+?)\.?$/i.exec(message.trim());
  return m?.[1] ? m[1].split(/,\s*/).filter(Boolean) : [];
}
