import { parentPort, workerData } from 'node:worker_threads';
import { createDiagnoser } from '../engine/diagnose.js';
import { rollupPod } from '../engine/workload-rollup.js';
import type { Incident } from '../model/incident.js';
import { renderedPod, type RenderedPod } from '../report/ranked-report.js';
import { incidentBuilder, type PodEvents } from '../sources/assemble-incidents.js';
import { asPod, podFromText } from '../sources/deferred-pods.js';
import { podHead, type PodHead } from '../sources/pod-head.js';
import { scrubIncident } from '../sources/redaction/scrub-incident.js';
import type { FromWorker, ToWorker, WorkerSetup } from './replay-messages.js';

// A worker thread of the replay pool: first cuts each pod's text down to its head (see PodHead),
// then builds each pod's incident from its text and events, scrubs it (the replay boundary, as on
// the main thread), diagnoses it and renders its block.

const setup = workerData as WorkerSetup;
const port = parentPort;
const diagnoser = createDiagnoser(setup.rules);
let build: ((pod: Incident['pod'], events: PodEvents) => Incident) | null = null;

async function diagnoseBatch(text: Uint8Array, ends: readonly number[], events: readonly PodEvents[]): Promise<RenderedPod[]> {
  if (!build) throw new Error('a batch came before the join context');
  const bytes = Buffer.from(text.buffer, text.byteOffset, text.byteLength);
  const pods: RenderedPod[] = [];
  let start = 0;
  for (let i = 0; i < ends.length; i++) {
    const end = ends[i] as number;
    const pod = asPod(JSON.parse(bytes.toString('utf8', start, end)) as object);
    const incident = scrubIncident(build(pod, events[i] as PodEvents));
    const diagnosis = await diagnoser.diagnose(incident);
    pods.push(renderedPod(setup.format, diagnosis, rollupPod(incident, diagnosis), setup.options));
    start = end;
  }
  return pods;
}

/** The first pass over a batch: each pod parsed and shape-checked as the main thread would, cut down to its head. */
function headsOf(text: Uint8Array, ends: readonly number[]): PodHead[] {
  const bytes = Buffer.from(text.buffer, text.byteOffset, text.byteLength);
  const heads: PodHead[] = [];
  let start = 0;
  for (const end of ends) {
    heads.push(podHead(podFromText('', bytes, start, end, null)));
    start = end;
  }
  return heads;
}

port?.on('message', (message: ToWorker) => {
  if (message.type === 'begin') {
    build = incidentBuilder(message.context);
    return;
  }
  if (message.type === 'heads') {
    let heads: PodHead[];
    try {
      heads = headsOf(message.text, message.ends);
    } catch {
      // Told by the main thread, which reads the pods again: the message names the file and the byte.
      port.postMessage({ type: 'unread', id: message.id } satisfies FromWorker);
      return;
    }
    port.postMessage({ type: 'heads', id: message.id, heads } satisfies FromWorker);
    return;
  }
  diagnoseBatch(message.text, message.ends, message.events).then(
    (pods) => port.postMessage({ type: 'done', id: message.id, pods } satisfies FromWorker),
    (error: unknown) => {
      const failure = error instanceof Error ? error : new Error(String(error));
      port.postMessage({ type: 'failed', id: message.id, name: failure.name, message: failure.message, stack: failure.stack } satisfies FromWorker);
    },
  );
});
