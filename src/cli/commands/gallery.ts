import { parseArgs } from 'node:util';
import { createDiagnoser } from '../../engine/diagnose.js';
import { galleryFeed, loadGallery } from '../../sources/gallery-feed.js';
import { diagnoseAll } from '../diagnose-all.js';
import { loadRules } from '../load-rules.js';
import { prepareUi, uiCanRead } from '../open-ui.js';
import { incidentsToDiagnose } from '../replay-incidents.js';
import { outputOptions } from '../output-options.js';
import { writeReport } from '../render-report.js';
import { COMMON_OPTIONS } from '../common-options.js';
import { printErr } from '../print.js';

/** `podmortem gallery`: the bundled incidents, what `npm start` shows; the UI on a terminal. */
export async function galleryCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: COMMON_OPTIONS });
  const output = outputOptions(values, uiCanRead());
  if (values.output === undefined && !values.short && output.format === 'text') {
    // On stderr, so a pipe gets the report alone.
    printErr('podmortem: not a terminal, so this is the gallery as a text report; in a terminal it opens the interactive UI (-o text|json|markdown|summary picks a report)\n');
  }
  const openUi = output.format === 'ui' ? prepareUi() : null;
  const rules = await loadRules({ rulePaths: values.rules ?? [], strict: values.strict ?? false });
  const diagnoser = createDiagnoser(rules.rules);
  if (openUi) return openUi(galleryFeed(), diagnoser, output.color);
  const pods = await diagnoseAll(diagnoser, incidentsToDiagnose(await loadGallery()));
  return writeReport(pods, output);
}
