import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';

/*
 * A cluster's `proxy-url` when it is a plain HTTP proxy: HTTPS to the API server goes through a
 * CONNECT tunnel, with the cluster's own TLS settings inside it; credentials in the proxy URL
 * become Proxy-Authorization. (SOCKS and HTTPS proxies are left to @kubernetes/client-node.)
 */

function proxyAuthorization(proxy: URL): Record<string, string> {
  if (!proxy.username) return {};
  const credentials = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
  return { 'Proxy-Authorization': `Basic ${Buffer.from(credentials).toString('base64')}` };
}

/** An https.Agent whose connections are TLS inside a CONNECT tunnel through `proxy`. */
export class HttpsOverHttpProxyAgent extends https.Agent {
  constructor(
    private readonly proxy: URL,
    options: https.AgentOptions,
  ) {
    super(options);
  }

  override createConnection(options: http.ClientRequestArgs & tls.ConnectionOptions, callback?: (error: Error | null, socket: Duplex) => void): Duplex | undefined {
    const target = `${options.host}:${options.port}`;
    const request = http.request({
      host: this.proxy.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: this.proxy.port || 80,
      method: 'CONNECT',
      path: target,
      headers: { Host: target, ...proxyAuthorization(this.proxy) },
    });
    request.once('connect', (response, socket) => {
      if (response.statusCode !== 200) {
        socket.destroy();
        callback?.(new Error(`the proxy ${this.proxy.host} refused to tunnel to ${target} (HTTP ${response.statusCode})`), socket);
        return;
      }
      const host = options.host ?? '';
      // SNI names a host, never an address (as Node's own https agent decides).
      const servername = options.servername ?? (isIP(host) ? undefined : host);
      const secure = tls.connect({ ...options, socket, ...(servername ? { servername } : {}) });
      callback?.(null, secure);
    });
    request.once('error', (error) => callback?.(error, request.socket as Duplex));
    request.end();
    return undefined;
  }
}

/** Plain HTTP to the API server through the proxy: requests go to the proxy in absolute form. */
export function httpThroughProxy(options: http.RequestOptions, proxy: URL): http.RequestOptions {
  const target = `http://${options.hostname}:${options.port}${options.path ?? '/'}`;
  return {
    ...options,
    hostname: proxy.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: proxy.port || 80,
    path: target,
    headers: { ...(options.headers as Record<string, string>), Host: `${options.hostname}:${options.port}`, ...proxyAuthorization(proxy) },
  };
}
