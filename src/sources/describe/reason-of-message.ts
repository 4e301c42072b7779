/**
 * The reason an event's message is the fixed text of, for an event whose reason was cut off (a
 * `kubectl describe event` paste that ends above `Reason:`, a message pasted without its row).
 * Each pattern is how such a message begins, with the reasons kubelet or the scheduler write it
 * under. Most texts have one; a text written under several keeps its reason unnamed (`''`) rather
 * than a guessed one, unless the paste shows it.
 */
const OPENINGS: ReadonlyArray<readonly [string, string, string | readonly string[]]> = [
  [String.raw`\d{1,6}\/\d{1,6} nodes are available|No nodes are available that match|pod \(\S{1,253}\) failed to fit in any node|Failed for reason \w{1,80} and possibly others|pod has unbound (?:immediate )?PersistentVolumeClaims|(?:error while )?running "\w{1,60}" (?:pre)?filter plugin for pod "`, 'i', 'FailedScheduling'],
  ['Successfully assigned ', '', 'Scheduled'],
  // Kubelets before 1.10 put the back-off's length in it (`Back-off 40s restarting failed container=app pod=...`).
  [String.raw`Back-off (?:\d{1,4}[hms][\dhms]{0,8} )?(?:restarting failed (?:docker )?container|pulling image)`, 'i', 'BackOff'],
  // Kubelets before 1.5 wrote the docker puller's own error (`image pull failed for x, this may be because ...`).
  ['(?:Failed to pull image |image pull failed for )', '', 'Failed'],
  // kubelet's image manager when the image is missing and imagePullPolicy is Never.
  [String.raw`Container image "[^"]{1,500}" is not present with pull policy of Never`, '', 'ErrImageNeverPull'],
  // kubelet's image manager (events.FailedToInspectImage) when the image reference cannot be parsed.
  ['Failed to apply default image tag ', '', 'InspectFailed'],
  // Kubelets before 1.3 (the docker manager) wrote the daemon's error after their own words.
  [String.raw`Failed to (?:start with docker id \S{1,80} with error: |create docker container with error: )`, '', 'Failed'],
  // kubelet's Failed event is `Error: ` and the error that stopped the container being made or started.
  [String.raw`Error: (?:failed to (?:start|create) container|failed to create containerd task|failed to generate container|couldn't find key \S{1,253} in (?:ConfigMap|Secret) |(?:configmap|secret) "[^"]{1,253}" not found|container has runAsNonRoot|Error response from daemon: |ErrImagePull|ImagePullBackOff|ErrImageNeverPull|InvalidImageName)`, '', 'Failed'],
  ['(?:Liveness|Readiness|Startup) probe (?:failed|errored)', '', 'Unhealthy'],
  [String.raw`MountVolume\.\w{1,40} failed|Unable to (?:attach or )?mount volumes`, '', 'FailedMount'],
  [String.raw`AttachVolume\.Attach failed for volume|Multi-Attach error for volume`, '', 'FailedAttachVolume'],
  ['Failed to create pod sandbox', '', 'FailedCreatePodSandBox'],
  ['Pod sandbox changed, it will be killed and re-created', '', 'SandboxChanged'],
  // Kubelets before 1.10 repeated every error of a pod's sync under FailedSync.
  [String.raw`Error\s*syncing pod(?:, skipping)?: `, 'i', 'FailedSync'],
  // One step's error of such a FailedSync, cut from the list kubelet joined them in (`[failed to ..., failed to ...]`).
  [String.raw`failed to "\w{1,40}" for "[a-z0-9][-a-z0-9.]{0,252}" with \w{1,60}: `, '', 'FailedSync'],
  // kubelet's NetworkNotReady: the pod waits for the node's CNI (`network is not ready: container runtime network not ready: ...`).
  ['network is not ready: ', '', 'NetworkNotReady'],
  // kubelet's eviction manager: a node resource, a node condition, or a pod's own local storage.
  [String.raw`The node was low on resource: |The node had condition: \[|Usage of EmptyDir volume "[^"]{1,253}" exceeds the limit|Container \S{1,253} exceeded its local ephemeral storage limit|Pod ephemeral local storage usage exceeds the total limit of containers`, '', 'Evicted'],
  // kubelet's active-deadline handler; the Job controller's own text ("Job was active longer ...") is the Job's, not the pod's.
  ['Pod was active on the node longer than the specified deadline', '', 'DeadlineExceeded'],
  // The node controller marks every pod of a node that stopped reporting.
  ['Node is not ready$', '', 'NodeNotReady'],
  // 1.9-1.13 and 1.3-1.8 wording of a probe kill (`Killing container with id docker://app:...`).
  [String.raw`Container \S{1,253} failed (?:liveness|startup) probe, will be restarted|Killing container with (?:docker )?id \S`, '', 'Killing'],
  // kubelet's hook runner writes one text for either hook; the caller records it as the failed hook's reason.
  [String.raw`(?:Exec|HTTP|Http) lifecycle hook \(`, '', ['FailedPostStartHook', 'FailedPreStopHook']],
];

const listOf = (reasons: string | readonly string[]): readonly string[] => (typeof reasons === 'string' ? [reasons] : reasons);
const ANCHORED = OPENINGS.map(([pattern, flags, reasons]) => [new RegExp(`^(?:${pattern})`, flags), listOf(reasons)] as const);
/** The same openings tried at one position of a longer line (sticky: no scan ahead). */
const STICKY = OPENINGS.map(([pattern, flags, reasons]) => [new RegExp(`(?:${pattern})`, `${flags}y`), listOf(reasons)] as const);

/** The reasons a message is written under; empty when it is no fixed text podmortem knows. */
export function reasonsOfMessage(message: string): readonly string[] {
  return ANCHORED.find(([pattern]) => pattern.test(message))?.[1] ?? [];
}

/** The one reason a message names; `''` when it is written under several, null when it is no known text. */
export function reasonOfMessage(message: string): string | null {
  return oneReason(reasonsOfMessage(message));
}

/** The reasons whose fixed message begins at `index` of `text`; empty when none does. */
export function reasonsOfMessageAt(text: string, index: number): readonly string[] {
  for (const [pattern, reasons] of STICKY) {
    pattern.lastIndex = index;
    if (pattern.test(text)) return reasons;
  }
  return [];
}

/** `reasons` as one event reason: the only one, `''` (not shown) for several, null for none. */
export function oneReason(reasons: readonly string[]): string | null {
  if (reasons.length === 0) return null;
  return reasons.length === 1 ? (reasons[0] ?? null) : '';
}

/** Who writes the fixed text of a reason: the scheduler and the node controller write theirs, kubelet every other one here. */
export function sourceOfReason(reason: string): string {
  if (reason === 'FailedScheduling') return 'default-scheduler';
  return reason === 'NodeNotReady' ? 'node-controller' : 'kubelet';
}
