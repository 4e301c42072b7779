import type { V1Pod } from '@kubernetes/client-node';
import type { InvolvedObject } from '../model/event.js';
import type { ContainerLogs } from '../model/incident.js';
import { errorLineIn, isRuntimeExecFailure } from '../facts/log-facts.js';
import { lastFailedProbeRequest } from '../facts/probe-requests.js';
import { matchSignatures } from '../facts/log-signatures.js';
import { CONTAINER_PLACEHOLDER, POD_PLACEHOLDER } from '../model/placeholders.js';
import { InputError } from './input-error.js';
import type { KubeObjects } from './kube-objects.js';
import { addPod, addRecovered } from './paste-pods.js';
import { apiTime } from './describe/api-time.js';
import { captureTime } from './describe/capture-time.js';
import { namespaceFromCommand, podCluesFromCommand, podCluesFromEvents, type PodClues } from './describe/event-clues.js';
import { readEventsTable, type TableEvent } from './describe/events-table.js';
import { readDescribedEvents } from './describe/described-event.js';
import { eventsInFragments, eventWordsInFragments } from './describe/fragment-events.js';
import { parseFragments } from './describe/fragment-parse.js';
import { podFromFragments } from './describe/fragment-to-pod.js';
import { collectJobParts } from './job-stand-ins.js';
import { withContainerFieldPaths } from './describe/event-containers.js';
import { isEmptyValue } from './describe/key-value.js';
import { CONTAINER_UNNAMED, missingEvidence, missingFromFragment, missingFromRows, NO_CONTAINER_BLOCKS, NO_CONTAINER_BLOCKS_ROW_STATE, POD_UNNAMED } from './describe/missing-evidence.js';
import { otherDescribedKind } from './describe/other-kinds.js';
import { cleanPaste, type CleanPaste, type PasteLine, type PasteSegment } from './describe/paste-lines.js';
import { adoptContainerName, containerForLog, jsonLogLinesOnly, logsFromCommand, logText, looksLikeBareLog, looksLikeLogOutput, namedLogLines, readLogsCommand, type PastedLog } from './describe/pasted-logs.js';
import { collectKubeletErrors, collectNodeRows, kubeletErrorOf } from './describe/pasted-node-evidence.js';
import { collectCreateRefusals, readCreateRefusal, type CreateRefusal } from './create-refusal.js';
import type { KubeletUnreachable } from './kubelet-unreachable.js';
import { fillFromRows, groupRows, podFromRows, podOfRows, readinessLostInRows, type PodRow } from './describe/get-pods-rows.js';
import { readLoneMessages } from './describe/lone-messages.js';
import { applyTemplates, templatesIn, type PastedTemplate } from './describe/manifest-templates.js';
import { onlyWaitingLines, podFromWaitingLines, readWaitingLines, type WaitingLine } from './describe/waiting-lines.js';
import { isDescribeField, isFragmentLine, looksLikeFragment } from './describe/paste-kind.js';
import { toPodEvent } from './describe/pod-events.js';
import { timeBefore } from './describe/relative-age.js';
import { findSection, readSections, type PodSections } from './describe/sections.js';
import { splitPods } from './describe/split-pods.js';
import { podFromSections } from './describe/to-pod.js';

export interface TextInputOptions {
  /** `--captured-at`: when the paste was taken; relative ages count back from it. */
  readonly capturedAt?: string;
  /** Set when the text was meant as JSON or YAML and failed to parse: the line to show if nothing can be recovered. */
  readonly syntaxError?: string;
  /** The clock, for tests. */
  readonly now?: number;
}

function notRecognised(label: string): string {
  return `${label} is not kubectl output podmortem can read: give kubectl describe pod NAME (or kubectl get events) text, kubectl get pod NAME -o yaml (or -o json), or a podmortem bundle`;
}

/**
 * Events join pods by name; a pod cut above its name gets an id of its own (where it was pasted)
 * so unnamed pods of one paste, or of several files, do not share their events.
 */
function involvedPod(pod: V1Pod, podNamed: boolean, pastedAs: string): InvolvedObject {
  const metadata = pod.metadata ?? {};
  if (!podNamed) metadata.uid = pastedAs;
  return { kind: 'Pod', name: metadata.name ?? '', ...(metadata.namespace ? { namespace: metadata.namespace } : {}), ...(metadata.uid ? { uid: metadata.uid } : {}) };
}

/** Earlier clues win: what events say about the pod beats the command line it was printed with. */
function mergeClues(...clues: PodClues[]): PodClues {
  return Object.assign({}, ...clues.slice().reverse()) as PodClues;
}

interface BlockContext {
  /** Where in the input the blocks come from (`file.txt#2`: its second command's output), for ids. */
  readonly place: string;
  readonly paste: CleanPaste;
  /** The command that printed the block, when it printed only this block. */
  readonly command: string | null;
  readonly options: TextInputOptions;
  readonly into: KubeObjects;
  /** Program output pasted below a description without its `kubectl logs` line. */
  readonly logs: PastedLog[];
  /** Program output in a block of its own, waiting for the description the next block may hold (a blank line or a fence between them). */
  pendingOutput: PasteLine[];
}

/** Lines of program output pasted with a description, and where they were. */
type ProgramOutput = readonly [NonNullable<PastedLog['pastedWithout']>, readonly PasteLine[]];

/** One pod's description (or just its events table) into a pod, its events and what it lacked. */
function collectDescribedPod(index: number, sections: PodSections, podEvents: TableEvent[], eventsState: 'present' | 'none' | 'absent', unread: PasteLine[], context: BlockContext, programOutput: readonly ProgramOutput[]): void {
  const { paste, options, into } = context;
  const clues = mergeClues(podCluesFromEvents(podEvents), podCluesFromCommand(context.command));
  const described = podFromSections(sections, podEvents, clues);
  const { pod } = described;
  const capture = captureTime(options.capturedAt, pod, podEvents, options.now ?? Date.now());
  if (described.terminatingSeconds !== undefined && pod.metadata) {
    pod.metadata.deletionTimestamp = apiTime(timeBefore(capture.ms, described.terminatingSeconds));
  }
  const about = involvedPod(pod, described.podNamed, `${context.place}.${index + 1}`);
  const events = withContainerFieldPaths(podEvents.map((e) => toPodEvent(e, capture.ms, about)), pod);
  into.events.push(...events);
  const eventsOnly = sections.sections.every((s) => s.key === 'Events');
  const usedAges = podEvents.some((e) => e.lastSeenAgo !== null);
  const missing = missingEvidence({
    podNamed: described.podNamed,
    namespaced: Boolean(pod.metadata?.namespace),
    hasStatus: Boolean(findSection(sections, 'Status')),
    hasContainers: !described.containersFromEvents,
    unnamedContainers: described.unnamedContainers,
    events: eventsState,
    eventsOnly,
    cut: paste.cut || sections.cut,
    unread: [...unread, ...described.unread].sort((a, b) => a.number - b.number),
    capture,
    usedAges,
  });
  const deleting = described.terminatingSeconds === 0 ? { deletionShownAs: 'Terminating (kubectl describe Status, without how long)' } : {};
  addPod(into, pod, { missing, standIn: eventsOnly, ownEvents: events, eventsNotShown: eventsState === 'absent', ...deleting, ...(usedAges ? { capturedAt: new Date(capture.ms).toISOString(), ...(capture.from === 'latest-time' ? { captureInferred: true } : {}) } : {}) });
  for (const [where, lines] of programOutput) {
    const log = namedLogLines(lines);
    if (log.lines.some((l) => l.text)) context.logs.push({ pod: pod.metadata?.name ?? null, container: log.container, previous: false, text: logText(log.lines), pastedWithout: where });
  }
}

/** Rows of `kubectl get events`, which name their objects: pods seen only there get stand-ins. */
function collectEventList(events: TableEvent[], context: BlockContext): void {
  const { options, into } = context;
  const capture = captureTime(options.capturedAt, {}, events, options.now ?? Date.now());
  const byPod = new Map<string, TableEvent[]>();
  // `kubectl get events -n shop` names the namespace once, on its command line.
  const namespace = namespaceFromCommand(context.command);
  for (const listed of events) {
    const event = listed.object && !listed.object.namespace && namespace ? { ...listed, object: { ...listed.object, namespace } } : listed;
    const object = event.object;
    if (!object) continue;
    if (object.kind !== 'Pod') {
      into.events.push(toPodEvent(event, capture.ms, object));
      continue;
    }
    const key = `${object.namespace ?? ''}/${object.name}`;
    const rows = byPod.get(key);
    if (rows) rows.push(event);
    else byPod.set(key, [event]);
  }
  for (const podEvents of byPod.values()) {
    const listedObject = podEvents[0]?.object;
    if (!listedObject) continue;
    // Rows that name no namespace: kubelet's and the scheduler's messages may (`in pod web-0_shop(uid)`).
    const clues: PodClues = listedObject.namespace ? {} : podCluesFromEvents(podEvents);
    const object = clues.name === listedObject.name && clues.namespace ? { ...listedObject, namespace: clues.namespace } : listedObject;
    const sections: PodSections = { sections: [], unread: [], cut: false };
    const described = podFromSections(sections, podEvents, { name: object.name, ...(object.namespace ? { namespace: object.namespace } : {}) });
    into.events.push(...withContainerFieldPaths(podEvents.map((e) => toPodEvent({ ...e, object }, capture.ms, object)), described.pod));
    const missing = missingEvidence({
      podNamed: true,
      namespaced: Boolean(described.pod.metadata?.namespace),
      hasStatus: false,
      hasContainers: false,
      unnamedContainers: described.unnamedContainers,
      events: 'present',
      eventsOnly: true,
      cut: context.paste.cut,
      unread: [],
      capture,
      usedAges: podEvents.some((e) => e.lastSeenAgo !== null),
    });
    addPod(into, described.pod, { missing, standIn: true, capturedAt: new Date(capture.ms).toISOString() });
  }
}

/** A row of kubectl's events table: its type, then a reason. */
const EVENT_ROW = /^(?:Normal|Warning)\s+[A-Z][A-Za-z]{1,60}\s/;

/**
 * Event rows pasted beside a piece of a description that has no `Events:` header (a probe line in
 * one fence, the Unhealthy row in the next): they are its events, taken out before the sections are
 * read so no container block swallows them.
 */
function looseEventRows(block: PasteLine[]): { rows: TableEvent[]; rest: PasteLine[] } {
  const candidates = block.filter((l) => EVENT_ROW.test(l.text));
  // Rows alone, or beside a person's words, are an events table without its header, which its own reader takes, ages and all.
  const others = block.some((l) => isDescribeField(l.text));
  if (candidates.length === 0 || !others || block.some((l) => /^Events:/.test(l.text))) return { rows: [], rest: block };
  // As a table without its header they keep their ages and counts; a row the table reader does not take is read by its message.
  const table = readEventsTable(candidates);
  if (table.events.length === candidates.length && !table.unread.length && !table.after.length) {
    return { rows: table.events, rest: block.filter((line) => !candidates.includes(line)) };
  }
  const rows: TableEvent[] = [];
  const rest = block.filter((line) => {
    if (!candidates.includes(line)) return true;
    const [event, ...more] = readLoneMessages([line]).events;
    if (!event || more.length) return true;
    rows.push(event);
    return false;
  });
  return { rows, rest };
}

/** Reads one block of a describe paste: true when it held a pod or events, else the kind it describes instead, or false. */
function collectBlock(block: PasteLine[], index: number, context: BlockContext): boolean | string {
  const otherKind = otherDescribedKind(block);
  if (otherKind) return otherKind;
  const { rows: looseRows, rest } = looseEventRows(block);
  const sections = readSections(rest);
  const eventsSection = findSection(sections, 'Events');
  const table = eventsSection ? readEventsTable(eventsSection.lines) : { events: [], unread: [], after: [] };
  // Program output pasted above the description or below the events feeds the same facts as kubectl logs; the user's own words are only skipped.
  const below = looksLikeLogOutput(table.after) ? table.after : [];
  const above = looksLikeLogOutput(sections.unread) ? sections.unread : [];
  const podEvents = [...table.events.filter((e) => !e.object), ...looseRows];
  const listed = table.events.filter((e) => e.object);
  const eventsState = looseRows.length ? 'present' : !eventsSection ? 'absent' : table.events.length || !isEmptyValue(eventsSection.value) ? 'present' : 'none';
  const describesPod = sections.sections.some((s) => s.key !== 'Events') || podEvents.length > 0 || eventsState === 'none';
  if (listed.length) collectEventList(listed, context);
  const unread = [...(above.length ? [] : sections.unread), ...table.unread, ...(below.length ? [] : table.after)];
  if (describesPod) {
    // Only a description takes it: lines above an events table alone are more often a message's continuation than a log.
    const before = sections.sections.some((s) => s.key !== 'Events') ? context.pendingOutput : [];
    context.pendingOutput = [];
    collectDescribedPod(index, sections, podEvents, eventsState, unread, context, [['above the description', [...before, ...above]], ['below the events', below]]);
  } else if (above.length && !listed.length) context.pendingOutput = [...above];
  return describesPod || listed.length > 0;
}

function sameRowPod(a: PodRow, b: PodRow | undefined): boolean {
  return b !== undefined && a.name === b.name && a.namespace === b.namespace;
}

/** A row of a pod that shows nothing wrong: running with every container ready and never restarted, or completed. */
function rowLooksFine(row: PodRow): boolean {
  if (row.status === 'Completed') return true;
  return row.status === 'Running' && row.ready !== null && row.ready === row.containers && (row.restarts ?? 0) === 0;
}

/**
 * A paste whose rows show one pod, or one failing pod beside others that show nothing wrong, and
 * whose only description (or events) names none: both are that pod, as a person pastes
 * `kubectl get pods` above the describe or events they cut the header from; they describe the pod
 * they are asking about. The description takes the row's name and namespace, and its note says
 * the name was inferred and how.
 */
function unnamedDescriptionOf(paste: CleanPaste, into: KubeObjects, described: readonly V1Pod[], fromRows: V1Pod, rows: readonly PodRow[]): V1Pod | undefined {
  const only = described.length === 1 ? described[0] : undefined;
  if (!only || only.metadata?.name !== POD_PLACEHOLDER) return undefined;
  const groups = groupRows(paste.podRows.map((r) => r.row));
  const failing = groups.filter((g) => !rowLooksFine(g.at(-1)!));
  const namedBy = groups.length === 1 ? 'the only pod the kubectl get pods rows show' : failing.length === 1 && sameRowPod(failing[0]!.at(-1)!, rows.at(-1)) ? `the only one of the ${groups.length} pods in the kubectl get pods rows that shows a failure` : null;
  if (!namedBy) return undefined;
  const name = fromRows.metadata?.name ?? POD_PLACEHOLDER;
  nameUnnamedPod(into, only, name, only.metadata?.namespace ?? fromRows.metadata?.namespace, namedBy);
  return only;
}

/**
 * Pieces of one paste that name no pod, in blocks of their own (an events row cut from its header,
 * a piece of the pod's YAML), are pieces of the one pod the person asks about: events that stand
 * in for a pod join the only unnamed piece that shows the pod itself. With two such pieces, which
 * events go with which is not shown, and they stay apart.
 */
function joinUnnamedPieces(into: KubeObjects, podsBefore: number): void {
  const unnamed = into.pods.slice(podsBefore).filter((p) => p.metadata?.name === POD_PLACEHOLDER);
  const standIns = unnamed.filter((p) => into.pasteNotes.get(p)?.standIn);
  const shown = unnamed.filter((p) => !into.pasteNotes.get(p)?.standIn);
  const pod = shown.length === 1 ? shown[0] : undefined;
  const notes = pod && into.pasteNotes.get(pod);
  if (!pod || !notes || standIns.length === 0) return;
  const namespace = pod.metadata?.namespace;
  const joining = standIns.filter((s) => !namespace || !s.metadata?.namespace || s.metadata.namespace === namespace);
  if (joining.length === 0) return;
  const events = joining.flatMap((s) => into.pasteNotes.get(s)?.ownEvents ?? []);
  const { eventsNotShown: _shownNow, ...kept } = notes;
  into.pasteNotes.set(pod, {
    ...kept,
    ownEvents: [...(notes.ownEvents ?? []), ...events],
    missing: [...notes.missing, `the events pasted in a block of their own name no pod: they were read as this pod's, the only piece of a pod the paste shows`],
  });
  for (const standIn of joining) into.pasteNotes.delete(standIn);
  into.pods = into.pods.filter((p) => !joining.includes(p));
}

/** A description that named no pod takes the name another piece of the paste gives it, and its note says where the name came from. */
function nameUnnamedPod(into: KubeObjects, pod: V1Pod, name: string, namespace: string | undefined, namedBy: string): void {
  pod.metadata = { ...pod.metadata, name, ...(namespace ? { namespace } : {}) };
  const notes = into.pasteNotes.get(pod);
  if (!notes) return;
  const inferred = `the description does not name its pod: it was read as ${name}, ${namedBy}`;
  into.pasteNotes.set(pod, { ...notes, missing: [...notes.missing.filter((m) => m !== POD_UNNAMED), inferred] });
}

/** A pod of several containers in rows: what READY and RESTARTS count is theirs together, which the wording cannot say per container. */
function severalContainersNote(rows: readonly PodRow[]): string[] {
  const last = rows.at(-1);
  if (!last || last.containers === null || last.containers < 2 || last.status.startsWith('Init:')) return [];
  return [`the rows count the pod's ${last.containers} containers together (ready ${last.ready}/${last.containers}, ${last.restarts} restarts in all) without naming them: ${CONTAINER_PLACEHOLDER} stands for them`];
}

function addNote(into: KubeObjects, pod: V1Pod, notes: readonly string[]): void {
  const shown = into.pasteNotes.get(pod);
  if (shown && notes.length) into.pasteNotes.set(pod, { ...shown, missing: [...shown.missing, ...notes] });
}

/** `kubectl get pods` rows: a pod the paste also describes gets what they add, any other becomes a stand-in. */
function collectPodRows(paste: CleanPaste, into: KubeObjects, podsBefore: number, options: TextInputOptions): boolean {
  // Rows print ages, never times: they count back from --captured-at, else from now.
  const capture = captureTime(options.capturedAt, {}, [], options.now ?? Date.now());
  // What the paste described before its rows; stand-ins the rows add below are not descriptions.
  const describedBeforeRows = into.pods.slice(podsBefore);
  for (const rows of groupRows(paste.podRows.map((r) => r.row))) {
    const command = paste.podRows.find((r) => r.row === rows[0])?.command ?? null;
    const fromRows = podFromRows(rows, capture.ms, namespaceFromCommand(command));
    // A description of the pod before a stand-in of it (its kubectl logs refusal): the stand-in gives way to it later.
    const candidates = into.pods.slice(podsBefore);
    const standIn = (p: V1Pod) => Boolean(into.pasteNotes.get(p)?.standIn);
    const described = podOfRows([...candidates.filter((p) => !standIn(p)), ...candidates.filter(standIn)], fromRows) ?? unnamedDescriptionOf(paste, into, describedBeforeRows, fromRows, rows);
    const rowContainers = rows.at(-1)?.containers ?? 1;
    const readinessLost = readinessLostInRows(rows);
    const lost = readinessLost ? { readinessLostInRows: readinessLost } : {};
    if (described) {
      fillFromRows(described, fromRows, rowContainers);
      // The row showed what the description did not: its note no longer says the states are unknown.
      const statesShown = Boolean(described.status?.containerStatuses?.length || described.status?.initContainerStatuses?.length);
      const noted = into.pasteNotes.get(described);
      if (statesShown && noted?.missing.includes(NO_CONTAINER_BLOCKS)) {
        into.pasteNotes.set(described, { ...noted, missing: noted.missing.map((m) => (m === NO_CONTAINER_BLOCKS ? NO_CONTAINER_BLOCKS_ROW_STATE : m)) });
      }
      if (!options.capturedAt) pinCaptureByRowAge(into, described, rows.at(-1));
      addNote(into, described, severalContainersNote(rows));
      const notes = into.pasteNotes.get(described);
      if (notes && readinessLost) into.pasteNotes.set(described, { ...notes, ...lost });
    } else {
      const deleting = fromRows.metadata?.deletionTimestamp ? { deletionShownAs: 'Terminating (kubectl get pods STATUS)' } : {};
      addPod(into, fromRows, { missing: [...missingFromRows(fromRows, capture), ...severalContainersNote(rows)], standIn: true, capturedAt: new Date(capture.ms).toISOString(), ...deleting, ...lost });
    }
  }
  return paste.podRows.length > 0;
}

/**
 * A description that shows only absolute times (Start Time, Started) and a get pods row of the
 * same pod, whose AGE counts from its creation: together they say when the paste was taken, the
 * row's AGE after the pod's start (kubelet starts a pod within seconds of its creation), as the
 * Scheduled event's age does for events. Without them the capture would be the latest time shown,
 * and a container started then would look as if it had run for no time at all.
 */
function pinCaptureByRowAge(into: KubeObjects, pod: V1Pod, row: PodRow | undefined): void {
  const notes = into.pasteNotes.get(pod);
  const start = pod.status?.startTime ? Date.parse(String(pod.status.startTime)) : NaN;
  if (!notes || notes.capturedAt || row?.ageSeconds == null || !Number.isFinite(start)) return;
  const captured = start + row.ageSeconds * 1000;
  pod.metadata = { ...pod.metadata, creationTimestamp: pod.metadata?.creationTimestamp ?? apiTime(new Date(start).toISOString()) };
  into.pasteNotes.set(pod, {
    ...notes,
    capturedAt: new Date(captured).toISOString(),
    missing: [...notes.missing, `the paste does not say when it was taken: it was read as ${new Date(captured).toISOString()}, the pod's AGE in its get pods row after its Start Time (pass --captured-at to set it)`],
  });
}

/** The workload a pod's generated name says made it (`web-7d9f8c-x2k8p` of ReplicaSet `web-7d9f8c`). */
function workloadOf(pod: V1Pod): string | null {
  return /^(.+)-[a-z0-9]{5}$/.exec(pod.metadata?.name ?? '')?.[1] ?? null;
}

/**
 * A log that names no pod, pasted with several pods that are all replicas of one workload: they
 * run the same image and command, so it is read as the first one's (the note says the paste did
 * not say which). Pods of different workloads leave it unattached.
 */
function replicaForLog(pods: readonly V1Pod[]): V1Pod | undefined {
  const workload = pods[0] && workloadOf(pods[0]);
  return workload && pods.every((p) => workloadOf(p) === workload) ? pods[0] : undefined;
}

/** Pod logs printed by a `kubectl logs` in the paste go to the pod it names, or the paste's only pod (or first replica). */
function attachLogs(logs: readonly PastedLog[], pods: readonly V1Pod[], into: KubeObjects): void {
  for (const log of logs) {
    const pod = pods.find((p) => p.metadata?.name === log.pod) ?? (pods.length === 1 ? pods[0] : undefined) ?? (log.pod ? undefined : replicaForLog(pods));
    // The only pod of a paste, its description naming none, and a `kubectl logs POD` line: the same pod.
    if (pod && log.pod && pod.metadata?.name === POD_PLACEHOLDER) nameUnnamedPod(into, pod, log.pod, pod.metadata?.namespace, 'the pod the kubectl logs command names');
    const adopted = pod && log.container ? (adoptContainerName(pod, log.container) ?? addLoggedContainer(pod, log.container)) : pod && log.pastedWithout && !into.pasteNotes.get(pod)?.standIn ? addUnnamedLoggedContainer(pod) : null;
    const container = log.container ?? (pod ? containerForLog(pod) : undefined);
    const shown = pod && into.pasteNotes.get(pod);
    const notes = shown && adopted ? { ...shown, missing: [...shown.missing, adopted] } : shown;
    if (pod && notes) into.pasteNotes.set(pod, notes);
    if (!pod || !notes || !log.text) continue;
    const lines = log.text.split('\n').length;
    if (!container) {
      if (!log.pastedWithout) continue;
      const failure = failureLineIn(log.text);
      into.pasteNotes.set(pod, {
        ...notes,
        missing: [...notes.missing, `${lines} line${lines === 1 ? '' : 's'} of program output ${log.pastedWithout} name no container, so no container's log was read from them (paste them after kubectl logs POD -c CONTAINER)`],
        ...(failure ? { unplacedOutputFailure: failure } : {}),
      });
      continue;
    }
    const entry: ContainerLogs = log.previous ? { container, previous: log.text } : { container, current: log.text };
    const note = log.pastedWithout ? [`${lines === 1 ? '1 line' : `${lines} lines`} pasted ${log.pastedWithout} without a kubectl logs line ${lines === 1 ? 'was' : 'were'} read as container ${container}'s log`] : [];
    if (!log.pod && pods.length > 1) note.push(`the paste does not say which of its ${pods.length} replicas printed that log: it was read as ${pod.metadata?.name ?? 'the first'}'s`);
    into.pasteNotes.set(pod, { ...notes, logs: [...(notes.logs ?? []), entry], missing: [...notes.missing, ...note] });
  }
}

/**
 * A container a `kubectl logs -c NAME` line names, of a pod whose description shows none of its
 * containers (a piece with only its volumes): the log proves the container exists; its state
 * and spec stay unknown.
 */
function addLoggedContainer(pod: V1Pod, name: string): string | null {
  const shown = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  if (shown.length > 0 || pod.status?.containerStatuses?.length || pod.status?.initContainerStatuses?.length) return null;
  pod.spec = { ...pod.spec, containers: [{ name }] };
  return `the description shows none of the pod's containers: container ${name} is known from the kubectl logs line that names it`;
}

/** Output read as a block of its own that another reader (rows, a description) already took as a log is that log, once. */
function withoutRepeats(logs: readonly PastedLog[]): PastedLog[] {
  const own = (log: PastedLog) => log.pastedWithout === 'in a block of its own';
  return logs.filter((log) => !own(log) || !logs.some((other) => !own(other) && other.text.includes(log.text)));
}

/**
 * Program output pasted with a description that shows none of the pod's containers (cut above
 * them): it is one of the pod's containers' log, which one unknown, so a placeholder container
 * holds it; its state and spec stay unknown. Not for a pod known from events alone: lines beside
 * event rows are more often a message's continuation than a log.
 */
function addUnnamedLoggedContainer(pod: V1Pod): string | null {
  const shown = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  if (shown.length > 0 || pod.status?.containerStatuses?.length || pod.status?.initContainerStatuses?.length) return null;
  pod.spec = { ...pod.spec, containers: [{ name: CONTAINER_PLACEHOLDER }] };
  return `the description shows none of the pod's containers: the program output pasted with it was read as the log of one of them, ${CONTAINER_PLACEHOLDER}`;
}

/** The line of some program output that shows a failure: the runtime's exec failure, a crash line, else an error in the program's words. */
function failureLineIn(text: string): string | null {
  const lines = text.split('\n');
  return lines.slice(0, 3).find(isRuntimeExecFailure)?.trim() ?? matchSignatures(text).at(-1)?.line ?? errorLineIn(text) ?? lastFailedProbeRequest(text)?.request.line ?? null;
}

/**
 * What a log alone says, when it says anything a fact can read: the runtime's report that it could
 * not exec the program among its first lines (the program never ran), else a crash line the log
 * facts know (a segfault, a panic, a traceback, permission denied, a refused connection), else an
 * error line in the program's own words (an ERROR/FATAL level, `Error: `, an exception). Null for a
 * log with none: it shows what the program printed, not that anything failed.
 */
function failureInLog(log: PastedLog): string | null {
  const lines = log.text.split('\n');
  if (lines.slice(0, 3).some(isRuntimeExecFailure)) {
    return "in it the container runtime says it could not start the container's program; the pod's state, exit codes and events are not shown";
  }
  const crash = matchSignatures(log.text).at(-1);
  const last = lines.map((l) => l.trim()).filter(Boolean).at(-1);
  // kubelet's own probe requests answered with a failure: the app's access log shows a probe failing.
  const probe = lastFailedProbeRequest(log.text)?.request;
  if (probe && !crash) return `it shows kubelet's probe request to ${probe.path} answered ${probe.status} ("${probe.line}"); its pod's state, probes and events were not in the paste`;
  if (crash) return `it shows ${crash.signature.meaning} ("${crash.line}") and ends with "${last ?? crash.line}"; its pod's state, exit codes and events were not in the paste`;
  // An error the program reports in its own words: what it printed, which may or may not have ended it.
  const error = errorLineIn(log.text);
  if (!error) return null;
  return `it reports an error ("${error}") and ends with "${last ?? error}"; whether the program ended on it, and its pod's state, exit codes and events, were not in the paste`;
}

/**
 * Logs alone that carry a crash the facts know: each gets a stand-in pod (named from its
 * `kubectl logs NAME` line when there was one) whose container's log it is, its state unknown, so
 * the log facts and rules can speak while the wording says the pod's state was not shown.
 */
function collectCrashLogs(logs: readonly PastedLog[], into: KubeObjects): boolean {
  let read = false;
  for (const log of logs) {
    const crash = failureInLog(log);
    if (!crash) continue;
    read = true;
    const pod: V1Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: log.pod ?? POD_PLACEHOLDER },
      spec: { containers: [{ name: log.container ?? CONTAINER_PLACEHOLDER }] },
    };
    const missing = [
      `only ${log.pastedWithout === 'alone' ? 'program output (no kubectl logs line) was' : 'kubectl logs output was'} pasted: ${crash} (add kubectl describe pod ${log.pod ?? 'NAME'})`,
      ...(log.pod ? [] : [POD_UNNAMED]),
      ...(log.container ? [] : [CONTAINER_UNNAMED]),
    ];
    const container = log.container ?? CONTAINER_PLACEHOLDER;
    addPod(into, pod, { missing, standIn: true, logs: [log.previous ? { container, previous: log.text } : { container, current: log.text }] });
  }
  return read;
}

/**
 * What a person put above or below a piece of the pod's YAML or JSON, outside it: event rows or
 * kubelet's messages (read as events), else program output (the error the container printed,
 * quoted before its YAML), read as the pod's log. Lines inside the piece are its values.
 */
function linesBesideFragment(lines: readonly PasteLine[]): PasteLine[] {
  const inPiece = lines.map((l) => Boolean(l.text) && (l.indent > 0 || isFragmentLine(l.text)));
  const first = inPiece.indexOf(true);
  const last = inPiece.lastIndexOf(true);
  if (first < 0) return [];
  return [...lines.slice(0, first), ...lines.slice(last + 1)].filter((l) => l.text);
}

/** Reads the output of one command in the paste; false when nothing in it was a pod or events. */
function collectSegment(place: string, segment: PasteSegment, paste: CleanPaste, options: TextInputOptions, into: KubeObjects, logs: PastedLog[], templates: PastedTemplate[]): boolean | string {
  // Text that failed as JSON or YAML may still be describe output in a wrapper (`{code}`).
  const fragment = looksLikeFragment(segment.lines);
  if (fragment || options.syntaxError) {
    const values = parseFragments(segment.lines);
    // A workload's manifest says nothing by itself; the pods pasted with it take what its template shows.
    templates.push(...templatesIn(values));
    const events = eventsInFragments(values);
    into.events.push(...events);
    const recovered = podFromFragments(values, podCluesFromCommand(segment.command));
    if (recovered) {
      addRecovered(place.replace(/#\d+$/, ''), into, recovered, paste.cut);
      const beside = linesBesideFragment(segment.lines);
      const besideContext = { place, paste, command: segment.command, options, into, logs, pendingOutput: [] };
      // Event rows beside the piece stand in for a pod of their own, which joinUnnamedPieces gives to this one.
      if (beside.length && !collectLoneMessages({ command: segment.command, lines: beside }, besideContext) && looksLikeBareLog(beside)) {
        logs.push({ pod: recovered.pod.metadata?.name ?? null, container: null, previous: false, text: logText(beside), pastedWithout: 'beside a piece of its YAML' });
      }
    }
    if (recovered || events.length) return true;
    if (collectJobParts(place.replace(/#\d+$/, ''), values, into)) return true;
    const words = eventWordsInFragments(values);
    if (words.length) {
      const note = `${words.length === 1 ? 'an event was' : `${words.length} events were`} pasted as reason and message only (YAML or JSON cut around them): when, how often and for which pod and container is not shown`;
      return collectMessageEvents(words, [], { place, paste, command: segment.command, options, into, logs, pendingOutput: [] }, note);
    }
    // Braces or YAML keys alone do not make pod YAML: what parsed as none may still hold event messages.
    if (fragment) return collectLoneMessages(segment, { place, paste, command: segment.command, options, into, logs, pendingOutput: [] });
  }
  const describedEvents = readDescribedEvents(segment.lines);
  if (describedEvents.length) {
    collectEventList(describedEvents, { place, paste, command: segment.command, options, into, logs, pendingOutput: [] });
    return true;
  }
  const blocks = splitPods(segment.lines);
  const context: BlockContext = { place, paste, command: blocks.length === 1 ? segment.command : null, options, into, logs, pendingOutput: [] };
  const read = blocks.map((block, index) => collectBlock(block, index, context));
  if (read.includes(true)) return true;
  const otherKind = read.find((r): r is string => typeof r === 'string');
  return otherKind ?? (collectLoneMessages(segment, context) || collectWaitingLines(segment.lines, null, context.into) || collectRowsLog(segment, context));
}

/**
 * Containers' waiting states pasted as lines (`ImagePullBackOff: Back-off pulling image ...`,
 * kubelet's `container "app" in pod "web-0" is waiting to start: ...` that kubectl logs prints):
 * a stand-in pod whose containers wait for those reasons, everything else about it unknown.
 */
function collectWaitingLines(lines: readonly PasteLine[], podName: string | null, into: KubeObjects): boolean {
  const { states, unread } = readWaitingLines(lines);
  if (!states.length) return false;
  addWaitingPod(states, podName, unread.length, into);
  return true;
}

function addWaitingPod(states: readonly WaitingLine[], podName: string | null, unread: number, into: KubeObjects): void {
  const pod = podFromWaitingLines(states, podName);
  const named = pod.metadata?.name !== POD_PLACEHOLDER;
  const missing = [
    `only ${states.length === 1 ? "a container's waiting state was" : `${states.length} lines of containers' waiting states were`} pasted: why it waits is the reason and message shown; the pod's phase, restarts, spec and events are not in the paste (add kubectl describe pod ${named ? pod.metadata?.name : 'NAME'})`,
    ...(named ? [] : [POD_UNNAMED]),
    ...(pod.spec?.containers.some((c) => c.name === CONTAINER_PLACEHOLDER) ? [CONTAINER_UNNAMED] : []),
    ...(unread ? [`${unread} other line${unread === 1 ? ' was' : 's were'} not read`] : []),
  ];
  addPod(into, pod, { missing, standIn: true });
}

/**
 * Program output pasted with `kubectl get pods` rows and no `kubectl logs` line: the log of the
 * rows' pod (attachLogs decides which). It reads nothing by itself, so it never makes a paste readable.
 */
function collectRowsLog(segment: PasteSegment, context: BlockContext): boolean {
  if (context.paste.podRows.length && looksLikeLogOutput(segment.lines)) {
    context.logs.push({ pod: null, container: null, previous: false, text: logText(segment.lines.filter((l) => l.text)), pastedWithout: 'with kubectl get pods rows' });
  }
  return false;
}

/**
 * Event messages pasted without their rows, the last thing tried before a segment is refused:
 * they become the events of one pod, named only when a message names it.
 */
function collectLoneMessages(segment: PasteSegment, context: BlockContext): boolean {
  const { events, unread } = readLoneMessages(segment.lines);
  if (!events.length) return false;
  const one = events.length === 1;
  const note = `${one ? 'an event message was' : `${events.length} event messages were`} pasted without ${one ? 'its row' : 'their rows'}: reasons come from kubelet's wording of them; when, how often and for which container they happened is not shown`;
  return collectMessageEvents(events, unread, context, note);
}

/** Events known only by their words become the events of one pod, named only when a message names it; `note` says what that leaves unknown. */
function collectMessageEvents(events: TableEvent[], unread: PasteLine[], context: BlockContext, note: string): boolean {
  const podsBefore = context.into.pods.length;
  collectDescribedPod(0, { sections: [], unread: [], cut: false }, events, 'present', unread, context, []);
  const pod = context.into.pods[podsBefore];
  if (pod) addNote(context.into, pod, [note]);
  return true;
}

/**
 * Reads pasted text: `kubectl describe pod` output (one or several pods, whole or in parts),
 * `kubectl get events` tables, pieces of pod YAML/JSON, and `kubectl logs` output after its
 * command line. Pods go into `into` with notes on what the paste lacked; text that is none of
 * these is an InputError.
 */
export function collectFromText(label: string, text: string, into: KubeObjects, options: TextInputOptions = {}): void {
  const paste = cleanPaste(text);
  const podsBefore = into.pods.length;
  const logs: PastedLog[] = [];
  const read: Array<boolean | string> = [];
  // Program output with no command line above it, kept aside in case nothing else is read.
  const bareLogs: PastedLog[] = [];
  const templates: PastedTemplate[] = [];
  const unreachable: KubeletUnreachable[] = [];
  const refusals: CreateRefusal[] = [];
  paste.segments.forEach((segment, index) => {
    refusals.push(...segment.lines.flatMap((line) => readCreateRefusal(line.text, segment.command) ?? []));
    const logsCommand = readLogsCommand(segment.command);
    const kubeletError = kubeletErrorOf(segment.lines, logsCommand?.pod ?? null);
    // kubectl logs (or exec) of a pod whose kubelet the API server cannot reach prints the dial error instead.
    if (kubeletError) unreachable.push(kubeletError);
    // kubectl logs of a container that never started prints kubelet's refusal instead: the container's waiting state.
    else if (logsCommand && onlyWaitingLines(segment.lines)) read.push(collectWaitingLines(segment.lines, logsCommand.pod, into));
    else if (logsCommand) logs.push(...logsFromCommand(logsCommand, segment.lines));
    else {
      const segmentRead = collectSegment(`${label}#${index + 1}`, segment, paste, options, into, logs, templates);
      read.push(segmentRead);
      if (segmentRead === false && !segment.command && looksLikeBareLog(segment.lines)) {
        bareLogs.push({ pod: null, container: null, previous: false, text: logText(segment.lines), pastedWithout: 'alone' });
      }
    }
  });
  joinUnnamedPieces(into, podsBefore);
  const rowsRead = collectPodRows(paste, into, podsBefore, options);
  collectNodeRows(paste, into);
  if (unreachable.length) read.push(collectKubeletErrors(unreachable, into, podsBefore));
  if (refusals.length) read.push(collectCreateRefusals(refusals, into, podsBefore));
  if (read.includes(true) || rowsRead) {
    const pods = into.pods.slice(podsBefore);
    if (templates.length) applyTemplates(into, pods, templates);
    // Program output in a block of its own beside the one pod the paste shows is that pod's, as it would be in the same block.
    const beside = pods.length === 1 ? bareLogs.map((log) => ({ ...log, pastedWithout: 'in a block of its own' as const })) : [];
    attachLogs(withoutRepeats([...logs, ...beside]), pods, into);
    return;
  }
  // A program's log that opens with JSON log lines parsed as JSON up to its first plain line: a log, not broken JSON.
  if (options.syntaxError && !(bareLogs.length && paste.segments.every((segment) => jsonLogLinesOnly(segment.lines)))) throw new InputError(options.syntaxError);
  const otherKind = read.find((r): r is string => typeof r === 'string');
  if (otherKind) {
    throw new InputError(`${label} looks like kubectl describe output for a ${otherKind}, not a pod: give kubectl describe pod NAME for its pods (kubectl get pods shows their names)`);
  }
  // A log says what the program printed, not what became of its pod: ask for what does, unless it
  // holds a crash the facts can read (the runtime's exec failure, a segfault, a panic, ...).
  if (collectCrashLogs([...logs, ...bareLogs], into)) return;
  if (logs.some((l) => l.text.trim())) {
    const pod = logs.find((l) => l.pod)?.pod ?? 'NAME';
    throw new InputError(`${label} holds only kubectl logs output, which shows what the program printed but not its pod's state: add kubectl describe pod ${pod} (or its events) to the paste`);
  }
  throw new InputError(notRecognised(label));
}
