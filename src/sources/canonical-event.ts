/*
 * Events read the same whichever release or client wrote them, so one rule serves pastes of any
 * age. Only what carries no meaning changes: the case of a reason, and the aggregator's prefix.
 */

/**
 * Kubernetes 1.0 and 1.1 wrote event reasons in lowerCamelCase (`failedScheduling`, `killing`,
 * `created`); every later release writes the same reasons in UpperCamelCase.
 */
export function canonicalReason(reason: string): string {
  return /^[a-z]/.test(reason) ? `${reason.charAt(0).toUpperCase()}${reason.slice(1)}` : reason;
}

/**
 * client-go's event aggregator folds similar events into one whose message starts with
 * `(combined from similar events): `; what follows is the event's own message.
 */
export function canonicalMessage(message: string): string {
  return message.replace(/^\(combined from similar events\):\s*/, '');
}
