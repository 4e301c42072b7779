import { rename, rm, writeFile } from 'node:fs/promises';
import { jsonText } from '../../report/json-text.js';
import type { Bundle } from '../bundle.js';
import { InputError } from '../input-error.js';
import { scrubIncident, scrubTimeline } from '../redaction/scrub-incident.js';

/** Scrubbed again on the way out (it is idempotent), so no future path can write a secret into a bundle. */
function scrubBundle(bundle: Bundle): Bundle {
  return {
    ...bundle,
    incidents: bundle.incidents.map(scrubIncident),
    ...(bundle.timelines ? { timelines: bundle.timelines.map(scrubTimeline) } : {}),
  };
}

/** Writes a bundle as JSON; through a temporary file, so an interrupted write never leaves half a bundle. */
export async function saveBundle(file: string, bundle: Bundle): Promise<void> {
  // As JSON reports are printed: C1 controls and bidi characters escaped, so `cat` on a bundle is safe too.
  const text = `${jsonText(scrubBundle(bundle), 2)}\n`;
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, text, { mode: 0o600 });
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(`cannot write ${file} (${code ?? (error as Error).message}): check the folder exists and is writable`);
  }
}
