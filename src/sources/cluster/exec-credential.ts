import { spawn, type ChildProcess } from 'node:child_process';
import type { KubeConfig } from '@kubernetes/client-node';

/**
 * A kubeconfig `exec` credential plugin (aws eks get-token, gke-gcloud-auth-plugin, kubelogin)
 * runs before the first request, and @kubernetes/client-node waits for it without a limit: a
 * plugin stuck on a browser login or a dead network would hang podmortem forever. Bounded here by
 * the request timeout: the plugin is killed and the request fails with a line that says so.
 */

/** Set when a plugin of this kubeconfig was killed for taking too long. */
const killedPlugins = new WeakMap<KubeConfig, { command: string; timeoutMs: number }>();
const bounded = new WeakSet<KubeConfig>();

interface ExecAuthLike {
  execFn: (command: string, args: readonly string[] | undefined, options: object) => ChildProcess;
}

function execAuthenticator(kubeConfig: KubeConfig): ExecAuthLike | undefined {
  // The client keeps its authenticators private; ExecAuth is the one that spawns (`execFn`).
  const authenticators = (kubeConfig as unknown as { authenticators?: unknown[] }).authenticators ?? [];
  return authenticators.find((a): a is ExecAuthLike => typeof (a as Partial<ExecAuthLike>)?.execFn === 'function');
}

/** Makes the kubeconfig's exec plugins die after `timeoutMs` (0: no bound, as --request-timeout=0). Idempotent. */
export function boundExecPlugins(kubeConfig: KubeConfig, timeoutMs: number): void {
  if (timeoutMs <= 0 || bounded.has(kubeConfig)) return;
  const exec = execAuthenticator(kubeConfig);
  if (!exec) return;
  bounded.add(kubeConfig);
  exec.execFn = (command, args, options) => {
    const child = spawn(command, args ?? [], { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => {
      killedPlugins.set(kubeConfig, { command, timeoutMs });
      child.kill('SIGKILL');
    }, timeoutMs);
    child.once('close', () => clearTimeout(timer));
    child.once('error', () => clearTimeout(timer));
    return child;
  };
}

/** Why the credentials could not be had, when the plugin was killed for its time; else null. */
export function killedPluginMessage(kubeConfig: KubeConfig): string | null {
  const killed = killedPlugins.get(kubeConfig);
  if (!killed) return null;
  const seconds = killed.timeoutMs % 1000 === 0 ? `${killed.timeoutMs / 1000}s` : `${killed.timeoutMs}ms`;
  return `the exec credential plugin "${killed.command}" gave no credentials within ${seconds} (--request-timeout) and was stopped: run it by hand to see what it waits for (a login?), or raise --request-timeout`;
}
