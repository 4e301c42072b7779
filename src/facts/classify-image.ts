/** Why an image pull failed, from kubelet's and the runtime's messages. */
export type ImagePullProblem = 'not-found' | 'unauthorized' | 'unreachable' | 'platform' | 'rate-limited' | 'invalid-name' | 'never-pull' | 'unknown';

const PATTERNS: Array<[RegExp, ImagePullProblem]> = [
  [/no match for platform|no matching manifest for|image with reference .* was found but does not match the specified platform/i, 'platform'],
  [/toomanyrequests|rate limit/i, 'rate-limited'],
  // Docker's puller in kubelets before 1.5 said `there are no credentials on this request. details: (Authentication is required.)`.
  [/pull access denied|unauthorized|authentication (?:is )?required|no credentials on this request|403 Forbidden|denied: |insufficient_scope|no basic auth credentials|401 Unauthorized/i, 'unauthorized'],
  [/not found|manifest unknown|does not exist|name unknown|NotFound/i, 'not-found'],
  [/i\/o timeout|dial tcp|no such host|connection refused|TLS handshake timeout|context deadline exceeded|network is unreachable|x509|server misbehaving|Client\.Timeout/i, 'unreachable'],
  [/InvalidImageName|invalid reference format|couldn't parse image/i, 'invalid-name'],
  [/ErrImageNeverPull|imagePullPolicy is "Never"|not present with pull policy of Never/i, 'never-pull'],
];

export function classifyImagePull(message: string | null | undefined): ImagePullProblem | null {
  if (!message) return null;
  for (const [pattern, problem] of PATTERNS) if (pattern.test(message)) return problem;
  return 'unknown';
}

/** The image a "Failed to pull image" / "Back-off pulling image" message names. */
export function imageNamedIn(message: string): string | null {
  const quoted = /(?:pull(?:ing)? image|image) "([^"]+)"/i.exec(message)?.[1];
  // Kubelets before 1.5: `image pull failed for registry/app:1.2, this may be because ...`.
  return quoted ?? /^image pull failed for ([^\s,]{1,500}),/i.exec(message)?.[1] ?? null;
}

/**
 * The telling end of a pull error. containerd wraps the registry's answer in "failed to ...:"
 * layers (`failed to pull and unpack image "x": failed to resolve reference "x": ...: 401
 * Unauthorized`); the text after the last layer is what the registry or network said.
 */
export function pullErrorDetail(message: string): string {
  const text = message.replace(/^Failed to pull image "[^"]*":\s*/i, '').replace(/^rpc error: code = \w+ desc = /, '');
  const parts = text.split(': ');
  const lastLayer = parts.findLastIndex((part) => /^(?:failed|error)\b/i.test(part));
  const detail = parts.slice(lastLayer + 1).join(': ').trim();
  return detail || text;
}
