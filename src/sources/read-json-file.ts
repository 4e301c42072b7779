import { readFile } from 'node:fs/promises';
import { jsonErrorText } from './input-error.js';

/** A JSON file's value, or why it cannot be read or parsed (as data, so one bad file can be reported and skipped). */
export async function readJsonFile(file: string): Promise<{ data: unknown } | { error: string }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return { error: `cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  }
  try {
    return { data: JSON.parse(text) };
  } catch (error) {
    return { error: `invalid JSON: ${jsonErrorText(error)}` };
  }
}
