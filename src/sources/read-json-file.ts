import { readFile } from 'node:fs/promises';
import { jsonErrorText } from './input-error.js';

/** A JSON file's value, or why it cannot be read or parsed (as data, so one bad file can be reported and skipped). */
export async function readJsonFile(file: string): Promise<{ data: unknown } | { error: string }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return { error: cannotRead(error) };
  }
  return parseJsonText(text);
}

/** Why a file could not be read, as readJsonFile says it. */
export function cannotRead(error: unknown): string {
  return `cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
}

/** A JSON file's text as its value, or why it is not JSON. */
export function parseJsonText(text: string): { data: unknown } | { error: string } {
  try {
    return { data: JSON.parse(text) };
  } catch (error) {
    return { error: `invalid JSON: ${jsonErrorText(error)}` };
  }
}
