import { builtInDiagnoser } from '../helpers.js';
import { readOnePod } from './read-paste.js';

/** The one pod a paste describes, its diagnosis with the built-in rules, and its root cause. */
export async function diagnosePaste(text: string, capturedAt: string) {
  const incident = await readOnePod(text, capturedAt);
  const diagnosis = await (await builtInDiagnoser()).diagnose(incident);
  return { incident, diagnosis, top: diagnosis.findings[0] };
}
