// A TLS proxy in front of the real API server (serving the API server's own certificate), for fault tests: it forwards every request
// (with the client's own bearer token) and can hold the answers to some paths for a while, or
// stop the way an API server process that dies does: every open connection is reset and new ones
// are refused. The control plane behind it is shared by the suite and keeps running.
import { readFileSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import type { ClusterEnv } from './helpers.js';

export interface ApiProxy {
  /** A copy of the admin kubeconfig whose server is this proxy. */
  readonly kubeconfig: string;
  /** Request paths (with query) it saw, in order. */
  readonly seen: string[];
  /** Answers to paths matching `pattern` are held `ms` before they are forwarded. */
  delay(pattern: RegExp, ms: number): void;
  /** Stops, as a dying server does, when a request matching `pattern` arrives (that request included). */
  stopOn(pattern: RegExp): void;
  /** Stops now, as a dying server does. */
  stop(): void;
  /** Whether it has stopped. */
  readonly stopped: boolean;
  close(): Promise<void>;
}

export async function startApiProxy(env: ClusterEnv, dir: string): Promise<ApiProxy> {
  const upstream = new URL(env.server);
  const ca = readFileSync(env.caFile);
  const sockets = new Set<Socket>();
  const delays: Array<{ pattern: RegExp; ms: number }> = [];
  const timers = new Set<NodeJS.Timeout>();
  const seen: string[] = [];
  let stopPattern: RegExp | null = null;
  let stopped = false;

  const pki = path.dirname(env.caFile);
  const tls = { cert: readFileSync(path.join(pki, 'apiserver.crt')), key: readFileSync(path.join(pki, 'apiserver.key')) };
  const server = https.createServer(tls, (req, res) => {
    const url = req.url ?? '/';
    seen.push(url);
    if (stopPattern?.test(url)) {
      stop();
      return;
    }
    const forward = () => {
      if (stopped) return;
      const out = https.request(
        { host: upstream.hostname, port: upstream.port, path: url, method: req.method, headers: { ...req.headers, host: upstream.host }, ca },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      out.on('error', () => res.destroy());
      req.pipe(out);
    };
    const held = delays.find((d) => d.pattern.test(url));
    if (!held) return forward();
    const timer = setTimeout(() => {
      timers.delete(timer);
      forward();
    }, held.ms);
    timers.add(timer);
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  function stop(): void {
    if (stopped) return;
    stopped = true;
    server.close();
    for (const timer of timers) clearTimeout(timer);
    // A killed process's connections are reset, not ended politely.
    for (const socket of sockets) socket.resetAndDestroy();
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const kubeconfig = path.join(dir, 'proxy.kubeconfig');
  const admin = readFileSync(env.adminKubeconfig, 'utf8');
  writeFileSync(kubeconfig, admin.replace(/^(\s*server:\s*).*$/m, `$1https://127.0.0.1:${port}`), { mode: 0o600 });

  return {
    kubeconfig,
    seen,
    delay: (pattern, ms) => void delays.push({ pattern, ms }),
    stopOn: (pattern) => void (stopPattern = pattern),
    stop,
    get stopped() {
      return stopped;
    },
    close: async () => {
      stop();
      await new Promise((resolve) => setTimeout(resolve, 10));
    },
  };
}
