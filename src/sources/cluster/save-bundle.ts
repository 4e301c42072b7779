import { rename, rm, writeFile } from 'node:fs/promises';
import type { Bundle } from '../bundle.js';
import { InputError } from '../input-error.js';

/** Writes a bundle as JSON; through a temporary file, so an interrupted write never leaves half a bundle. */
export async function saveBundle(file: string, bundle: Bundle): Promise<void> {
  const text = `${JSON.stringify(bundle, null, 2)}\n`;
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
