import type { V1Probe } from '@kubernetes/client-node';
import type { Evidence } from '../model/finding.js';
import type { ContainerContext } from './context.js';
import { containerFact } from './definition.js';
import { derivedRestarts } from './derived-state.js';
import { diagnosticLog } from './log-facts.js';
import { describeProbe } from './probe-facts.js';
import { lastFailedProbeRequest, pathOnly, probeKindNamedBy, type ProbeRequest } from './probe-requests.js';

type ProbeKind = 'liveness' | 'readiness' | 'startup';
const KINDS: readonly ProbeKind[] = ['startup', 'liveness', 'readiness'];

/** Both logs: a readiness probe failing now shows in the current one, a liveness kill's lead-up in the previous one. */
function failedRequest(c: ContainerContext): { request: ProbeRequest; failures: number; log: 'previous' | 'current' } | null {
  const current = lastFailedProbeRequest(c.currentLog);
  if (current) return { ...current, log: 'current' };
  const previous = lastFailedProbeRequest(c.previousLog);
  return previous ? { ...previous, log: 'previous' } : null;
}

/** The configured httpGet probes that ask this path; a liveness and a readiness probe often share one. */
function probesOnPath(c: ContainerContext, path: string): Array<[ProbeKind, V1Probe]> {
  const asked = pathOnly(path);
  return KINDS.flatMap((kind) => {
    const probe = c.spec?.[`${kind}Probe`];
    const probePath = probe?.httpGet?.path;
    return probe && probePath !== undefined && pathOnly(probePath) === asked ? [[kind, probe] as [ProbeKind, V1Probe]] : [];
  });
}

/** Whether the evidence shows the container restarted: its count, or restarts its events imply. */
function restartsShown(c: ContainerContext): boolean {
  return (c.status?.restartCount ?? 0) > 0 || (derivedRestarts(c) ?? 0) > 0;
}

/**
 * Which probe the failing requests are: the configured probe on that path (when several share it,
 * liveness if the container restarts, else readiness, which fails first in effect); else the kind
 * the path's name says; else a best guess: liveness when the container is shown restarting (a
 * failing readiness probe restarts nothing), readiness otherwise.
 */
function requestKind(c: ContainerContext): { kind: ProbeKind; from: 'spec' | 'name' | 'guess'; probe?: V1Probe } | null {
  const failed = failedRequest(c);
  if (!failed) return null;
  const configured = probesOnPath(c, failed.request.path);
  const restarting = restartsShown(c);
  const pick = configured.find(([kind]) => kind === (restarting ? 'liveness' : 'readiness')) ?? configured[0];
  if (pick) return { kind: pick[0], from: 'spec', probe: pick[1] };
  const named = probeKindNamedBy(failed.request.path);
  if (named) return { kind: named, from: 'name' };
  return { kind: restarting ? 'liveness' : 'readiness', from: 'guess' };
}

function citeRequestLine(c: ContainerContext, value: unknown): Evidence | null {
  const failed = failedRequest(c);
  if (!failed || typeof value !== 'string') return null;
  return { source: `logs ${c.name}${failed.log === 'previous' ? ' --previous' : ''}`, text: value };
}

export const PROBE_REQUEST_FACTS = [
  containerFact({
    name: 'probeRequestFailure',
    type: 'string',
    description:
      "The container's own log line for kubelet's last HTTP probe request (User-Agent `kube-probe/1.x`) when it was answered outside 200-399, so the probe failed; the current log first, then the previous one. Null when the log shows no probe request or the last one succeeded.",
    example: '10.244.0.1 - - [04/Dec/2026:10:12:01 +0000] "GET /healthz HTTP/1.1" 503 19 "-" "kube-probe/1.31"',
    compute: (c) => failedRequest(c)?.request.line ?? null,
    cite: citeRequestLine,
  }),
  containerFact({
    name: 'probeRequestPath',
    type: 'string',
    description: 'The path of the failed probe request in `probeRequestFailure`.',
    example: '/healthz',
    compute: (c) => failedRequest(c)?.request.path ?? null,
  }),
  containerFact({
    name: 'probeRequestStatus',
    type: 'number',
    description: 'The HTTP status the container answered the failed probe request in `probeRequestFailure` with.',
    example: 503,
    compute: (c) => failedRequest(c)?.request.status ?? null,
  }),
  containerFact({
    name: 'probeRequestFailures',
    type: 'number',
    description: "How many of kubelet's probe requests in that log were answered outside 200-399.",
    example: 12,
    compute: (c) => failedRequest(c)?.failures ?? null,
  }),
  containerFact({
    name: 'probeRequestKind',
    type: 'string',
    description:
      'Which probe the failed requests are (`liveness`, `readiness`, `startup`): the configured httpGet probe on that path, else the kind the path names (`/ready`, `/livez`), else a best guess (liveness when the container is shown restarting, readiness otherwise). `probeRequestProbe` and `probeRequestKindNamed` say which basis held.',
    example: 'readiness',
    compute: (c) => requestKind(c)?.kind ?? null,
  }),
  containerFact({
    name: 'probeRequestProbe',
    type: 'string',
    description: 'The configured probe on the failed request\'s path, as kubectl describe prints it; null when the spec is not shown or no probe asks that path.',
    example: 'http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3',
    compute: (c) => {
      const probe = requestKind(c)?.probe;
      return probe ? describeProbe(probe) : null;
    },
  }),
  containerFact({
    name: 'probeRequestKindNamed',
    type: 'string',
    description: "The probe kind the failed request's path names (`/health/ready`: readiness), when no configured probe settles it; null otherwise.",
    example: 'readiness',
    compute: (c) => {
      const kind = requestKind(c);
      return kind?.from === 'name' ? kind.kind : null;
    },
  }),
];
