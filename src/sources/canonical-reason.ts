/**
 * Kubernetes 1.0 and 1.1 wrote event reasons in lowerCamelCase (`failedScheduling`, `killing`,
 * `created`); every later release writes the same reasons in UpperCamelCase. Old events read
 * under today's names, so one rule serves pastes of any age.
 */
export function canonicalReason(reason: string): string {
  return /^[a-z]/.test(reason) ? `${reason.charAt(0).toUpperCase()}${reason.slice(1)}` : reason;
}
