import { readdir, stat } from 'node:fs/promises';
import type { ContainerLogs, Incident } from '../model/incident.js';
import { incidentBuilder, joinContext, ownedEvents, podEventIndex, workloadIndexFor, type JoinContext, type PodEvents } from './assemble-incidents.js';
import type { Timeline } from './bundle.js';
import type { DeferredPods, DeferredTextCallback } from './deferred-pods.js';
import { podHead, type PodHead } from './pod-head.js';
import { entryInFolder } from './folder-entry.js';
import { InputError } from './input-error.js';
import { inputLimits, type InputLimits } from './input-limits.js';
import { emptyObjects, workloadWithoutPods, type KubeObjects } from './kube-objects.js';
import { readLogText } from './read-log.js';
import { readInput } from './read-input.js';
import { readJsonFile } from './read-json-file.js';
import { TEST_CASE_FILE } from './test-case-file.js';
import { markTerminatingNeighbours, placePodsOnOnlyNode, replaceRowNodes, replaceStandInPods } from './paste-pods.js';
import { addStandInsForJobs } from './job-stand-ins.js';
import { scrubIncident, scrubTimeline } from './redaction/scrub-incident.js';

export interface ReplayOptions {
  /** `--logs CONTAINER=FILE`: previous-instance logs by container. */
  readonly logFiles?: ReadonlyArray<{ container: string; file: string }>;
  /** `--captured-at`: wins over the capture time a folder pins. */
  readonly capturedAt?: string;
  /** Reads standard input for `-`. */
  readonly readStdin?: () => Promise<string>;
  /** How much input is read; default: `inputLimits()`. */
  readonly limits?: InputLimits;
}

/**
 * Takes the pods of streamed Lists as text with their events, so that their incidents are built
 * (see incidentBuilder), scrubbed and diagnosed elsewhere: in worker threads, for a fleet. The
 * pods are read twice: first their heads (what joins them with events and workloads), then
 * their text with their events; the main thread parses none of them.
 */
export interface PodSink {
  /** Whether it takes this many streamed pods; false declines: they are joined here. */
  accepts(pods: number): boolean;
  /**
   * The first pass: `read` hands on every streamed pod's text in input order, and `onHead` is
   * given each one's head in that order as soon as it is known (so the heads of a fleet are not
   * all held at once). Resolves false when a pod did not parse or fit its shape: the pods are then
   * read here, where that is told as it always was.
   */
  heads(read: (onText: DeferredTextCallback) => Promise<void>, onHead: (head: PodHead) => void): Promise<boolean>;
  /**
   * May start that first pass over pods already read while later inputs are read (true when it
   * did); `heads` is then called without them and waits for it.
   */
  headsEarly?(read: (onText: DeferredTextCallback) => Promise<void>): boolean;
  /** Before the first pod: what every incident is built from besides its pod and events. */
  begin(context: JoinContext): void;
  /** One pod's text (`buffer[start, end)`, valid only during the call) and its events; resolves when the next may come. */
  pod(buffer: Buffer, start: number, end: number, events: PodEvents): Promise<void> | void;
  /** Every pod was handed on: resolves when all are done with. */
  end(): Promise<void>;
}

type EventsOf = ReturnType<typeof podEventIndex>;

export interface ReplayInput {
  readonly incidents: Incident[];
  readonly timelines: Timeline[];
}

export { TEST_CASE_FILE } from './test-case-file.js';

const EVIDENCE_FILE = /\.(json|ya?ml|txt|describe)$/i;
const LOG_FILE = /^(.+?)(\.previous)?\.log$/;

/**
 * The capture time a folder pins in its `podmortem-test.json`: the moment its evidence was taken,
 * so a folder judged by `replay`, the gallery or `rules test` reads the same ages.
 */
async function pinnedCaptureTime(folder: string, entries: readonly string[]): Promise<string | undefined> {
  if (!entries.includes(TEST_CASE_FILE)) return undefined;
  const read = await readJsonFile(await entryInFolder(folder, TEST_CASE_FILE));
  const capturedAt = 'data' in read && read.data && typeof read.data === 'object' ? (read.data as { capturedAt?: unknown }).capturedAt : undefined;
  return typeof capturedAt === 'string' && Number.isFinite(Date.parse(capturedAt)) ? capturedAt : undefined;
}

interface ExpandedPaths {
  readonly files: string[];
  readonly logs: ContainerLogs[];
  /** Capture times pinned by the folders read, by folder. */
  readonly pinned: Map<string, string>;
}

/** Expands folders: evidence files in name order, and `CONTAINER[.previous].log` files as logs. */
async function expandPaths(paths: readonly string[], limits: InputLimits): Promise<ExpandedPaths> {
  const files: string[] = [];
  const logs: ContainerLogs[] = [];
  const pinned = new Map<string, string>();
  for (const path of paths) {
    if (path === '-') {
      files.push(path);
      continue;
    }
    let isDirectory = false;
    try {
      isDirectory = (await stat(path)).isDirectory();
    } catch {
      throw new InputError(`${path}: no such file or folder`);
    }
    if (!isDirectory) {
      files.push(path);
      continue;
    }
    const entries = (await readdir(path)).sort();
    const capturedAt = await pinnedCaptureTime(path, entries);
    if (capturedAt) pinned.set(path, capturedAt);
    for (const entry of entries) {
      const log = LOG_FILE.exec(entry);
      if (log?.[1]) {
        const text = await readLogText(await entryInFolder(path, entry), limits);
        logs.push(log[2] ? { container: log[1], previous: text } : { container: log[1], current: text });
      } else if (EVIDENCE_FILE.test(entry) && entry !== TEST_CASE_FILE) {
        files.push(await entryInFolder(path, entry));
      }
    }
  }
  return { files, logs, pinned };
}

/** `--captured-at`, else the one time the folders pin; folders pinning different times cannot share one. */
function captureTime(explicit: string | undefined, pinned: ReadonlyMap<string, string>): string | undefined {
  if (explicit) return explicit;
  const times = [...new Set(pinned.values())];
  if (times.length > 1) {
    const listed = [...pinned].map(([folder, time]) => `${folder} at ${time}`).join(', ');
    throw new InputError(`the folders were captured at different times (${listed}): replay them one at a time, or pass --captured-at`);
  }
  return times[0];
}

function mergeLogs(logs: readonly ContainerLogs[]): ContainerLogs[] {
  const byContainer = new Map<string, ContainerLogs>();
  for (const log of logs) byContainer.set(log.container, { ...byContainer.get(log.container), ...log });
  return [...byContainer.values()];
}

function addObjects(into: KubeObjects, from: KubeObjects): void {
  // push(...) would overflow the stack with the events of a large List.
  for (const key of ['pods', 'events', 'nodes', 'services', 'endpointSlices', 'bundles'] as const) {
    const target = into[key] as unknown[];
    for (const value of from[key]) target.push(value);
  }
  for (const [pod, notes] of from.pasteNotes) into.pasteNotes.set(pod, notes);
  for (const node of from.rowNodes) into.rowNodes.add(node);
  for (const [kind, list] of Object.entries(from.owners) as Array<[keyof KubeObjects['owners'], unknown[]]>) {
    const target = into.owners[kind] as unknown[];
    for (const value of list) target.push(value);
  }
  if (from.firstOwner) into.firstOwner ??= from.firstOwner;
}

/**
 * Reads every replay input and hands on one Incident at a time: bundles' incidents as they are,
 * then each pod joined with its events, node and Services. Every input is read once before any
 * pod is joined (events may come after their pods, in another file); the pods of streamed Lists
 * are set aside unparsed meanwhile and parsed one at a time when their turn comes, so a fleet's
 * pods are never all in memory. `onIncident` is awaited before the next pod is read. A `sink`
 * may take those pods instead, as text with their events, to diagnose them elsewhere; it sees
 * them in the same order, and their incidents are built the same way (incidentBuilder).
 */
export async function streamReplay(
  paths: readonly string[],
  options: ReplayOptions,
  onIncident: (incident: Incident) => Promise<void> | void,
  sink?: PodSink,
): Promise<{ timelines: Timeline[] }> {
  if (paths.length === 0) throw new InputError('no input: give one or more files, folders, or - for standard input');
  const limits = options.limits ?? inputLimits();
  const { files, logs, pinned } = await expandPaths(paths, limits);
  const capturedAt = captureTime(options.capturedAt, pinned);
  for (const { container, file } of options.logFiles ?? []) logs.push({ container, previous: await readLogText(file, limits) });
  const objects: KubeObjects = emptyObjects();
  const deferred: DeferredPods[] = [];
  /** Streamed pods whose first pass the sink began while later inputs were read. */
  const readEarly = new Set<DeferredPods>();
  let sawText = false;
  for (const file of files) {
    const read = await readInput(file, { limits, ...(capturedAt ? { capturedAt } : {}), ...(options.readStdin ? { readStdin: options.readStdin } : {}) });
    addObjects(objects, read.objects);
    const pods = read.deferred;
    if (pods.count) {
      deferred.push(pods);
      if (sink?.headsEarly?.((onText) => pods.forEachText(limits, onText, true))) readEarly.add(pods);
    }
    sawText ||= read.text;
  }
  // Events alone (a `kubectl get events -o yaml`, Event objects pasted in pieces) still name their
  // pods, and a controller's 'Created pod' event names a pod's owner. The describe reader that
  // builds those stand-ins is loaded only when events need it.
  // A controller's FailedCreate events stand for the pod the API server refused to create.
  const eventsOnly = objects.pods.length === 0 && objects.bundles.length === 0 && deferred.length === 0 && objects.events.length > 0;
  const refused = deferred.length === 0 && objects.events.some((e) => e.reason === 'FailedCreate' && e.involvedObject.kind !== 'Pod');
  if (eventsOnly || refused || (objects.pods.length && objects.events.some((e) => e.reason === 'SuccessfulCreate'))) {
    const { addOwnersFromEvents, addStandInsForEvents, addStandInsForRefusedCreates } = await import('./describe/event-stand-ins.js');
    if (eventsOnly) addStandInsForEvents(objects);
    addOwnersFromEvents(objects);
    if (refused) addStandInsForRefusedCreates(objects);
  }
  // A finished Job given without its pods (they are deleted, or not pasted) stands for them.
  if (deferred.length === 0 && objects.owners.jobs.length) addStandInsForJobs(objects);
  // A pod pasted as events alone gives way to the real one: that needs every pod at hand.
  if (deferred.length && objects.pods.some((pod) => objects.pasteNotes.get(pod)?.standIn)) {
    for (const pods of deferred.splice(0)) await pods.forEach(limits, (pod) => void objects.pods.push(pod));
  }
  replaceStandInPods(objects);
  replaceRowNodes(objects);
  placePodsOnOnlyNode(objects);
  markTerminatingNeighbours(objects);
  let count = 0;
  // The replay boundary: whatever the files held, nothing downstream sees a secret in it.
  const emit = async (incident: Incident) => {
    count++;
    await onIncident(scrubIncident(incident));
  };
  const timelines: Timeline[] = [];
  for (const bundle of objects.bundles) {
    for (const incident of bundle.incidents) await emit(incident);
    timelines.push(...(bundle.timelines ?? []));
  }
  const hadEvents = objects.events.length > 0;
  if (objects.pods.length || deferred.length) {
    const assemble = {
      files,
      kind: sawText ? ('describe' as const) : ('file' as const),
      logs: mergeLogs(logs),
      ...(capturedAt ? { capturedAt } : {}),
    };
    // Let go (null) once every streamed pod's events are joined: see the pooled second pass.
    let eventIndex: EventsOf | null = podEventIndex(objects.events, ownedEvents(objects));
    const eventsOf: EventsOf = (pod, own) => (eventIndex as EventsOf)(pod, own);
    const streamed = deferred.reduce((sum, pods) => sum + pods.count, 0);
    // Siblings and revisions need every pod of a workload: each streamed pod is read once more, kept as a summary.
    let workloads = workloadIndexFor(objects, objects.pods.length + streamed);
    const pooled = sink && streamed > 0 && sink.accepts(streamed) ? sink : null;
    // Each streamed pod's events, in input order, joined in the first pass from its head, so the second hands its text on unparsed.
    let joined: Array<PodEvents | null> = [];
    if (pooled) {
      const take = (head: PodHead) => {
        workloads?.addPod(head.pod, head.summary);
        joined.push(eventsOf(head.pod));
      };
      const read = async (onText: DeferredTextCallback) => {
        for (const pods of deferred) if (!readEarly.has(pods)) await pods.forEachText(limits, onText, true);
      };
      // The sink's threads read the heads; should one not parse, they are all read again here, which tells why.
      if (!(await pooled.heads(read, take))) {
        workloads = workloadIndexFor(objects, objects.pods.length + streamed);
        joined = [];
        for (const pods of deferred) await pods.forEach(limits, (pod) => take(podHead(pod)), true);
      }
    } else if (workloads) {
      const index = workloads;
      for (const pods of deferred) await pods.forEach(limits, (pod) => index.addPod(pod), true);
    }
    let context: JoinContext | null = joinContext(objects, assemble, workloads && !workloads.isEmpty ? workloads.data() : undefined);
    let build: ReturnType<typeof incidentBuilder> | null = incidentBuilder(context);
    for (const pod of objects.pods) {
      const notes = objects.pasteNotes.get(pod);
      await emit(build(pod, eventsOf(pod, notes?.ownEvents), notes));
    }
    if (pooled) {
      // Each streamed pod's events travel in `joined` now: the fleet's events and their index (which
      // keeps every pod's list) are let go, so what the report gathers reuses their memory.
      eventIndex = null;
      objects.events.length = 0;
      // So is the workload index: the workers build incidents from the context sent them (begin).
      workloads = null;
      build = null;
      pooled.begin(context);
      context = null;
      let next = 0;
      for (const pods of deferred) {
        await pods.forEachText(limits, (buffer, start, end) => {
          const events = joined[next] as PodEvents;
          // Let go as it is used: a fleet's joins are not all held to the end.
          joined[next++] = null;
          return pooled.pod(buffer, start, end, events);
        });
      }
      await pooled.end();
      count += streamed;
    } else {
      const buildOne = build;
      for (const pods of deferred) await pods.forEach(limits, (pod) => emit(buildOne(pod, eventsOf(pod))));
    }
  }
  if (count === 0 && timelines.length === 0) {
    if (objects.firstOwner) throw workloadWithoutPods(objects.firstOwner.label, objects.firstOwner.object);
    const what = hadEvents ? 'only events' : objects.nodes.length ? 'only a Node' : 'no pods';
    throw new InputError(`${files.join(', ')} hold ${what}: add the pod itself (kubectl get pod NAME -o yaml)`);
  }
  return { timelines: timelines.map(scrubTimeline) };
}

/** Reads every replay input into incidents: bundles as they are, loose objects joined into incidents. */
export async function loadReplay(paths: readonly string[], options: ReplayOptions = {}): Promise<ReplayInput> {
  const incidents: Incident[] = [];
  const { timelines } = await streamReplay(paths, options, (incident) => void incidents.push(incident));
  return { incidents, timelines };
}
