import type { V1Probe } from '@kubernetes/client-node';
import { containerFact, specField } from './definition.js';
import type { ContainerContext } from './context.js';
import type { ContainerFactDefinition } from './definition.js';
import { eventEvidence } from './event-format.js';
import { probeCommand } from './probe-command.js';
import { secondsBetween } from './container-state-facts.js';
import { containerShown } from './evidence-shown.js';
import { sumCounts } from './event-queries.js';
import { probeKillKind } from './kubelet-events.js';
import { secondsSince } from './pod-queries.js';

type ProbeKind = 'liveness' | 'readiness' | 'startup';

function probeOf(c: ContainerContext, kind: ProbeKind): V1Probe | undefined {
  return c.spec?.[`${kind}Probe`];
}

/** A probe in `kubectl describe`'s words: `http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3`. */
export function describeProbe(probe: V1Probe): string {
  let handler = 'unknown';
  if (probe.httpGet) {
    const scheme = (probe.httpGet.scheme ?? 'HTTP').toLowerCase();
    handler = `http-get ${scheme}://${probe.httpGet.host ?? ''}:${probe.httpGet.port}${probe.httpGet.path ?? ''}`;
  } else if (probe.tcpSocket) {
    handler = `tcp-socket ${probe.tcpSocket.host ?? ''}:${probe.tcpSocket.port}`;
  } else if (probe.exec) {
    handler = `exec [${(probe.exec.command ?? []).join(' ')}]`;
  } else if (probe.grpc) {
    handler = `grpc <pod>:${probe.grpc.port} ${probe.grpc.service ?? ''}`.trimEnd();
  }
  return `${handler} delay=${probe.initialDelaySeconds ?? 0}s timeout=${probe.timeoutSeconds ?? 1}s period=${probe.periodSeconds ?? 10}s #success=${probe.successThreshold ?? 1} #failure=${probe.failureThreshold ?? 3}`;
}

function handlerOf(probe: V1Probe | undefined): string | null {
  if (!probe) return null;
  if (probe.httpGet) return 'httpGet';
  if (probe.tcpSocket) return 'tcpSocket';
  if (probe.exec) return 'exec';
  if (probe.grpc) return 'grpc';
  return null;
}

const PROBE_WORD: Record<ProbeKind, string> = { liveness: 'Liveness', readiness: 'Readiness', startup: 'Startup' };

/**
 * The pod an operator names before kubelet's probe message when it re-emits it as its own event
 * (`Pod web-0: Startup probe failed: ...`, `pod/web-0: ...`): the message is kubelet's after it.
 */
const OBJECT_PREFIX = /^(?:[Pp]od:? |pods?\/)?[a-z0-9][a-z0-9.-]{0,252}: (?=(?:Liveness|Readiness|Startup) probe )/;

/** An Unhealthy message as kubelet wrote it, without a pod name put before it. */
export function probeMessage(message: string): string {
  return message.replace(OBJECT_PREFIX, '');
}

/** Unhealthy events for one probe kind, e.g. `Liveness probe failed: HTTP probe failed with statuscode: 500`. */
export function probeFailureEvents(c: ContainerContext, kind: ProbeKind) {
  const prefix = `${PROBE_WORD[kind]} probe`;
  return c.events.filter((e) => e.reason === 'Unhealthy' && probeMessage(e.message).startsWith(prefix));
}

/** Killing events that say kubelet restarts the container for this probe. */
export function probeKillEvents(c: ContainerContext, kind: 'liveness' | 'startup') {
  return c.events.filter((e) => probeKillKind(e) === kind);
}

/**
 * What the app answered a failing probe, from kubelet's Unhealthy message: `HTTP probe failed with
 * statuscode: 500` (the app listens and says it is unhealthy) or a gRPC health server's NOT_SERVING.
 * Null for failures that are no answer (`connect: connection refused`, `context deadline exceeded`).
 */
function probeAnswer(message: string | undefined): string | null {
  if (!message) return null;
  const status = /HTTP probe failed with statuscode: (\d{3})\b/.exec(message);
  if (status) return `HTTP ${status[1]}`;
  return /\bNOT_SERVING\b/.test(message) ? 'NOT_SERVING' : null;
}

function probeFacts(kind: ProbeKind): ContainerFactDefinition[] {
  const facts: ContainerFactDefinition[] = [
    containerFact({
      name: `${kind}Probe`,
      type: 'string',
      description: `The ${kind} probe as kubectl describe prints it; null when none is configured.`,
      example: 'http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3',
      compute: (c) => {
        const probe = probeOf(c, kind);
        return probe ? describeProbe(probe) : null;
      },
      cite: specField(`${kind}Probe`),
    }),
    containerFact({
      name: `${kind}Handler`,
      type: 'string',
      description: `The ${kind} probe's handler: httpGet, tcpSocket, exec or grpc.`,
      example: 'httpGet',
      compute: (c) => handlerOf(probeOf(c, kind)),
    }),
    containerFact({
      name: `${kind}TimeoutSeconds`,
      type: 'number',
      description: `The ${kind} probe's timeoutSeconds (default 1).`,
      example: 1,
      compute: (c) => {
        const probe = probeOf(c, kind);
        return probe ? (probe.timeoutSeconds ?? 1) : null;
      },
    }),
    containerFact({
      name: `${kind}InitialDelaySeconds`,
      type: 'number',
      description: `The ${kind} probe's initialDelaySeconds (default 0).`,
      example: 10,
      compute: (c) => {
        const probe = probeOf(c, kind);
        return probe ? (probe.initialDelaySeconds ?? 0) : null;
      },
    }),
    containerFact({
      name: `${kind}PeriodSeconds`,
      type: 'number',
      description: `The ${kind} probe's periodSeconds (default 10).`,
      example: 10,
      compute: (c) => {
        const probe = probeOf(c, kind);
        return probe ? (probe.periodSeconds ?? 10) : null;
      },
    }),
    containerFact({
      name: `${kind}FailureThreshold`,
      type: 'number',
      description: `The ${kind} probe's failureThreshold (default 3).`,
      example: 3,
      compute: (c) => {
        const probe = probeOf(c, kind);
        return probe ? (probe.failureThreshold ?? 3) : null;
      },
    }),
    containerFact({
      name: `${kind}CheckCommand`,
      type: 'string',
      description: `A command that repeats the ${kind} probe by hand inside the container (wget for httpGet, nc for tcpSocket, the probe's own command for exec), aimed at the pod IP as kubelet does.`,
      example: "wget -S -q -O- -T 1 http://10.0.3.142:8080/healthz",
      compute: (c) => {
        const probe = probeOf(c, kind);
        return probe ? probeCommand(probe, c.spec, c.pod.pod.status?.podIP) : null;
      },
    }),
    containerFact({
      name: `${kind}BudgetSeconds`,
      type: 'number',
      description: `Seconds from container start until kubelet acts if the ${kind} probe never succeeds: initialDelaySeconds + failureThreshold x periodSeconds.`,
      example: 40,
      compute: (c) => {
        const probe = probeOf(c, kind);
        if (!probe) return null;
        return (probe.initialDelaySeconds ?? 0) + (probe.failureThreshold ?? 3) * (probe.periodSeconds ?? 10);
      },
    }),
    containerFact({
      name: `${kind}Failures`,
      type: 'number',
      description: `How many ${kind} probe failures the events record (Unhealthy "${PROBE_WORD[kind]} probe failed", counts summed).`,
      example: 12,
      compute: (c) => sumCounts(probeFailureEvents(c, kind)),
      cite: (c) => {
        const last = probeFailureEvents(c, kind).at(-1);
        return last ? eventEvidence(last) : null;
      },
    }),
    containerFact({
      name: `${kind}LastFailure`,
      type: 'string',
      description: `The latest ${kind} probe failure message, without the "${PROBE_WORD[kind]} probe failed:" prefix.`,
      example: 'HTTP probe failed with statuscode: 500',
      compute: (c) => {
        const last = probeFailureEvents(c, kind).at(-1);
        if (!last) return null;
        const text = probeMessage(last.message).replace(/^\w+ probe (?:failed|errored):?\s*/, '').trim();
        // kubelet prints an exec probe's output, which is empty when the command just exits non-zero.
        return text || (probeOf(c, kind)?.exec ? 'the command exited non-zero without output' : 'no message');
      },
    }),
    containerFact({
      name: `${kind}SecondsSinceFailure`,
      type: 'number',
      description: `Seconds from the latest ${kind} probe failure to the capture time; null without one. kubelet records failures as they happen, but once a pod has had 25 warnings its recorder lets one through per 5 minutes, shared by all of them: a readiness failure alone keeps its event fresh within minutes, while a startup failure shares the pod's warnings with the BackOff of the restarts it causes and can go unrecorded for several periods.`,
      example: 45,
      compute: (c) => {
        const last = probeFailureEvents(c, kind).at(-1);
        return last ? secondsSince(c.pod, last.lastTimestamp ?? last.firstTimestamp) : null;
      },
    }),
  ];
  if (kind !== 'readiness') {
    facts.push(
      containerFact({
        name: `${kind}Kills`,
        type: 'number',
        description: `How often kubelet killed the container for failing its ${kind} probe (Killing events, counts summed).`,
        example: 4,
        compute: (c) => sumCounts(probeKillEvents(c, kind)),
        cite: (c) => {
          const last = probeKillEvents(c, kind).at(-1);
          return last ? eventEvidence(last) : null;
        },
      }),
    );
  }
  return facts;
}

export const PROBE_FACTS = [
  ...probeFacts('liveness'),
  ...probeFacts('readiness'),
  ...probeFacts('startup'),
  containerFact({
    name: 'startupProbeConfigured',
    type: 'boolean',
    description: 'Whether the container has a startup probe; null when a paste does not show the container\'s block, so "none" cannot be told from "not shown".',
    example: false,
    compute: (c) => (probeOf(c, 'startup') ? true : containerShown(c) ? false : null),
  }),
  containerFact({
    name: 'livenessProbeAnswered',
    type: 'string',
    description:
      'What the app answered its latest failing liveness probe (an HTTP status code, gRPC NOT_SERVING): the app was up and listening and its health check said unhealthy. Null when the latest failure was no answer (refused, timed out, reset) or an exec probe, or no failure is shown.',
    example: 'HTTP 500',
    compute: (c) => probeAnswer(probeFailureEvents(c, 'liveness').at(-1)?.message),
  }),
  containerFact({
    name: 'livenessKilledWhileStarting',
    type: 'boolean',
    description:
      'Whether a liveness kill ended the last instance before the probe could ever have passed: it ran no longer than initialDelaySeconds + failureThreshold x periodSeconds plus one period, and the app never answered the probe (a probe failing from the first try is killed at that same moment, so the run time alone cannot tell a slow start from an app that answers unhealthy).',
    example: true,
    compute: (c) => {
      const probe = probeOf(c, 'liveness');
      const last = c.status?.lastState?.terminated ?? c.status?.state?.terminated;
      const ran = secondsBetween(last?.startedAt, last?.finishedAt);
      if (!probe || ran === null || sumCounts(probeKillEvents(c, 'liveness')) === 0) return null;
      if (probeAnswer(probeFailureEvents(c, 'liveness').at(-1)?.message) !== null) return false;
      const period = probe.periodSeconds ?? 10;
      return ran <= (probe.initialDelaySeconds ?? 0) + ((probe.failureThreshold ?? 3) + 1) * period;
    },
  }),
];
