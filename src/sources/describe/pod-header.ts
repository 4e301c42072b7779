import type { V1OwnerReference, V1Toleration } from '@kubernetes/client-node';
import { isEmptyValue, keyValue } from './key-value.js';
import { durationSeconds } from './relative-age.js';
import type { Section } from './sections.js';

/** A section's value and following lines as one list of entries, `<none>` dropped. */
function entries(section: Section | undefined): string[] {
  if (!section) return [];
  return [section.value, ...section.lines.map((l) => l.text)].filter((t) => !isEmptyValue(t));
}

/**
 * `Labels:` and `Node-Selectors:` print one `key=value` per line (1.1x: comma-separated on one;
 * a paste that lost its line breaks: space-separated, as label values hold no spaces).
 */
export function readKeyEqualsValue(section: Section | undefined): Record<string, string> | undefined {
  if (!section) return undefined;
  const out: Record<string, string> = {};
  for (const entry of entries(section).flatMap((e) => e.split(/[,\s]+(?=[^,=\s]+=)/))) {
    const eq = entry.indexOf('=');
    if (eq > 0) out[entry.slice(0, eq)] = entry.slice(eq + 1);
    else if (!/\s/.test(entry)) out[entry] = '';
  }
  return out;
}

function equalsPair(entry: string): { key: string; value: string } | null {
  const match = /^([\w./-]{1,253})=(.*)$/.exec(entry);
  return match?.[1] ? { key: match[1], value: match[2] ?? '' } : null;
}

/** `Annotations:` prints `key: value` (1.1x: `key=value`); lines that are neither continue the previous value. */
export function readAnnotations(section: Section | undefined): Record<string, string> | undefined {
  if (!section) return undefined;
  const out: Record<string, string> = {};
  let last: string | null = null;
  for (const entry of entries(section)) {
    const kv = keyValue(entry) ?? equalsPair(entry);
    if (kv && !/\s/.test(kv.key)) {
      out[kv.key] = kv.value;
      last = kv.key;
    } else if (last !== null) {
      out[last] = `${out[last]}\n${entry}`;
    }
  }
  return out;
}

/** `Node:  ip-10-0-2-27.ec2.internal/10.0.2.27`, `<none>` before scheduling. */
export function readNode(value: string): { nodeName?: string; hostIP?: string } {
  if (isEmptyValue(value)) return {};
  const slash = value.lastIndexOf('/');
  if (slash === -1) return { nodeName: value };
  const hostIP = value.slice(slash + 1);
  return { nodeName: value.slice(0, slash), ...(hostIP ? { hostIP } : {}) };
}

const PHASES = new Set(['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown']);

/** `Running`, or `Terminating (lasts 5m)` for a pod being deleted (its phase is not printed then). */
export function readStatus(value: string): { phase?: string; terminatingSeconds?: number } {
  const terminating = /^Terminating(?:\s+\(lasts\s+([^)]+)\))?/.exec(value);
  if (terminating) {
    const seconds = terminating[1] ? durationSeconds(terminating[1]) : null;
    return seconds === null ? { terminatingSeconds: 0 } : { terminatingSeconds: seconds };
  }
  const phase = value.split(/\s/)[0] ?? '';
  return PHASES.has(phase) ? { phase } : {};
}

const OWNER_API_VERSIONS: Record<string, string> = {
  ReplicaSet: 'apps/v1',
  StatefulSet: 'apps/v1',
  DaemonSet: 'apps/v1',
  Deployment: 'apps/v1',
  Job: 'batch/v1',
  CronJob: 'batch/v1',
};

/** `Controlled By:  ReplicaSet/web-7d9f` (1.1x printed `Created By:` with the same text). */
export function readOwner(value: string): V1OwnerReference | undefined {
  const match = /^([A-Za-z]+)\/(\S+)$/.exec(value.trim());
  if (!match?.[1] || !match[2]) return undefined;
  return { apiVersion: OWNER_API_VERSIONS[match[1]] ?? 'v1', kind: match[1], name: match[2], uid: '', controller: true };
}

function readToleration(entry: string): V1Toleration | null {
  // `op=Exists` alone tolerates every taint: it has no key, value or effect.
  const everything = /^op=Exists(?:\s+for\s+(\d+)s)?$/.exec(entry);
  if (everything) return { operator: 'Exists', ...(everything[1] ? { tolerationSeconds: Number(everything[1]) } : {}) };
  const match = /^([^=:\s]*)(?:=([^:\s]*))?(?::(\w+))?(?:\s+op=(\w+))?(?:\s+for\s+(\d+)s)?$/.exec(entry);
  if (!match) return null;
  const [, key, value, effect, operator, seconds] = match;
  return {
    ...(key ? { key } : {}),
    operator: operator ?? 'Equal',
    ...(value !== undefined ? { value } : {}),
    ...(effect ? { effect } : {}),
    ...(seconds ? { tolerationSeconds: Number(seconds) } : {}),
  };
}

/** `node.kubernetes.io/not-ready:NoExecute op=Exists for 300s`, `dedicated=gpu:NoSchedule`, `op=Exists`. */
export function readTolerations(section: Section | undefined): V1Toleration[] | undefined {
  if (!section) return undefined;
  // Several tolerations on one line (a paste that lost its breaks) part before each `key:Effect`.
  const split = (entry: string) => entry.split(/\s+(?=[^\s=:]*(?:=[^\s:]*)?:(?:NoSchedule|PreferNoSchedule|NoExecute)\b)/);
  return entries(section).flatMap(split).flatMap((entry) => readToleration(entry) ?? []);
}

/** `IPs:` lists `IP:  10.1.2.3` lines. */
export function readIPs(section: Section | undefined): string[] {
  return entries(section).flatMap((entry) => {
    const kv = keyValue(entry);
    const ip = kv ? kv.value : entry;
    return ip ? [ip] : [];
  });
}
