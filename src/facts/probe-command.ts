import type { V1Container, V1Probe } from '@kubernetes/client-node';
import { shellLine, shellQuote } from './shell-quote.js';

/** A named port (`http`) resolves to the container's port of that name, as kubelet does. */
function portNumber(port: number | string | undefined, container: V1Container | undefined): string {
  if (typeof port === 'number') return String(port);
  const named = container?.ports?.find((p) => p.name === port);
  return named ? String(named.containerPort) : String(port ?? '');
}

/**
 * A command line that repeats the probe by hand inside the container: kubelet probes the pod IP
 * (not 127.0.0.1), so an app listening on localhost only fails the probe yet passes a local check.
 * Null for handlers with no simple equivalent.
 */
export function probeCommand(probe: V1Probe, container: V1Container | undefined, podIP: string | undefined): string | null {
  const timeout = probe.timeoutSeconds ?? 1;
  if (probe.exec) return shellLine(probe.exec.command ?? []) || null;
  if (probe.httpGet) {
    const scheme = (probe.httpGet.scheme ?? 'HTTP').toLowerCase();
    const host = probe.httpGet.host ?? podIP ?? '127.0.0.1';
    const url = `${scheme}://${host}:${portNumber(probe.httpGet.port, container)}${probe.httpGet.path ?? '/'}`;
    return `wget -S -q -O- -T ${timeout}${scheme === 'https' ? ' --no-check-certificate' : ''} ${shellQuote(url)}`;
  }
  if (probe.tcpSocket) {
    return `nc -z -w ${timeout} ${probe.tcpSocket.host ?? podIP ?? '127.0.0.1'} ${portNumber(probe.tcpSocket.port, container)}`;
  }
  if (probe.grpc) return `grpc_health_probe -addr=${podIP ?? '127.0.0.1'}:${probe.grpc.port}${probe.grpc.service ? ` -service=${shellQuote(probe.grpc.service)}` : ''}`;
  return null;
}
