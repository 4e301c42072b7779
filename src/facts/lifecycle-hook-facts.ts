import type { V1LifecycleHandler } from '@kubernetes/client-node';
import type { PodEvent } from '../model/event.js';
import type { ContainerContext } from './context.js';
import { containerFact, specField, statusField } from './definition.js';
import { eventEvidence } from './event-format.js';
import { lastMatching } from './event-queries.js';
import { exitCodeMeaning } from './signals.js';
import { shellLine } from './shell-quote.js';
import { syncFailure } from './kubelet-events.js';
import { waitingReasonOf } from './waiting-reason.js';

/*
 * Lifecycle hooks. kubelet runs a container's postStart hook right after starting it and kills the
 * container when the hook fails: a FailedPostStartHook event with the hook's output, a Killing
 * event whose message is `FailedPostStartHook`, and the waiting reason PostStartHookError (a
 * FailedSync `... with PostStartHookError: ...` on kubelets before 1.5). It runs preStop before
 * stopping a container and sends SIGTERM whatever the hook did (FailedPreStopHook). Its hook
 * runner writes one text for either hook (`Exec lifecycle hook ([sh -c ...]) for Container "app"
 * in Pod "web-0_shop(uid)" failed - error: ..., message: "..."`), so a message pasted without its
 * reason says that a hook failed, not which one.
 */

export type FailedHook = 'postStart' | 'preStop' | 'unknown';

const HOOK_MESSAGE = /^(?:Exec|HTTP|Http) lifecycle hook \(/;

/** Which hook an event says failed; null when it says nothing about hooks. */
function hookOfEvent(event: PodEvent): FailedHook | null {
  if (event.reason === 'FailedPostStartHook') return 'postStart';
  if (event.reason === 'FailedPreStopHook') return 'preStop';
  if (event.reason === 'Killing') return event.message === 'FailedPostStartHook' ? 'postStart' : null;
  if (syncFailure(event)?.reason === 'PostStartHookError') return 'postStart';
  return HOOK_MESSAGE.test(event.message) ? 'unknown' : null;
}

/**
 * The hook runner's words in an event: its text, not the kill that followed it, nor the bare
 * `PostStartHook failed` / `PreStopHook failed` that current kubelets write instead (a hook's
 * output may hold secrets, so they keep it to the kubelet log).
 */
function hookMessageOf(event: PodEvent): string | null {
  if (event.reason === 'Killing') return null;
  const message = syncFailure(event)?.detail ?? event.message;
  return /^(?:PostStart|PreStop)Hook failed$/.test(message.trim()) ? null : message;
}

interface HookFailure {
  readonly hook: FailedHook;
  readonly message: string | null;
  /** The event the failure was read from; absent when the waiting state (PostStartHookError) showed it. */
  readonly event?: PodEvent;
}

const failures = new WeakMap<ContainerContext, HookFailure | null>();

/** The failed hook the evidence shows, computed once per container (several facts read it). */
function hookFailure(c: ContainerContext): HookFailure | null {
  let found = failures.get(c);
  if (found === undefined) failures.set(c, (found = findHookFailure(c)));
  return found;
}

function findHookFailure(c: ContainerContext): HookFailure | null {
  const waiting = c.status?.state?.waiting;
  const worded = lastMatching(c.events, (e) => hookOfEvent(e) !== null && hookMessageOf(e) !== null);
  // Without the runner's text, the hook's own event (not the kill that followed it) is the one to cite.
  const bare = lastMatching(c.events, (e) => hookOfEvent(e) !== null && e.reason !== 'Killing');
  if (waitingReasonOf(waiting) === 'PostStartHookError') {
    if (waiting?.message) return { hook: 'postStart', message: waiting.message };
    const event = worded ?? bare;
    return { hook: 'postStart', message: worded ? hookMessageOf(worded) : null, ...(event ? { event } : {}) };
  }
  const latest = worded ?? bare ?? lastMatching(c.events, (e) => hookOfEvent(e) !== null);
  if (!latest) return null;
  const named = hookOfEvent(latest) ?? 'unknown';
  // An unnamed hook text beside the kill of a failed postStart hook is that hook's.
  const hook = named === 'unknown' && c.events.some((e) => hookOfEvent(e) === 'postStart') ? 'postStart' : named;
  return { hook, message: hookMessageOf(latest), event: latest };
}

/** The exit code of a failed exec hook's command, as the runner's error gives it. */
function hookExitCode(c: ContainerContext): number | null {
  const code = /\bexited with (\d{1,3})\b/.exec(hookFailure(c)?.message ?? '')?.[1];
  return code === undefined ? null : Number(code);
}

/** A hook as one line: `exec [sh -c /hooks/start.sh]`, `http-get /warm port 8080`, `sleep 5s`. */
function hookText(hook: V1LifecycleHandler | undefined): string | null {
  if (!hook) return null;
  if (hook.exec) return `exec [${(hook.exec.command ?? []).join(' ')}]`;
  if (hook.httpGet) return `http-get ${hook.httpGet.path ?? '/'} port ${hook.httpGet.port}`;
  if (hook.sleep) return `sleep ${hook.sleep.seconds}s`;
  return 'configured';
}

/** An exec hook's command as a shell line to run by hand; null for another kind of hook or none. */
function hookCommandLine(hook: V1LifecycleHandler | undefined): string | null {
  const command = hook?.exec?.command;
  return command?.length ? shellLine(command) : null;
}

export const LIFECYCLE_HOOK_FACTS = [
  containerFact({
    name: 'postStartHook',
    type: 'string',
    description: 'The container\'s postStart hook, which kubelet runs right after starting the container (beside its entrypoint, in no set order) and whose failure kills the container; null when none is shown.',
    example: 'exec [sh -c /hooks/register.sh]',
    compute: (c) => hookText(c.spec?.lifecycle?.postStart),
    cite: specField('lifecycle.postStart'),
  }),
  containerFact({
    name: 'postStartCommandLine',
    type: 'string',
    description: 'The postStart exec hook\'s command as a shell line (arguments quoted where needed), to run by hand; null for an HTTP or sleep hook or none.',
    example: "sh -c '/hooks/register.sh'",
    compute: (c) => hookCommandLine(c.spec?.lifecycle?.postStart),
  }),
  containerFact({
    name: 'preStopCommandLine',
    type: 'string',
    description: 'The preStop exec hook\'s command as a shell line (arguments quoted where needed), to run by hand; null for an HTTP or sleep hook or none.',
    example: "sh -c 'curl -sf -X POST http://127.0.0.1:9090/drain'",
    compute: (c) => hookCommandLine(c.spec?.lifecycle?.preStop),
  }),
  containerFact({
    name: 'preStopHook',
    type: 'string',
    description: 'The container\'s preStop hook, which runs before SIGTERM and counts against the grace period; null when none.',
    example: 'exec [sh -c sleep 20]',
    compute: (c) => hookText(c.spec?.lifecycle?.preStop),
    cite: specField('lifecycle.preStop'),
  }),
  containerFact({
    name: 'failedHook',
    type: 'string',
    description: 'Which lifecycle hook the evidence shows failing: `postStart`, `preStop`, or `unknown` for kubelet\'s hook text pasted without its reason (it writes the same text for both); null when no hook failed.',
    example: 'postStart',
    compute: (c) => hookFailure(c)?.hook ?? null,
    cite: (c) => {
      const found = hookFailure(c);
      if (!found) return null;
      return found.event ? eventEvidence(found.event) : statusField('state.waiting.reason')(c, 'PostStartHookError');
    },
  }),
  containerFact({
    name: 'hookFailureMessage',
    type: 'string',
    description: 'What kubelet\'s hook runner said about the failed hook: the command or path, the error, and the hook\'s output; null when not shown (current kubelets keep it out of events).',
    example: 'Exec lifecycle hook ([sh -c /hooks/register.sh]) for Container "app" in Pod "web-0_shop(…)" failed - error: command \'sh -c /hooks/register.sh\' exited with 7: , message: "curl: (7) Failed to connect"',
    compute: (c) => hookFailure(c)?.message ?? null,
    // A message from an event is cited with that event (failedHook); one from the waiting state, here.
    cite: (c, value) => (hookFailure(c)?.event ? null : statusField('state.waiting.message')(c, value)),
  }),
  containerFact({
    name: 'hookOutputShown',
    type: 'boolean',
    description: 'Whether the evidence holds the hook runner\'s text (command, error, output): false when a hook failed and kubelet recorded only `PostStartHook failed` or `PreStopHook failed`, as current kubelets do; null when no hook failed.',
    example: false,
    compute: (c) => {
      const found = hookFailure(c);
      return found ? found.message !== null : null;
    },
  }),
  containerFact({
    name: 'hookExitCode',
    type: 'number',
    description: 'The exit code of a failed exec hook\'s command (`exited with 137`); null for an HTTP hook or when not shown.',
    example: 7,
    compute: hookExitCode,
  }),
  containerFact({
    name: 'hookExitMeaning',
    type: 'string',
    description: 'What `hookExitCode` means (137: the hook\'s command was killed).',
    example: 'killed by SIGKILL',
    compute: (c) => {
      const code = hookExitCode(c);
      // A hook's process is killed with the container or the grace period, not by a memory limit of its own.
      return code === 137 ? 'killed by SIGKILL' : exitCodeMeaning(code);
    },
  }),
];
