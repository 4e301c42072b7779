import type { V1Pod } from '@kubernetes/client-node';
import { podFromFragments, type RecoveredPod } from './describe/fragment-to-pod.js';
import { missingFromFragment } from './describe/missing-evidence.js';
import { InputError } from './input-error.js';
import { isPlaceholder } from '../model/placeholders.js';
import type { KubeObjects, PasteNotes } from './kube-objects.js';
import { cutListItem, shapeProblem } from './object-shapes.js';

// Pods rebuilt from pasted pieces, kept apart from the describe-text reader (text-input.ts) so
// reading kubectl JSON or YAML never loads that reader nor the YAML parser it needs.

export function addPod(into: KubeObjects, pod: V1Pod, notes: PasteNotes): void {
  into.pods.push(pod);
  into.pasteNotes.set(pod, notes);
}

/** Items taken out of one pasted pod at most: a few passes of the shape walk over any real piece. */
const MAX_CUT_ITEMS = 50;

/** List items the paste cut short (missing a field every such item has) are taken out; how many. */
function dropCutListItems(pod: V1Pod): number {
  let dropped = 0;
  for (let cutItem = cutListItem('Pod', pod); cutItem && dropped < MAX_CUT_ITEMS; cutItem = cutListItem('Pod', pod)) {
    let list: unknown = pod;
    for (const part of cutItem.listPath) list = (list as Record<string | number, unknown>)[part];
    if (!Array.isArray(list)) break;
    list.splice(cutItem.index, 1);
    dropped++;
  }
  return dropped;
}

export function addRecovered(label: string, into: KubeObjects, recovered: RecoveredPod, cut: boolean): void {
  const dropped = dropCutListItems(recovered.pod);
  // The pieces are copied as they were pasted: a wrong type in them is named, not met later.
  const problem = shapeProblem('Pod', recovered.pod);
  if (problem) throw new InputError(`${label}: ${problem}: fix that piece of the pasted YAML or JSON`);
  const missing = missingFromFragment({ ...recovered, namespaced: Boolean(recovered.pod.metadata?.namespace), cut });
  const droppedNote = dropped ? [`${dropped === 1 ? 'a list item' : `${dropped} list items`} of the pasted piece ${dropped === 1 ? 'was' : 'were'} cut short and left out`] : [];
  addPod(into, recovered.pod, { missing: [...missing, ...droppedNote], standIn: false, eventsNotShown: true });
}

/**
 * Pieces of a pod without its `kind` (a `status:` block, a containers list) that parsed as YAML
 * or JSON: rebuilt like pasted fragments. False when they hold no pod evidence.
 */
export function collectPodParts(label: string, document: Record<string, unknown>, into: KubeObjects): boolean {
  const recovered = podFromFragments([document]);
  if (!recovered) return false;
  addRecovered(label, into, recovered, false);
  return true;
}

/** A pod known only from pasted events gives way to the real Pod when another input has it. */
export function replaceStandInPods(into: KubeObjects): void {
  const real = into.pods.filter((p) => !into.pasteNotes.get(p)?.standIn);
  into.pods = into.pods.filter((pod) => {
    if (!into.pasteNotes.get(pod)?.standIn) return true;
    const { name, namespace } = pod.metadata ?? {};
    // Two pods the paste did not name are not the same pod because both stand in as `<pod>`.
    if (!name || isPlaceholder(name)) return true;
    const replacement = real.find((r) => r.metadata?.name === name && (!namespace || !r.metadata?.namespace || r.metadata.namespace === namespace));
    if (!replacement) return true;
    joinStandIn(into, replacement, pod);
    into.pasteNotes.delete(pod);
    // Events pasted without a namespace belong to the real pod's.
    const realNamespace = replacement.metadata?.namespace;
    if (realNamespace && !namespace) {
      into.events = into.events.map((e) =>
        e.involvedObject.kind === 'Pod' && e.involvedObject.name === name && !e.involvedObject.namespace
          ? { ...e, involvedObject: { ...e.involvedObject, namespace: realNamespace } }
          : e,
      );
    }
    return false;
  });
}

const STATUS_LISTS = [
  ['initContainerStatuses', 'initContainers'],
  ['containerStatuses', 'containers'],
] as const;

/**
 * Container states a stand-in shows that the real pod does not: a pod described only down to its
 * annotations, whose get pods row or `kubectl logs` refusal showed the container waiting. A state
 * goes to the container of its name, or to the real pod's only container when the stand-in could
 * not name it; the real pod's own states are never replaced. Whether anything was taken.
 */
function statesFromStandIn(real: V1Pod, standIn: V1Pod): boolean {
  let taken = false;
  for (const [list, key] of STATUS_LISTS) {
    const only = real.spec?.[key]?.length === 1 ? real.spec[key][0] : undefined;
    const named = (standIn.status?.[list] ?? []).filter((st) => !isPlaceholder(st.name));
    // The real pod's one container is known only as a placeholder (its row named none): the stand-in names it.
    if (only && isPlaceholder(only.name) && named.length === 1) {
      const placeholder = only.name;
      only.name = named[0]!.name;
      for (const st of real.status?.[list] ?? []) if (st.name === placeholder) st.name = only.name;
    }
    const specs = real.spec?.[key] ?? [];
    for (const status of standIn.status?.[list] ?? []) {
      const shown = real.status?.[list] ?? [];
      const unnamed = isPlaceholder(status.name);
      const name = unnamed ? (specs.length === 1 && shown.length === 0 ? specs[0]!.name : specs.length === 0 ? status.name : null) : status.name;
      if (name === null || shown.some((s) => s.name === name) || (specs.length > 0 && !specs.some((c) => c.name === name))) continue;
      real.status = { ...real.status, [list]: [...shown, { ...status, name }] };
      if (!specs.some((c) => c.name === name)) real.spec = { ...(real.spec ?? { containers: [] }), [key]: [...(real.spec?.[key] ?? []), { name }] };
      taken = true;
    }
  }
  if (taken && !real.status?.phase && standIn.status?.phase) real.status = { ...real.status, phase: standIn.status.phase };
  return taken;
}

/** A stand-in giving way to the real pod hands on the container states and logs the real one does not show. */
function joinStandIn(into: KubeObjects, real: V1Pod, standIn: V1Pod): void {
  const notes = into.pasteNotes.get(real);
  const standInLogs = into.pasteNotes.get(standIn)?.logs ?? [];
  const took = statesFromStandIn(real, standIn);
  if (!notes || (!took && standInLogs.length === 0)) return;
  into.pasteNotes.set(real, {
    ...notes,
    ...(standInLogs.length ? { logs: [...(notes.logs ?? []), ...standInLogs] } : {}),
    missing: [...notes.missing, ...(took ? ['the container states not shown with the pod were read from another piece of the paste that names it (its kubectl get pods row, or kubectl logs refusing a container that never started)'] : [])],
  });
}

/** A node known from its `kubectl get nodes` row gives way to the whole Node when another input has it. */
export function replaceRowNodes(into: KubeObjects): void {
  if (into.rowNodes.size === 0) return;
  const whole = new Set(into.nodes.filter((n) => !into.rowNodes.has(n)).map((n) => n.metadata?.name));
  // Rows of one node pasted twice stay: the pods' join takes the last one read, as for whole Nodes.
  into.nodes = into.nodes.filter((node) => !into.rowNodes.has(node) || !whole.has(node.metadata?.name));
}

/**
 * Whether a pod the paste shows has been on a node: it ran (a phase past Pending, a container
 * started or ended), or it is being deleted and still listed; the API server removes a deleted pod
 * that no node took at once, so only a bound pod lingers as Terminating.
 */
function hasBeenOnANode(pod: V1Pod): boolean {
  const phase = pod.status?.phase;
  if (phase && phase !== 'Pending') return true;
  if (pod.metadata?.deletionTimestamp) return true;
  const statuses = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])];
  return statuses.some((s) => s.state?.running || s.state?.terminated || s.lastState?.terminated);
}

/** Neighbours named at most: enough to show the pattern. */
const MAX_NEIGHBOURS = 8;
/** Pods of other workloads Terminating on one node that make its loss the likely reason. */
const NEIGHBOURS_FOR_A_LOST_NODE = 2;

/** The workload a pod belongs to: its owner, else its name without a generated suffix (`web-7d9f8c-x2k8p` of `web-7d9f8c`). */
function workloadKey(pod: V1Pod): string {
  const owner = pod.metadata?.ownerReferences?.[0]?.name;
  const name = pod.metadata?.name ?? '';
  return `${pod.metadata?.namespace ?? ''}/${owner ?? /^(.+)-[a-z0-9]{5}$/.exec(name)?.[1] ?? name}`;
}

/**
 * Pods of several workloads shown Terminating on one node (a get pods -o wide listing): a node
 * that stopped reporting leaves every pod on it Terminating, whatever owns them, because its
 * kubelet cannot confirm their containers stopped. Each such pod is told which others share its
 * node and fate; a rule reads that as the node's failure while the node's own state is not shown.
 */
export function markTerminatingNeighbours(into: KubeObjects): void {
  const byNode = new Map<string, V1Pod[]>();
  for (const pod of into.pods) {
    const node = pod.spec?.nodeName;
    if (node && pod.metadata?.deletionTimestamp && into.pasteNotes.has(pod)) byNode.set(node, [...(byNode.get(node) ?? []), pod]);
  }
  for (const pods of byNode.values()) {
    for (const pod of pods) {
      const others = pods.filter((other) => other !== pod && workloadKey(other) !== workloadKey(pod));
      if (new Set(others.map(workloadKey)).size < NEIGHBOURS_FOR_A_LOST_NODE) continue;
      const notes = into.pasteNotes.get(pod) as PasteNotes;
      into.pasteNotes.set(pod, { ...notes, terminatingNeighbours: others.slice(0, MAX_NEIGHBOURS).map((o) => `${o.metadata?.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata?.name ?? ''}`) });
    }
  }
}

/**
 * A paste of `kubectl get nodes` rows showing a single node, beside pods whose node it does not
 * show: a pod that has been on a node was on that one, as far as the paste tells (one node is all
 * the cluster, or all the person chose to show). The pod takes it, and its note says so.
 */
export function placePodsOnOnlyNode(into: KubeObjects): void {
  const names = new Set(into.nodes.map((n) => n.metadata?.name));
  const only = into.rowNodes.size > 0 && names.size === 1 ? [...into.rowNodes][0] : undefined;
  const node = only?.metadata?.name;
  if (!node) return;
  for (const pod of into.pods) {
    const notes = into.pasteNotes.get(pod);
    if (!notes || pod.spec?.nodeName || !hasBeenOnANode(pod)) continue;
    pod.spec = { ...(pod.spec ?? { containers: [] }), nodeName: node };
    into.pasteNotes.set(pod, { ...notes, missing: [...notes.missing, `the pod's node is not in the paste: it was read as ${node}, the only node its kubectl get nodes rows show`] });
  }
}
