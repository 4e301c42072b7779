import { containerFact } from './definition.js';
import type { ContainerContext } from './context.js';
import type { ContainerFactDefinition } from './definition.js';
import { classifyImagePull } from './classify-image.js';
import { imagePullMessage, pulledImage } from './container-event-facts.js';
import { imageRegistry } from './container-state-facts.js';

/** How a pull that never reached its registry failed, from the runtime's network error. */
export type RegistryConnectFailure = 'dns' | 'refused' | 'tls' | 'timeout' | 'other';

const CONNECT_FAILURES: Array<[RegExp, RegistryConnectFailure]> = [
  // A resolver's own failure ("lookup harbor.corp on 10.0.0.10:53: read udp ...: connection refused") is DNS, whatever follows.
  [/\blookup \S+(?: on \S+)?: |no such host|server misbehaving|Temporary failure in name resolution/i, 'dns'],
  [/TLS handshake timeout|i\/o timeout|context deadline exceeded|Client\.Timeout|network is unreachable|no route to host/i, 'timeout'],
  [/connection refused/i, 'refused'],
  [/x509|certificate|tls: /i, 'tls'],
];

/** Which network failure a pull message shows; null unless the pull never reached the registry. */
export function classifyRegistryConnect(message: string | null | undefined): RegistryConnectFailure | null {
  if (classifyImagePull(message) !== 'unreachable' || !message) return null;
  return CONNECT_FAILURES.find(([pattern]) => pattern.test(message))?.[1] ?? 'other';
}

const CONNECT_MEANING: Record<RegistryConnectFailure, string> = {
  dns: 'The registry name does not resolve from the node: a typo in the registry part of the image, a private DNS zone the node cannot see, or a DNS outage.',
  refused:
    'The connection was refused: the address answered, but nothing accepts connections on that port, so the registry is down there or the image names the wrong host or port (a firewall that rejects rather than drops looks the same).',
  timeout:
    'Nothing answered in time: an egress firewall, NAT, proxy, routing or a private endpoint on the node\'s path drops the connection, or the registry is overloaded.',
  tls: 'The registry answered, but with a certificate the node would not accept: signed by a private CA the node does not trust, replaced by an intercepting proxy, or issued for another name.',
  other:
    'The pull failed before the registry could say anything about the image, so the fault is on the node\'s path to it: DNS for the registry name, an egress firewall, NAT or proxy, a private endpoint, or a TLS certificate the node does not trust.',
};

/** The registry's host without its port, or its IPv6 address without brackets. */
function hostOf(registry: string): string {
  const v6 = /^\[([^\]]+)\]/.exec(registry);
  return v6 ? (v6[1] ?? registry) : registry.replace(/:\d+$/, '');
}

function registryOf(c: ContainerContext): string | null {
  const image = pulledImage(c) ?? c.spec?.image ?? c.status?.image;
  return image ? imageRegistry(image) : null;
}

export const REGISTRY_FACTS: ContainerFactDefinition[] = [
  containerFact({
    name: 'registryConnectFailure',
    type: 'string',
    description: 'How a pull that never reached its registry failed: `dns` (the name does not resolve), `refused` (nothing listens on that host and port), `timeout` (no answer: firewall, proxy, routing), `tls` (certificate) or `other`; null unless the pull failed on the network.',
    example: 'refused',
    compute: (c) => classifyRegistryConnect(imagePullMessage(c)?.message),
  }),
  containerFact({
    name: 'registryConnectMeaning',
    type: 'string',
    description: 'What `registryConnectFailure` means for the reader, as a sentence.',
    example: CONNECT_MEANING.refused,
    compute: (c) => {
      const failure = classifyRegistryConnect(imagePullMessage(c)?.message);
      return failure ? CONNECT_MEANING[failure] : null;
    },
  }),
  containerFact({
    name: 'registryHostName',
    type: 'string',
    description: 'The registry\'s host name without the port, for a DNS lookup; null when the registry is an IP address or localhost (nothing to resolve).',
    example: 'harbor.corp.example',
    compute: (c) => {
      const registry = registryOf(c);
      if (!registry) return null;
      const host = hostOf(registry);
      return host === 'localhost' || /^[\d.]+$/.test(host) || host.includes(':') ? null : host;
    },
  }),
  containerFact({
    name: 'registryUrl',
    type: 'string',
    description: 'The registry\'s base URL as the runtime tried it (`http://127.0.0.1:5` from `Head "http://127.0.0.1:5/v2/..."`), else https:// and the registry.',
    example: 'https://harbor.corp.example',
    compute: (c) => {
      const tried = /"(https?:\/\/[^/"\s]+)\/v2\//.exec(imagePullMessage(c)?.message ?? '')?.[1];
      if (tried) return tried;
      const registry = registryOf(c);
      return registry ? `https://${registry === 'docker.io' ? 'registry-1.docker.io' : registry}` : null;
    },
  }),
];
