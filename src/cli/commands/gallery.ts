import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createDiagnoser } from '../../engine/diagnose.js';
import type { Incident } from '../../model/incident.js';
import { loadReplay } from '../../sources/load-replay.js';
import { FIXTURES_DIR } from '../../sources/package-paths.js';
import { diagnoseAll } from '../diagnose-all.js';
import { loadRules } from '../load-rules.js';
import { outputOptions } from '../output-options.js';
import { writeReport } from '../render-report.js';
import { COMMON_OPTIONS } from '../common-options.js';

/** Every bundled fixture folder, each one incident set. */
export async function loadGallery(): Promise<Incident[]> {
  const folders = (await readdir(FIXTURES_DIR, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const incidents: Incident[] = [];
  for (const folder of folders) {
    const input = await loadReplay([join(FIXTURES_DIR, folder)]);
    incidents.push(...input.incidents, ...input.timelines.flatMap((t) => t.snapshots.slice(-1)));
  }
  return incidents;
}

/** `podmortem gallery`: the bundled incidents, what `npm start` shows. */
export async function galleryCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: COMMON_OPTIONS });
  const output = outputOptions(values, false);
  const rules = await loadRules({ rulePaths: values.rules ?? [], strict: values.strict ?? false });
  const pods = await diagnoseAll(createDiagnoser(rules.rules), await loadGallery());
  return writeReport(pods, output);
}
