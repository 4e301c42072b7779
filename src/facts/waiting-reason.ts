import type { V1ContainerStateWaiting } from '@kubernetes/client-node';

/**
 * kubelet's messages for a waiting container are fixed texts, one per reason. A pasted status cut
 * above its `reason:` line (or a fragment that lost it) still shows which reason the message is
 * kubelet's text for.
 */
const MESSAGES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^back-off \S{1,20} restarting failed container/i, 'CrashLoopBackOff'],
  [/^Back-off pulling image /i, 'ImagePullBackOff'],
  [/^(?:configmaps?|secrets?) "[^"]{1,253}" not found$|^couldn't find key \S{1,253} in (?:ConfigMap|Secret) /i, 'CreateContainerConfigError'],
  [/^Container image "[^"]{1,500}" is not present with pull policy of Never$/, 'ErrImageNeverPull'],
];

/** The waiting reason as shown, else the one its message is kubelet's text for; null when neither says. */
export function waitingReasonOf(waiting: V1ContainerStateWaiting | undefined): string | null {
  if (!waiting) return null;
  if (waiting.reason) return waiting.reason;
  const message = waiting.message?.trim();
  return (message && MESSAGES.find(([pattern]) => pattern.test(message))?.[1]) || null;
}
