import { rankPods } from '../../src/report/rank-pods.js';
import { InputError } from '../../src/sources/input-error.js';
import { loadReplay } from '../../src/sources/load-replay.js';
import { builtInDiagnoser } from '../helpers.js';

/** What podmortem says first about a paste, as a user reading the report would see it. */
export interface TopAnswer {
  /** The root cause of the first-ranked pod, or `healthy` (a pod without findings) or `refused` (an input error). */
  readonly got: string;
  /** The finding's rule and title, the healthy pod's name, or the refusal's line: what to read on a miss. */
  readonly detail: string;
}

/**
 * Replays pasted files in-process exactly as `podmortem replay FILE -o json` does (load, diagnose,
 * rank worst first) and returns the first finding of the first pod.
 */
export async function topAnswer(files: readonly string[]): Promise<TopAnswer> {
  let input;
  try {
    input = await loadReplay(files);
  } catch (error) {
    if (error instanceof InputError) return { got: 'refused', detail: error.message };
    throw error;
  }
  const diagnoser = await builtInDiagnoser();
  const pods = rankPods(await Promise.all(input.incidents.map((incident) => diagnoser.diagnose(incident))));
  const pod = pods[0];
  if (!pod) return { got: 'refused', detail: 'no pod' };
  const top = pod.findings[0];
  if (!top) return { got: 'healthy', detail: `${pod.name}: status ${pod.status}` };
  return { got: top.cause, detail: `${pod.name}: ${top.id}: ${top.title}` };
}

/** Right when the answer is the label's cause or one of the causes it accepts. */
export function answerIsRight(got: string, label: { readonly cause: string; readonly accept?: readonly string[] }): boolean {
  return got === label.cause || (label.accept ?? []).includes(got);
}
