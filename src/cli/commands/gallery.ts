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

/** `podmortem gallery`: the bundled incidents, what `npm start` shows; the UI on a terminal. */
export async function galleryCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: COMMON_OPTIONS });
  const output = outputOptions(values, uiCanRead());
  const openUi = output.format === 'ui' ? prepareUi() : null;
  const rules = await loadRules({ rulePaths: values.rules ?? [], strict: values.strict ?? false });
  const diagnoser = createDiagnoser(rules.rules);
  if (openUi) return openUi(galleryFeed(), diagnoser, output.color);
  const pods = await diagnoseAll(diagnoser, incidentsToDiagnose(await loadGallery()));
  return writeReport(pods, output);
}
