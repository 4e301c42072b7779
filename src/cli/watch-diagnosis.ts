import type { Diagnoser } from '../engine/diagnose.js';
import type { PodDiagnosis } from '../model/finding.js';
import { REPORT_SCHEMA_VERSION } from '../report/json-report.js';
import { jsonText } from '../report/json-text.js';
import { markdownText } from '../report/markdown-escape.js';
import { renderMarkdown } from '../report/markdown-report.js';
import { renderSummary } from '../report/summary-report.js';
import { renderText } from '../report/text-report.js';
import type { ClusterClient } from '../sources/cluster/api-client.js';
import { followPod } from '../sources/cluster/follow-pod.js';
import { notFound } from '../sources/cluster/gather-target.js';
import { PODS } from '../sources/cluster/resources.js';
import type { OutputOptions } from './output-options.js';
import { printErr, printOut } from './print.js';

/** What makes a diagnosis different: the pod's status and which findings, not their wording (ages change every second). */
function diagnosisKey(d: PodDiagnosis): string {
  return JSON.stringify([d.status, d.findings.map((f) => [f.id, f.cause, f.severity, f.causedBy ?? null])]);
}

function printDiagnosis(diagnosis: PodDiagnosis, output: OutputOptions, first: boolean): void {
  const at = new Date();
  if (output.format === 'json') {
    // One compact document per line, so a consumer can read the stream line by line.
    printOut(`${jsonText({ schemaVersion: REPORT_SCHEMA_VERSION, observedAt: at.toISOString(), pods: [diagnosis] })}\n`);
    return;
  }
  const time = at.toTimeString().slice(0, 8);
  if (output.format === 'summary') {
    // One line per change, the time in front: a log of how the pod's diagnosis moved.
    printOut(`${time} ${renderSummary([diagnosis], { color: output.color })}`);
    return;
  }
  const heading = `${time} ${diagnosis.namespace}/${diagnosis.name}: ${first ? 'diagnosis' : 'diagnosis changed'}`;
  if (output.format === 'markdown') {
    printOut(`# ${markdownText(heading)}\n\n${renderMarkdown([diagnosis])}\n`);
    return;
  }
  printOut(`── ${heading} ──\n${renderText([diagnosis], { color: output.color, width: process.stdout.columns ?? 100 })}\n`);
}

/**
 * `diagnose POD --watch`: diagnoses again on every change of the pod or its events (watch API)
 * and prints only when the diagnosis changes, until Ctrl-C.
 */
export function watchDiagnosis(client: ClusterClient, namespace: string, name: string, diagnoser: Diagnoser, output: OutputOptions): Promise<number> {
  let lastKey: string | null = null;
  let gone = false;
  return new Promise<number>((resolve, reject) => {
    let finishing = false;
    const finish = (settle: () => void) => {
      if (finishing) return;
      finishing = true;
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      void follower.stop().then(settle, settle);
    };
    const onSignal = () => finish(() => resolve(0));
    const follower = followPod(client, namespace, name, {
      onIncident: async (incident) => {
        gone = false;
        const diagnosis = await diagnoser.diagnose(incident);
        const key = diagnosisKey(diagnosis);
        if (key === lastKey) return;
        printDiagnosis(diagnosis, output, lastKey === null);
        lastKey = key;
      },
      onGone: () => {
        if (lastKey === null) {
          // Never seen: a typo, not a pod that went away; say which names exist.
          void notFound(client, PODS, namespace, name).then((error) => finish(() => reject(error)), (error: unknown) => finish(() => reject(error)));
          return;
        }
        if (!gone) printErr(`podmortem: pod ${namespace}/${name} no longer exists; watching for it to come back (Ctrl-C stops)\n`);
        gone = true;
      },
      onError: (error) => finish(() => reject(error)),
    });
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
}
