import { describe, expect, it } from 'vitest';
import { builtInDiagnoser } from './helpers.js';
import { CAPTURED_AT } from './build-incident.js';
import { readPaste } from './support/read-paste.js';

/*
 * Which image-pull cause a finding names, and the registry's own words it quotes, come from the
 * runtime's error as kubelet wraps it ("Failed to pull image %q: rpc error: code = ... desc = ...").
 * Rows are Failed events as kubectl prints them, with containerd's and CRI-O's error texts.
 */

const pull = (image: string, error: string) => `Warning  Failed  10s (x3 over 1m)  kubelet  Failed to pull image "${image}": rpc error: code = Unknown desc = ${error}`;

async function topFinding(row: string) {
  const [incident] = await readPaste(`${row}\n`, CAPTURED_AT);
  const finding = (await (await builtInDiagnoser()).diagnose(incident!)).findings[0];
  return { rule: finding?.rule, text: `${finding?.title} ${finding?.explanation}` };
}

describe('an image pull error names its cause and quotes what the registry said', () => {
  it.each([
    [
      'a token refused (containerd)',
      pull('ghcr.io/acme/private:1.4', 'failed to pull and unpack image "ghcr.io/acme/private:1.4": failed to resolve reference "ghcr.io/acme/private:1.4": failed to authorize: failed to fetch anonymous token: unexpected status from GET request to https://ghcr.io/token?scope=repository%3Aacme%2Fprivate%3Apull&service=ghcr.io: 401 Unauthorized'),
      'image-pull-unauthorized',
      '401 Unauthorized',
    ],
    [
      'Docker Hub denying a private or missing repository',
      pull('acme/private:1.4', 'failed to pull and unpack image "docker.io/acme/private:1.4": failed to resolve reference "docker.io/acme/private:1.4": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed'),
      'image-pull-unauthorized',
      'pull access denied',
    ],
    [
      'a tag the registry does not have (CRI-O)',
      pull('quay.io/acme/web:2.0', 'reading manifest 2.0 in quay.io/acme/web: manifest unknown: manifest unknown'),
      'image-not-found',
      '(reading manifest 2.0 in quay.io/acme/web: manifest unknown: manifest unknown)',
    ],
    [
      'a repository the registry does not know (CRI-O)',
      pull('registry.example.com/acme/missing:latest', 'reading manifest latest in registry.example.com/acme/missing: name unknown: repository name not known to registry'),
      'image-not-found',
      'name unknown: repository name not known to registry',
    ],
    [
      'a certificate the node does not trust',
      pull('registry.internal:5000/team/app:2.1', 'failed to pull and unpack image "registry.internal:5000/team/app:2.1": failed to resolve reference "registry.internal:5000/team/app:2.1": failed to do request: Head "https://registry.internal:5000/v2/team/app/manifests/2.1": tls: failed to verify certificate: x509: certificate signed by unknown authority'),
      'image-registry-unreachable',
      'x509: certificate signed by unknown authority',
    ],
    [
      'a pull rate limit',
      pull('nginx:1.25', 'failed to pull and unpack image "docker.io/library/nginx:1.25": failed to copy: httpReadSeeker: failed open: unexpected status code https://registry-1.docker.io/v2/library/nginx/manifests/1.25: 429 Too Many Requests - Server message: toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limit'),
      'image-pull-rate-limited',
      'nginx:1.25',
    ],
  ])('%s', async (_, row, rule, quoted) => {
    const finding = await topFinding(row);
    expect(finding.rule).toBe(rule);
    expect(finding.text).toContain(quoted);
    expect(finding.text).not.toContain('rpc error');
  });
});
