/**
 * Why the pod sandbox (its network namespace and pause container) could not be created, from
 * FailedCreatePodSandBox / NetworkNotReady messages. Each class has a different owner: the
 * subnet or IPAM pool, the CNI agent on the node, the CNI install, the runtime.
 */
export type SandboxProblem =
  | 'ip-exhaustion'
  | 'cni-not-ready'
  | 'cni-plugin-missing'
  | 'cni-error'
  | 'sandbox-image'
  | 'runtime-handler'
  | 'runtime-error';

const PATTERNS: ReadonlyArray<readonly [RegExp, SandboxProblem]> = [
  [/failed to assign an IP address|no IP addresses available|failed to allocate for range|InsufficientFreeAddresses|IP address(?:es)? (?:pool )?exhausted|no available IP/i, 'ip-exhaustion'],
  [/network is not ready|NetworkReady=false|cni plugin not initialized|network plugin is not ready|NetworkPluginNotReady|cni config uninitialized|no networks found in|subnet\.env: no such file/i, 'cni-not-ready'],
  [/failed to find plugin "[^"]+" in path/i, 'cni-plugin-missing'],
  [/failed to (?:setup|set up) network|networkPlugin cni failed|plugin type="[^"]+"[^:]* failed|failed to (?:setup|set up) pod .* network|CNI/i, 'cni-error'],
  [/sandbox image|pause:[\w.-]+/i, 'sandbox-image'],
  [/runtime handler|no runtime for "[^"]+" is configured|RuntimeHandler/i, 'runtime-handler'],
];

export function classifySandboxFailure(message: string): SandboxProblem {
  return PATTERNS.find(([pattern]) => pattern.test(message))?.[1] ?? 'runtime-error';
}

/** The CNI plugin a message names: `plugin type="calico"`, `failed to find plugin "flannel"`. */
export function cniPluginNamedIn(message: string): string | null {
  return /plugin type="([^"]+)"/.exec(message)?.[1] ?? /failed to find plugin "([^"]+)"/.exec(message)?.[1] ?? null;
}
