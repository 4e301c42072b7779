import { JSON_UNSAFE } from './visible-controls.js';

/** `\uXXXX` for each UTF-16 unit: a tag character becomes its escaped surrogate pair. */
const escape = (characters: string) =>
  characters
    .split('')
    .map((unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .join('');

/**
 * JSON as podmortem prints it: JSON.stringify escapes C0 controls but leaves DEL, C1 controls
 * (which some terminals act on), bidirectional and invisible characters raw; these are written
 * as `\u` escapes too, so the document holds the same data and is safe to `cat`.
 */
export function jsonText(value: unknown, indent?: number): string {
  return (JSON.stringify(value, null, indent) ?? 'null').replace(JSON_UNSAFE, escape);
}
