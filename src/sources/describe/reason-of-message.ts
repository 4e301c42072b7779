/**
 * The reason an event's message is the fixed text of, for an event whose reason was cut off (a
 * `kubectl describe event` paste that ends above `Reason:`). Only texts that one reason alone
 * writes are here; any other message keeps no reason rather than a guessed one.
 */
const REASONS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^\d+\/\d+ nodes are available|^No nodes are available that match|failed to fit in any node|^Failed for reason \w+ and possibly others/i, 'FailedScheduling'],
  [/^Successfully assigned /, 'Scheduled'],
  [/^Back-off (?:restarting failed container|pulling image)/i, 'BackOff'],
  [/^Failed to pull image /, 'Failed'],
  [/^(?:Liveness|Readiness|Startup) probe (?:failed|errored)/, 'Unhealthy'],
  [/^MountVolume\.\w+ failed|^Unable to (?:attach or )?mount volumes/, 'FailedMount'],
  [/^Failed to create pod sandbox/, 'FailedCreatePodSandBox'],
  [/^The node was low on resource: /, 'Evicted'],
  [/^Container \S+ failed (?:liveness|startup) probe, will be restarted/, 'Killing'],
];

export function reasonOfMessage(message: string): string | null {
  return REASONS.find(([pattern]) => pattern.test(message))?.[1] ?? null;
}
