/** What kept the scheduler from placing a pod, from its FailedScheduling message. */
export type SchedulingProblem =
  | 'insufficient-cpu'
  | 'insufficient-memory'
  | 'insufficient-gpu'
  | 'insufficient-ephemeral-storage'
  | 'insufficient-other'
  | 'too-many-pods'
  | 'untolerated-taint'
  | 'node-affinity'
  | 'pod-affinity'
  | 'topology-spread'
  | 'unbound-pvc'
  | 'missing-pvc'
  | 'volume-node-affinity'
  | 'volume-limit'
  | 'port-conflict'
  | 'node-unschedulable'
  | 'no-nodes'
  | 'other';

/** One "N reason" item of the message: what that many nodes said. */
export interface SchedulingReason {
  readonly problem: SchedulingProblem;
  /** The reason as the scheduler wrote it, without the node count. */
  readonly text: string;
  /** How many nodes gave it; null for a pre-filter reason, which rules out every node at once. */
  readonly nodes: number | null;
}

export interface SchedulingFailure {
  /** N of "0/N nodes are available"; null when the message does not say. */
  readonly totalNodes: number | null;
  readonly reasons: readonly SchedulingReason[];
}

// kube-scheduler texts, old and new: plugin reasons (NodeResourcesFit, TaintToleration,
// NodeAffinity, InterPodAffinity, PodTopologySpread, VolumeBinding, ...) and pre-filter messages.
const PATTERNS: ReadonlyArray<readonly [RegExp, SchedulingProblem]> = [
  [/^Insufficient cpu$/i, 'insufficient-cpu'],
  [/^Insufficient memory$/i, 'insufficient-memory'],
  [/^Insufficient [\w.-]*\/?gpu\b/i, 'insufficient-gpu'],
  [/^Insufficient ephemeral-storage$/i, 'insufficient-ephemeral-storage'],
  [/^(?:Too many pods|Insufficient pods)$/i, 'too-many-pods'],
  [/^Insufficient /i, 'insufficient-other'],
  [/untolerated taint|had taints? .*didn't tolerate|had taint \{/i, 'untolerated-taint'],
  [/didn't match (?:Pod's )?node (?:affinity|selector)|didn't match scheduler-enforced node affinity|didn't match the requested node name/i, 'node-affinity'],
  [/pod (?:anti-)?affinity|anti-affinity rules/i, 'pod-affinity'],
  [/topology spread constraints/i, 'topology-spread'],
  [/unbound (?:immediate )?PersistentVolumeClaims|didn't find available persistent volumes to bind|bound to non-existent pv|did not have enough free storage/i, 'unbound-pvc'],
  [/persistentvolumeclaim "[^"]+" (?:not found|is being deleted)/i, 'missing-pvc'],
  [/volume node affinity conflict|no available volume zone/i, 'volume-node-affinity'],
  [/exceed max volume count/i, 'volume-limit'],
  [/didn't have free ports/i, 'port-conflict'],
  [/were unschedulable/i, 'node-unschedulable'],
  [/no nodes available to schedule pods/i, 'no-nodes'],
  // Predicate names of kube-scheduler before 1.11, as its old messages print them.
  [/^Node didn't have enough resource: CPU\b/i, 'insufficient-cpu'],
  [/^Node didn't have enough resource: Memory\b/i, 'insufficient-memory'],
  [/^(?:PodFitsResources|GeneralPredicates)$|^Node didn't have enough resource/i, 'insufficient-other'],
  [/^(?:MatchNodeSelector|HostName|NodeAffinity)$/i, 'node-affinity'],
  [/^PodToleratesNodeTaints$/i, 'untolerated-taint'],
  [/^(?:PodFitsHostPorts|PodFitsPorts)$/i, 'port-conflict'],
  [/^MatchInterPodAffinity$/i, 'pod-affinity'],
  [/^(?:NoVolumeZoneConflict|NoVolumeNodeConflict)$/i, 'volume-node-affinity'],
  [/^Max\w{1,20}VolumeCount$/i, 'volume-limit'],
  [/^CheckVolumeBinding$/i, 'unbound-pvc'],
  [/^(?:CheckNodeUnschedulable|NodeUnschedulable)$/i, 'node-unschedulable'],
];

function problemOf(text: string): SchedulingProblem {
  return PATTERNS.find(([pattern]) => pattern.test(text))?.[1] ?? 'other';
}

const AVAILABLE = /^\s*\d+\/(\d+) nodes are available:?\s*/i;

/** The text without the full stops and spaces it ends with; a loop, since `/[.\s]+$/` rescans every run of spaces. */
function withoutFinalStop(text: string): string {
  let end = text.length;
  while (end > 0 && /[.\s]/.test(text.charAt(end - 1))) end--;
  return text.slice(0, end);
}

/** `Insufficient cpu (3)`: a reason and, in brackets, how many nodes gave it. */
const COUNTED = /^(.*\S)\s*\((\d{1,9})\)$/s;

function countedReasons(items: ReadonlyMap<string, number | null>): SchedulingReason[] {
  return [...items].map(([text, nodes]) => ({ problem: problemOf(text), text, nodes }));
}

/**
 * kube-scheduler's messages before 1.11: `No nodes are available that match all of the
 * predicates: Insufficient cpu (3), MatchNodeSelector (2).` (1.6-1.10), `pod (web) failed to fit
 * in any node fit failure on node (n1): Insufficient cpu ...` (1.2-1.5, one line per node, joined
 * when a table wrapped them) and `Failed for reason PodFitsResources and possibly others` (1.0-1.1).
 */
function parseOldSchedulingMessage(message: string): SchedulingFailure | null {
  const predicates = /^No nodes are available that match all of the (?:following )?predicates:{1,2}\s*(.*)$/is.exec(message)?.[1];
  if (predicates !== undefined) {
    const items = new Map<string, number | null>();
    for (const item of withoutFinalStop(predicates).split(/,\s+/)) {
      const counted = COUNTED.exec(item.trim());
      if (item.trim()) items.set((counted?.[1] ?? item).trim(), counted?.[2] ? Number(counted[2]) : null);
    }
    return { totalNodes: null, reasons: countedReasons(items) };
  }
  if (/failed to fit in any node/i.test(message)) {
    const items = new Map<string, number | null>();
    for (const part of message.split(/fit failure on node \(/i).slice(1)) {
      const reasons = /^[^)\s]{1,253}\):(.*)$/s.exec(part)?.[1] ?? '';
      for (const reason of reasons.split(/,\s+(?=[A-Z])/)) {
        const text = reason.trim().replace(/\.$/, '');
        if (text) items.set(text, (items.get(text) ?? 0) + 1);
      }
    }
    const summary = /fit failure summary on nodes\s*:\s*(.+)$/is.exec(message)?.[1];
    for (const item of summary?.split(/,\s+/) ?? []) {
      const counted = COUNTED.exec(item.trim());
      if (counted?.[1]) items.set(counted[1], Number(counted[2]));
    }
    return items.size ? { totalNodes: null, reasons: countedReasons(items) } : null;
  }
  const single = /^Failed for reason (\w{1,80}) and possibly others/i.exec(message)?.[1];
  return single ? { totalNodes: null, reasons: countedReasons(new Map([[single, null]])) } : null;
}

/**
 * Splits "0/5 nodes are available: 2 Insufficient cpu, 3 node(s) had untolerated taint {...}."
 * into reasons with node counts. Only the sentence before the post-filter messages says why
 * nodes did not fit: since 1.32 the scheduler writes the DRA plugin's "no new claims to
 * deallocate" between it and "preemption:" (seen on a real v1.34 scheduler), so the fit part
 * ends at its first ". ". Items are split at ", <count> " because a reason itself may hold a
 * comma ("had taint {k: v}, that the pod didn't tolerate").
 */
export function parseSchedulingMessage(message: string | null | undefined): SchedulingFailure | null {
  if (!message?.trim()) return null;
  const old = parseOldSchedulingMessage(message.trim());
  if (old) return old;
  const beforePreemption = message.split(/\bpreemption:/i)[0] ?? message;
  const fitPart = (beforePreemption.split(/\.(?:\s|$)/)[0] ?? beforePreemption).trim();
  const header = AVAILABLE.exec(fitPart);
  const totalNodes = header?.[1] ? Number(header[1]) : /^0\/0 nodes/.test(fitPart) ? 0 : null;
  const body = withoutFinalStop(header ? fitPart.slice(header[0].length) : fitPart);
  if (totalNodes === 0 || (!body && totalNodes === null)) {
    return { totalNodes, reasons: [{ problem: 'no-nodes', text: body || fitPart, nodes: 0 }] };
  }
  const reasons = body
    .split(/,\s+(?=\d+\s)/)
    .filter(Boolean)
    .map((item): SchedulingReason => {
      const counted = /^(\d+)\s+(.+)$/s.exec(item);
      const text = (counted?.[2] ?? item).trim();
      return { problem: problemOf(text), text, nodes: counted?.[1] ? Number(counted[1]) : null };
    });
  return { totalNodes, reasons };
}

/** The distinct problems a message names, in the order it names them. */
export function classifySchedulingMessage(message: string | null | undefined): SchedulingProblem[] {
  const failure = parseSchedulingMessage(message);
  return failure ? [...new Set(failure.reasons.map((r) => r.problem))] : [];
}

/** Problems one rule answers, so they count together when picking the main one. */
const FAMILIES: ReadonlyArray<readonly SchedulingProblem[]> = [
  ['unbound-pvc', 'missing-pvc', 'volume-node-affinity', 'volume-limit'],
  ['node-affinity', 'pod-affinity', 'topology-spread'],
  ['insufficient-cpu', 'insufficient-memory', 'insufficient-gpu', 'insufficient-ephemeral-storage', 'insufficient-other'],
  ['too-many-pods'],
  ['untolerated-taint'],
  ['port-conflict'],
  ['node-unschedulable'],
  ['no-nodes'],
  ['other'],
];

/** Taints that keep workloads off control-plane nodes on purpose. */
const CONTROL_PLANE_TAINT = /^node-role\.kubernetes\.io\/(?:control-plane|master)\b/;

/**
 * A refusal for control-plane taints only. Since 1.32 the scheduler may write "had untolerated
 * taint(s)" without naming them (a real v1.34 scheduler did so for node.kubernetes.io/not-ready):
 * then nothing says they are control-plane taints.
 */
function isControlPlaneRefusal(reason: SchedulingReason): boolean {
  const taints = taintsIn(reason.text);
  return reason.problem === 'untolerated-taint' && taints.length > 0 && taints.every((t) => CONTROL_PLANE_TAINT.test(t));
}

/** Whether every node refused the pod only for a control-plane taint: a cluster of control-plane nodes alone. */
export function onlyControlPlaneNodes(failure: SchedulingFailure | null): boolean {
  return Boolean(failure?.reasons.length) && (failure?.reasons ?? []).every(isControlPlaneRefusal);
}

/**
 * Nodes the pod was never meant to use: control-plane nodes, and nodes outside the pool its own
 * node selector or affinity picks. When other nodes fail for another reason, that reason is what
 * keeps the pod from the nodes it targets ("2 Insufficient nvidia.com/gpu, 6 node(s) didn't match
 * Pod's node affinity/selector" is a GPU shortage in the GPU pool, not an affinity problem).
 */
function intendedExclusions(reasons: readonly SchedulingReason[]): Set<SchedulingReason> {
  const excluded = new Set(reasons.filter(isControlPlaneRefusal));
  const affinity = reasons.filter((r) => r.problem === 'node-affinity');
  if (reasons.some((r) => !excluded.has(r) && r.problem !== 'node-affinity')) affinity.forEach((r) => excluded.add(r));
  return excluded;
}

/**
 * The problem to fix first: the one ruling out the most of the nodes the pod targets (see
 * `intendedExclusions`); when nothing else is wrong, the exclusions themselves (a single-node
 * cluster with a control-plane taint, a selector no node matches). Resource shortages of one node
 * overlap (a node can lack both cpu and memory), so that family counts its largest item; other
 * families add up.
 */
export function primarySchedulingProblem(failure: SchedulingFailure | null): SchedulingProblem | null {
  if (!failure || failure.reasons.length === 0) return null;
  const excluded = intendedExclusions(failure.reasons);
  const targeted = failure.reasons.filter((r) => !excluded.has(r));
  const candidates = targeted.length ? targeted : failure.reasons;
  const everyNode = failure.totalNodes ?? Number.MAX_SAFE_INTEGER;
  const nodesOf = (r: SchedulingReason) => r.nodes ?? everyNode;
  let best: { problem: SchedulingProblem; nodes: number } | null = null;
  for (const family of FAMILIES) {
    const members = candidates.filter((r) => family.includes(r.problem));
    if (members.length === 0) continue;
    const counts = members.map(nodesOf);
    const nodes = family[0] === 'insufficient-cpu' ? Math.max(...counts) : counts.reduce((a, b) => a + b, 0);
    const top = members.reduce((a, b) => (nodesOf(b) > nodesOf(a) ? b : a));
    // Families are listed most specific first, so a tie keeps the earlier one.
    if (!best || nodes > best.nodes) best = { problem: top.problem, nodes };
  }
  return best?.problem ?? null;
}

/** Taints a reason names: `{key: value}` becomes `key=value`, `{key: }` becomes `key`. */
export function taintsIn(text: string): string[] {
  return [...text.matchAll(/taint \{([^:}]+):\s*([^}]*)\}/g)].map((m) => {
    const key = (m[1] ?? '').trim();
    const value = (m[2] ?? '').trim();
    return value ? `${key}=${value}` : key;
  });
}

/** Resources a message says are short, as kube names them: `cpu`, `memory`, `nvidia.com/gpu`. */
export function insufficientResources(failure: SchedulingFailure | null): string[] {
  const names = (failure?.reasons ?? []).flatMap((r) => {
    const name = /^Insufficient (\S+)$/i.exec(r.text)?.[1] ?? /^Node didn't have enough resource: (\w+)/i.exec(r.text)?.[1]?.toLowerCase();
    return name ?? [];
  });
  return [...new Set(names)];
}

/**
 * One reason as a reader wants it: "3 nodes didn't match Pod's node affinity/selector",
 * "Insufficient cpu on 2 nodes", "pod has unbound immediate PersistentVolumeClaims (all 3 nodes)".
 */
export function describeReason(reason: SchedulingReason, totalNodes: number | null): string {
  if (reason.nodes === null) return `${reason.text} (${totalNodes ? `all ${totalNodes} nodes` : 'every node'})`;
  const nodes = `${reason.nodes} node${reason.nodes === 1 ? '' : 's'}`;
  const verb = /^node\(s\)\s+(.*)$/s.exec(reason.text)?.[1];
  return verb ? `${nodes} ${verb}` : `${reason.text} on ${nodes}`;
}
