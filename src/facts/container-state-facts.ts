import type { V1ContainerState } from '@kubernetes/client-node';
import { commandShape } from './command-shape.js';
import { containerFact, specField, statusField } from './definition.js';
import type { ContainerContext } from './context.js';
import { exitCodeMeaning, signalName, signalOf } from './signals.js';
import { shellLine } from './shell-quote.js';
import { containerShown, fromPaste } from './evidence-shown.js';
import { pulledImage } from './container-event-facts.js';
import { waitingReasonOf } from './waiting-reason.js';
import { windowsStatus } from './windows-status.js';

function stateName(state: V1ContainerState | undefined): string | null {
  if (state?.waiting) return 'waiting';
  if (state?.running) return 'running';
  if (state?.terminated) return 'terminated';
  return null;
}

function ms(value: Date | string | undefined | null): number {
  if (!value) return NaN;
  return value instanceof Date ? value.getTime() : Date.parse(value);
}

export function secondsBetween(from: Date | string | undefined, to: Date | string | undefined): number | null {
  const start = ms(from);
  const end = ms(to);
  // The runtime reports 1970 for processes that never started.
  if (!Number.isFinite(start) || !Number.isFinite(end) || start <= 0) return null;
  return Math.max(0, Math.round((end - start) / 1000));
}

const current = (c: ContainerContext) => c.status?.state;
const last = (c: ContainerContext) => c.status?.lastState;

/** Cites a field of the termination that explains the container: the current one, else the previous. */
function terminationField(field: 'exitCode' | 'reason' | 'message') {
  return (c: ContainerContext, value: unknown) =>
    statusField(`${current(c)?.terminated ? 'state' : 'lastState'}.terminated.${field}`)(c, value);
}

const KIND_WORDS: Record<ContainerContext['kind'], string> = {
  app: 'container',
  init: 'init container',
  sidecar: 'sidecar container',
  ephemeral: 'ephemeral container',
};

/** The container as prose names it: `container app`, `init container migrate`. */
export function containerLabel(c: ContainerContext): string {
  return `${KIND_WORDS[c.kind]} ${c.name}`;
}

/**
 * The registry host of an image reference: the first path component when it looks like a host
 * (has a dot or port, or is localhost), else Docker Hub, as the runtime resolves it.
 */
export function imageRegistry(image: string): string {
  const first = image.split('/')[0] ?? '';
  if (image.includes('/') && (/[.:]/.test(first) || first === 'localhost')) return first;
  return 'docker.io';
}

/** Runtime fingerprints in a log: what the process printed outranks what its image is called. */
const LOG_RUNTIMES: Array<[RegExp, string]> = [
  [/java\.lang\.|\bat [\w$.]+\(\w+\.java:\d+\)|A fatal error has been detected by the Java Runtime/, 'jvm'],
  [/goroutine \d+ (?:gp=\w+ m=\d+ mp=\w+ )?\[/, 'go'],
  [/Traceback \(most recent call last\)/, 'python'],
  [/JavaScript heap|node:internal|at Module\._compile/, 'node'],
  [/Unhandled exception\. System\.|at Microsoft\.AspNetCore/, 'dotnet'],
];

const NAME_RUNTIMES: Array<[RegExp, string]> = [
  [/\b(java|jre|jdk|openjdk|temurin|corretto|spring|tomcat|jetty|JAVA_OPTS|JAVA_TOOL_OPTIONS|keycloak|jenkins)\b|\/(?:cp-)?(?:kafka|elasticsearch|opensearch)[:@]/i, 'jvm'],
  [/\b(node|nodejs|npm|yarn|NODE_OPTIONS)\b/i, 'node'],
  [/\b(dotnet|aspnet|DOTNET_\w+)\b/i, 'dotnet'],
  [/\b(python|gunicorn|uvicorn|django|flask|celery)\b/i, 'python'],
];

function runtimeOf(c: ContainerContext): string | null {
  const log = c.previousLog ?? c.currentLog ?? '';
  for (const [pattern, runtime] of LOG_RUNTIMES) if (pattern.test(log)) return runtime;
  const names = [c.spec?.image ?? '', ...(c.spec?.command ?? []), ...(c.spec?.args ?? []), ...(c.spec?.env ?? []).map((e) => e.name)].join(' ');
  for (const [pattern, runtime] of NAME_RUNTIMES) if (pattern.test(names)) return runtime;
  return null;
}

/** The pod's command and args as one shell line; null when the image's ENTRYPOINT/CMD runs. */
function configuredCommand(c: ContainerContext): string | null {
  const parts = [...(c.spec?.command ?? []), ...(c.spec?.args ?? [])];
  return parts.length ? shellLine(parts) : null;
}

/** The pod's pull secret names; null when a paste does not show them (kubectl describe never prints them). */
function pullSecretNames(c: ContainerContext): string[] | null {
  const names = (c.pod.pod.spec?.imagePullSecrets ?? []).flatMap((s) => (s.name ? [s.name] : []));
  return names.length || !fromPaste(c.pod) ? names : null;
}

/**
 * The grace period kubelet gives after SIGTERM. A paste rarely shows it: describe prints it only
 * as "Termination Grace Period" of a pod being deleted, which the parser keeps as the deletion's.
 */
function gracePeriodOf(c: ContainerContext): number | null {
  const spec = c.pod.pod.spec?.terminationGracePeriodSeconds;
  if (spec !== undefined) return spec;
  return fromPaste(c.pod) ? (c.pod.pod.metadata?.deletionGracePeriodSeconds ?? null) : 30;
}

/**
 * What a pasted status proves about the pod's restart policy: kubelet restarts an app container
 * that exited 0 only under Always (OnFailure leaves a succeeded container alone, even when the
 * sandbox is re-created), so a clean exit in a last state means Always. Null when nothing shows it.
 */
function restartPolicyShownByRestarts(p: ContainerContext['pod']): string | null {
  const cleanExitRestarted = p.containers.some((c) => c.kind === 'app' && c.status?.lastState?.terminated?.exitCode === 0);
  return cleanExitRestarted ? 'Always' : null;
}

/**
 * The restart policy that applies to a container: native sidecars always restart, init
 * containers are retried unless the pod says Never. kubectl describe never prints the pod's
 * policy, so a paste leaves it unknown unless its owner or phase says (a Job's pods never run
 * with Always); a whole pod object without one has the default, Always.
 */
function effectiveRestartPolicy(c: ContainerContext): string | null {
  if (c.kind === 'sidecar') return 'Always';
  const pod = c.pod.pod.spec?.restartPolicy ?? (fromPaste(c.pod) ? restartPolicyShownByRestarts(c.pod) : 'Always');
  if (c.kind === 'init') return pod === 'Never' ? 'Never' : pod === null ? null : 'OnFailure';
  return pod;
}

export const CONTAINER_STATE_FACTS = [
  containerFact({
    name: 'containerName',
    type: 'string',
    description: 'The container the facts are about.',
    example: 'app',
    compute: (c) => c.name,
  }),
  containerFact({
    name: 'containerKind',
    type: 'string',
    description: '`app`, `init`, `sidecar` (init container with restartPolicy Always) or `ephemeral`.',
    example: 'app',
    compute: (c) => c.kind,
  }),
  containerFact({
    name: 'containerLabel',
    type: 'string',
    description: 'The container as prose names it: `container app`, `init container migrate`, `sidecar container proxy`.',
    example: 'init container migrate',
    compute: containerLabel,
  }),
  containerFact({
    name: 'image',
    type: 'string',
    description: 'The image the container runs.',
    example: 'ghcr.io/acme/api:1.4.2',
    compute: (c) => c.spec?.image ?? c.status?.image ?? null,
    cite: specField('image'),
  }),
  containerFact({
    name: 'imageRegistry',
    type: 'string',
    description: 'The registry host the image is pulled from (`docker.io` when the reference names none): the image a failed pull names, else the container\'s.',
    example: 'ghcr.io',
    compute: (c) => {
      // A pasted events table may tie a pull failure to a container it does not name; the failure's image is certain.
      const image = pulledImage(c) ?? c.spec?.image ?? c.status?.image;
      return image ? imageRegistry(image) : null;
    },
  }),
  containerFact({
    name: 'imagePullSecrets',
    type: 'string[]',
    description: 'The pull secrets kubelet may use for this container\'s image (the pod\'s spec.imagePullSecrets, which include those its ServiceAccount adds at admission); null when the evidence does not show them (kubectl describe never prints them).',
    example: ['ghcr-pull'],
    compute: pullSecretNames,
    cite: (_c, value) =>
      Array.isArray(value) && value.length ? { source: 'spec.imagePullSecrets', text: value.join(', ') } : null,
  }),
  containerFact({
    name: 'imagePullSecretCount',
    type: 'number',
    description: 'How many pull secrets the pod names; null when the evidence does not show them (kubectl describe never prints them).',
    example: 0,
    compute: (c) => pullSecretNames(c)?.length ?? null,
  }),
  containerFact({
    name: 'serviceAccountName',
    type: 'string',
    description: 'The ServiceAccount the pod runs as (its imagePullSecrets are added to the pod at admission); null when the pasted evidence does not show it.',
    example: 'default',
    // Older kubectl describe prints no Service Account line: a paste without one does not show it is default.
    compute: (c) => c.pod.pod.spec?.serviceAccountName ?? c.pod.pod.spec?.serviceAccount ?? (fromPaste(c.pod) ? null : 'default'),
  }),
  containerFact({
    name: 'gracePeriodSeconds',
    type: 'number',
    description: 'How long kubelet waits after SIGTERM before it sends SIGKILL: the pod\'s terminationGracePeriodSeconds (default 30); null when a paste does not show it (kubectl describe prints it only for a pod being deleted).',
    example: 30,
    compute: gracePeriodOf,
    cite: (c, value) => {
      if (value === null) return null;
      if (c.pod.pod.spec?.terminationGracePeriodSeconds !== undefined) return { source: 'spec.terminationGracePeriodSeconds', text: String(value) };
      return fromPaste(c.pod) ? { source: 'metadata.deletionGracePeriodSeconds', text: String(value) } : { source: 'spec.terminationGracePeriodSeconds', text: `${String(value)} (default)` };
    },
  }),
  containerFact({
    name: 'command',
    type: 'string',
    description: 'The configured command and args as a shell line (arguments quoted where needed); null when the image default is used.',
    example: "sh -c 'exec java -jar /app.jar'",
    compute: configuredCommand,
    cite: specField('command'),
  }),
  containerFact({
    name: 'commandShapeProblem',
    type: 'string',
    description: "What is wrong with the shape of the container's `command`, which is exec'd with no shell: `shell-line-as-one-argument` (a whole command line in its first element, `[\"exit 1\"]`) or `shell-builtin` (a word only a shell runs, `exit`, `cd`, `source`); null when neither, or the command is not shown.",
    example: 'shell-line-as-one-argument',
    compute: (c) => commandShape(c.spec)?.problem ?? null,
    cite: (c) => {
      const shape = commandShape(c.spec);
      return shape ? { source: `spec.${c.kind === 'app' ? 'containers' : 'initContainers'}[${c.name}].command[0]`, text: JSON.stringify(shape.first) } : null;
    },
  }),
  containerFact({
    name: 'commandFirst',
    type: 'string',
    description: "The first element of the container's `command`, quoted as the pod spec holds it; null without a command.",
    example: '"exit 1"',
    compute: (c) => (typeof c.spec?.command?.[0] === 'string' ? JSON.stringify(c.spec.command[0]) : null),
  }),
  containerFact({
    name: 'effectiveCommand',
    type: 'string',
    description: 'What the container runs, for prose: the configured command and args, else a note that the image\'s ENTRYPOINT/CMD is used; null when a paste does not show the container\'s block.',
    example: 'sh -c ./start.sh',
    compute: (c) => configuredCommand(c) ?? (containerShown(c) ? "the image's own ENTRYPOINT/CMD" : null),
  }),
  containerFact({
    name: 'containerSpecList',
    type: 'string',
    description: 'Where the container is declared in the pod spec (`containers` or `initContainers`), for jsonpath in commands.',
    example: 'initContainers',
    compute: (c) => (c.kind === 'app' ? 'containers' : c.kind === 'ephemeral' ? 'ephemeralContainers' : 'initContainers'),
  }),
  containerFact({
    name: 'imagePullPolicy',
    type: 'string',
    description: 'imagePullPolicy as kubelet applies it: the spec\'s, else Always for `:latest` or untagged images and IfNotPresent otherwise; null when a paste does not show it (kubectl describe never prints it).',
    example: 'IfNotPresent',
    compute: (c) => {
      if (c.spec?.imagePullPolicy) return c.spec.imagePullPolicy;
      const image = c.spec?.image;
      // kubectl describe never prints the policy, and a pasted spec may have set it either way.
      if (!image || fromPaste(c.pod)) return null;
      if (image.includes('@')) return 'IfNotPresent';
      const lastPart = image.split('/').at(-1) ?? image;
      const tag = lastPart.includes(':') ? lastPart.split(':').at(-1) : undefined;
      return tag === undefined || tag === 'latest' ? 'Always' : 'IfNotPresent';
    },
    cite: specField('imagePullPolicy'),
  }),
  containerFact({
    name: 'restartPolicy',
    type: 'string',
    description: 'The restart policy that applies to this container (sidecars: Always; init containers: OnFailure unless the pod says Never); null when a paste does not show it (kubectl describe never prints it) unless its statuses prove it (an app container restarted after exit code 0 runs under Always).',
    example: 'Always',
    compute: effectiveRestartPolicy,
  }),
  containerFact({
    name: 'state',
    type: 'string',
    description: 'Current state: `waiting`, `running` or `terminated`; null when no status was reported.',
    example: 'waiting',
    compute: (c) => stateName(current(c)),
  }),
  containerFact({
    name: 'waitingReason',
    type: 'string',
    description: 'Why the container is waiting, e.g. `CrashLoopBackOff`, `ImagePullBackOff`, `CreateContainerConfigError`; when a pasted status lost its reason line, the reason its waiting message is kubelet\'s text for (`Back-off pulling image ...` is ImagePullBackOff).',
    example: 'CrashLoopBackOff',
    compute: (c) => waitingReasonOf(current(c)?.waiting),
    cite: (c, value) => statusField(current(c)?.waiting?.reason ? 'state.waiting.reason' : 'state.waiting.message')(c, current(c)?.waiting?.reason ? value : current(c)?.waiting?.message),
  }),
  containerFact({
    name: 'waitingMessage',
    type: 'string',
    description: 'The waiting message (kubectl describe does not print it).',
    example: 'back-off 5m0s restarting failed container=app pod=api-7d9f_shop(4c1e…)',
    compute: (c) => current(c)?.waiting?.message ?? null,
    cite: statusField('state.waiting.message'),
  }),
  containerFact({
    name: 'terminatedReason',
    type: 'string',
    description: 'Reason of the current terminated state, e.g. `Error`, `OOMKilled`, `Completed`.',
    example: 'Error',
    compute: (c) => current(c)?.terminated?.reason ?? null,
    cite: statusField('state.terminated.reason'),
  }),
  containerFact({
    name: 'exitCode',
    type: 'number',
    description: 'Exit code of the current terminated state.',
    example: 1,
    compute: (c) => current(c)?.terminated?.exitCode ?? null,
    cite: statusField('state.terminated.exitCode'),
  }),
  containerFact({
    name: 'signalName',
    type: 'string',
    description: 'Signal that ended the current terminated state (from `signal` or exit code 128+n).',
    example: 'SIGKILL',
    compute: (c) => signalName(signalOf(current(c)?.terminated?.exitCode, current(c)?.terminated?.signal)),
  }),
  containerFact({
    name: 'terminatedMessage',
    type: 'string',
    description: 'Message of the current terminated state (termination log or runtime error).',
    example: 'exec: "serve": executable file not found in $PATH',
    compute: (c) => current(c)?.terminated?.message ?? null,
    cite: statusField('state.terminated.message'),
  }),
  containerFact({
    name: 'lastTerminatedReason',
    type: 'string',
    description: 'Reason the previous instance terminated (`lastState.terminated.reason`): where an OOM kill shows once the container runs again.',
    example: 'OOMKilled',
    compute: (c) => last(c)?.terminated?.reason ?? null,
    cite: statusField('lastState.terminated.reason'),
  }),
  containerFact({
    name: 'lastExitCode',
    type: 'number',
    description: 'Exit code of the previous instance.',
    example: 137,
    compute: (c) => last(c)?.terminated?.exitCode ?? null,
    cite: statusField('lastState.terminated.exitCode'),
  }),
  containerFact({
    name: 'lastSignalName',
    type: 'string',
    description: 'Signal that ended the previous instance.',
    example: 'SIGKILL',
    compute: (c) => signalName(signalOf(last(c)?.terminated?.exitCode, last(c)?.terminated?.signal)),
  }),
  containerFact({
    name: 'lastTerminatedMessage',
    type: 'string',
    description: 'Message of the previous instance\'s termination.',
    example: 'exec format error',
    compute: (c) => last(c)?.terminated?.message ?? null,
    cite: statusField('lastState.terminated.message'),
  }),
  containerFact({
    name: 'lastRunSeconds',
    type: 'number',
    description: 'How long the previous instance ran before it terminated.',
    example: 12,
    compute: (c) => secondsBetween(last(c)?.terminated?.startedAt, last(c)?.terminated?.finishedAt),
  }),
  containerFact({
    name: 'runSeconds',
    type: 'number',
    description: 'How long the current instance ran (terminated) or has been running (running); null for a running one whose start is the latest time evidence shows that does not say when it was captured (it may have run for any time since).',
    example: 340,
    compute: (c) => {
      const state = current(c);
      if (state?.terminated) return secondsBetween(state.terminated.startedAt, state.terminated.finishedAt);
      if (!state?.running) return null;
      const seconds = secondsBetween(state.running.startedAt, new Date(c.pod.now));
      return seconds === 0 && c.pod.incident.source.capturedAtInferred ? null : seconds;
    },
  }),
  containerFact({
    name: 'secondsSinceLastTermination',
    type: 'number',
    description: 'Seconds between the previous instance\'s end and the capture time.',
    example: 95,
    compute: (c) => secondsBetween(last(c)?.terminated?.finishedAt, new Date(c.pod.now)),
  }),
  containerFact({
    name: 'terminationExitCode',
    type: 'number',
    description: 'The exit code that explains the container\'s trouble: the current terminated state\'s, else the previous instance\'s.',
    example: 137,
    compute: (c) => current(c)?.terminated?.exitCode ?? last(c)?.terminated?.exitCode ?? null,
    cite: terminationField('exitCode'),
  }),
  containerFact({
    name: 'terminationReason',
    type: 'string',
    description: 'The termination reason that explains the container\'s trouble: the current terminated state\'s, else the previous instance\'s.',
    example: 'OOMKilled',
    compute: (c) => current(c)?.terminated?.reason ?? last(c)?.terminated?.reason ?? null,
    cite: terminationField('reason'),
  }),
  containerFact({
    name: 'terminationMessage',
    type: 'string',
    description: 'The termination message that goes with `terminationReason`.',
    example: 'exec: "serve": executable file not found in $PATH',
    compute: (c) => (current(c)?.terminated ? current(c)?.terminated?.message : last(c)?.terminated?.message) ?? null,
    cite: terminationField('message'),
  }),
  containerFact({
    name: 'terminationSignalName',
    type: 'string',
    description: 'Signal behind `terminationExitCode`, e.g. SIGKILL for 137.',
    example: 'SIGKILL',
    compute: (c) => {
      const t = current(c)?.terminated ?? last(c)?.terminated;
      return signalName(signalOf(t?.exitCode, t?.signal));
    },
  }),
  containerFact({
    name: 'windowsExitStatus',
    type: 'string',
    description: 'The Windows NTSTATUS `terminationExitCode` is (`STATUS_CONTROL_C_EXIT` for -1073741510), for Windows containers; null for any other code.',
    example: 'STATUS_ACCESS_VIOLATION',
    compute: (c) => windowsStatus((current(c)?.terminated ?? last(c)?.terminated)?.exitCode)?.name ?? null,
  }),
  containerFact({
    name: 'windowsExitKind',
    type: 'string',
    description: 'What that Windows status says of the end: `crash` (an access violation, a stack overflow, a fail-fast), `stopped` (a console control event: a stop from outside), `killed` (terminated by the host) or `image` (a DLL missing, an image not for this node).',
    example: 'crash',
    compute: (c) => windowsStatus((current(c)?.terminated ?? last(c)?.terminated)?.exitCode)?.kind ?? null,
  }),
  containerFact({
    name: 'exitCodeMeaning',
    type: 'string',
    description: 'What `terminationExitCode` means.',
    example: 'killed by SIGKILL (OOM kill, or kill after the grace period)',
    compute: (c) => {
      const t = current(c)?.terminated ?? last(c)?.terminated;
      return exitCodeMeaning(t?.exitCode, t?.signal);
    },
  }),
  containerFact({
    name: 'restartCount',
    type: 'number',
    description: 'How often kubelet restarted the container.',
    example: 14,
    compute: (c) => c.status?.restartCount ?? null,
    cite: statusField('restartCount'),
  }),
  containerFact({
    name: 'ready',
    type: 'boolean',
    description: 'Whether the container passes its readiness probe.',
    example: false,
    compute: (c) => c.status?.ready ?? null,
    cite: statusField('ready'),
  }),
  containerFact({
    name: 'started',
    type: 'boolean',
    description: 'Whether the container passed its startup probe (or has none and started).',
    example: true,
    compute: (c) => c.status?.started ?? null,
  }),
  containerFact({
    name: 'backOffSeconds',
    type: 'number',
    description: 'The current restart back-off from the CrashLoopBackOff message (10 s doubling to 300 s).',
    example: 300,
    compute: (c) => {
      const message = current(c)?.waiting?.message ?? '';
      const m = /back-off (\d+m)?(\d+s)?/.exec(message);
      if (!m || (!m[1] && !m[2])) return null;
      return (m[1] ? parseInt(m[1], 10) * 60 : 0) + (m[2] ? parseInt(m[2], 10) : 0);
    },
  }),
  containerFact({
    name: 'runtime',
    type: 'string',
    description: 'The language runtime the container appears to run (`jvm`, `node`, `python`, `dotnet`, `go`), from image, command, env and logs; null when unknown.',
    example: 'jvm',
    compute: runtimeOf,
  }),
];
