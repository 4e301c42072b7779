import { lstatSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { durationFlagMs } from '../flag-values.js';
import type { Timeline } from '../../sources/bundle.js';
import { createBundle } from '../../sources/bundle.js';
import type { ClusterClient } from '../../sources/cluster/api-client.js';
import { gatherTarget, notFound } from '../../sources/cluster/gather-target.js';
import { parsePodTarget } from '../../sources/cluster/pod-target.js';
import { ReadCache } from '../../sources/cluster/read-cache.js';
import { recordTimeline } from '../../sources/cluster/record-timeline.js';
import { PODS } from '../../sources/cluster/resources.js';
import { saveBundle } from '../../sources/cluster/save-bundle.js';
import { againstCluster, CLUSTER_OPTIONS, connect } from '../cluster-options.js';
import { explainFailure } from '../../sources/cluster/explain-failure.js';
import { VERSION } from '../help.js';
import { InputError } from '../../sources/input-error.js';
import { UsageError } from '../usage-error.js';
import { printErr } from '../print.js';

function watchMs(value: string | undefined): number | null {
  return value === undefined ? null : durationFlagMs('--watch', value, '30s, 5m or 1h (how long to record)');
}

/** What a --watch recording ends with: the timeline so far, and the failure that ended it early, if one did. */
interface Recorded {
  readonly timeline: Timeline;
  readonly failure?: unknown;
}

/** Records snapshots until the duration ends, Ctrl-C (SIGINT), SIGTERM, or a failure; resolves with what was recorded. */
function recordFor(client: ClusterClient, namespace: string, name: string, durationMs: number): Promise<Recorded> {
  return new Promise<Recorded>((resolve, reject) => {
    let stopping = false;
    let seen = false;
    const finish = (failure?: unknown) => {
      if (stopping) return;
      stopping = true;
      clearTimeout(timer);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      // A failure keeps what was recorded before it: the caller saves it and says the recording was cut.
      void recording.stop().then((timeline) => resolve(failure === undefined ? { timeline } : { timeline, failure }), reject);
    };
    const onSignal = () => finish();
    const recording = recordTimeline(client, namespace, name, {
      onSnapshot: (incident, count) => {
        seen = true;
        printErr(`podmortem: snapshot ${count} at ${incident.source.capturedAt} (${incident.pod.status?.phase ?? 'Unknown'})\n`);
      },
      onGone: () => {
        if (!seen) void notFound(client, PODS, namespace, name).then(finish, finish);
        else printErr(`podmortem: pod ${namespace}/${name} no longer exists; still recording in case it comes back\n`);
      },
      onError: finish,
    });
    const timer = setTimeout(finish, durationMs);
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    printErr(`podmortem: recording ${namespace}/${name} for up to ${durationMs / 1000}s; Ctrl-C stops and saves\n`);
  });
}

/** Exit status of a --watch recording a failure cut short, whose snapshots so far were saved. */
const CUT_SHORT_EXIT = 3;

/** `podmortem record POD -f FILE [--watch DURATION]`: writes the bundle `replay` reads. */
export async function recordCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { ...CLUSTER_OPTIONS, file: { type: 'string', short: 'f' }, force: { type: 'boolean' }, watch: { type: 'string' }, debug: { type: 'boolean' } },
  });
  if (positionals.length !== 1) throw new UsageError('record takes one POD (or deploy/NAME, sts/NAME, ...) and -f FILE');
  if (!values.file) throw new UsageError('record needs -f FILE: where to write the bundle');
  const file = values.file;
  const save = { force: values.force ?? false };
  // Before recording, not after a long --watch: the bundle will not replace an existing file.
  if (!save.force && lstatSync(file, { throwIfNoEntry: false })) throw new InputError(`${file} already exists: podmortem does not overwrite it; give another -f FILE, or add --force to replace it`);
  const target = parsePodTarget(positionals[0] ?? '');
  const durationMs = watchMs(values.watch);
  if (durationMs !== null && target.kind !== 'pod') throw new UsageError(`--watch records one pod, not ${target.ref}: give one of its pods`);
  const { client, namespace } = connect(values);
  const createdBy = `podmortem ${VERSION}`;
  return againstCluster(client, values, async () => {
    if (durationMs === null) {
      const incidents = await gatherTarget(new ReadCache(client), namespace, target);
      await saveBundle(file, createBundle(incidents, [], createdBy), save);
      printErr(`podmortem: recorded ${incidents.length} pod${incidents.length === 1 ? '' : 's'} to ${file}; podmortem replay ${file} diagnoses it\n`);
      return 0;
    }
    const { timeline, failure } = await recordFor(client, namespace, target.name, durationMs);
    if (failure !== undefined && timeline.snapshots.length === 0) throw failure;
    if (timeline.snapshots.length === 0) throw new InputError(`nothing recorded: stopped before the first snapshot of ${namespace}/${target.name}`);
    await saveBundle(file, createBundle([], [timeline], createdBy), save);
    const recorded = `${timeline.snapshots.length} snapshot${timeline.snapshots.length === 1 ? '' : 's'} of ${namespace}/${target.name}`;
    if (failure === undefined) {
      printErr(`podmortem: recorded ${recorded} to ${file}\n`);
      return 0;
    }
    const explained = explainFailure(failure, client.target);
    if (!(explained instanceof InputError)) throw explained;
    printErr(`podmortem: recording cut short: ${explained.message}; saved the ${recorded} recorded before it to ${file}\n`);
    return CUT_SHORT_EXIT;
  });
}
