import { randomBytes } from 'node:crypto';
import { link, lstat, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
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

export interface SaveOptions {
  /** Replace an existing file (`--force`); otherwise an existing file is never overwritten. */
  readonly force?: boolean;
}

function cannotWrite(file: string, error: unknown): InputError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EEXIST') return new InputError(`${file} already exists: podmortem does not overwrite it; give another -f FILE, or add --force to replace it`);
  return new InputError(`cannot write ${file} (${code ?? (error as Error).message}): check the folder exists and is writable`);
}

/** Hard links are atomic and never replace; where the filesystem has none, check, then rename. */
async function linkIntoPlace(temporary: string, file: string): Promise<void> {
  try {
    await link(temporary, file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw error;
    const taken = await lstat(file).then(
      () => true,
      () => false,
    );
    if (taken) throw Object.assign(new Error('exists'), { code: 'EEXIST' });
    await rename(temporary, file);
  }
}

/**
 * Writes a bundle (it holds a pod's evidence: mode 0600) so that nothing else can end up
 * written: the temporary file gets a random name and is created exclusively (O_EXCL never follows
 * a symlink planted in its place), then moves into place atomically, so an interrupted write never
 * leaves half a bundle. Without `force` an existing file, or a link, at `file` is left alone.
 */
export async function saveBundle(file: string, bundle: Bundle, options: SaveOptions = {}): Promise<void> {
  // As JSON reports are printed: C1 controls and bidi characters escaped, so `cat` on a bundle is safe too.
  const text = `${jsonText(scrubBundle(bundle), 2)}\n`;
  const temporary = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temporary, 'wx', 0o600);
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    // link() refuses an existing name, so "no overwrite" holds even against a file created meanwhile.
    if (options.force) await rename(temporary, file);
    else await linkIntoPlace(temporary, file);
  } catch (error) {
    throw cannotWrite(file, error);
  } finally {
    await rm(temporary, { force: true });
  }
}
