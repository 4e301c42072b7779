/**
 * Where a parsed JSON/YAML value nests deeper than `limit` objects and arrays, as a JSON path
 * (`$.a[0].b`), or null. The walk stops descending at `limit`, so a value nested 100,000 deep is
 * measured, not a stack overflow: every recursive walk after this check (schema validation,
 * redaction, the rules engine) then stays within a depth it can take. It allocates nothing on
 * the way down (this runs on every pod of a fleet); the path is built only for the answer, on
 * the way back up. Objects' keys are visited last first, arrays' items first first, as the
 * explicit-stack walk this replaced did, so the path named for a value too deep in several
 * places is the same.
 */
export function pathDeeperThan(value: unknown, limit: number): string | null {
  const parts = tooDeepAt(value, 0, limit);
  return parts === null ? null : `$${parts.reverse().join('')}`;
}

/** The path's parts from the deepest up, or null when `node` nests no deeper than `limit - depth`. */
function tooDeepAt(node: unknown, depth: number, limit: number): string[] | null {
  if (node === null || typeof node !== 'object') return null;
  if (depth >= limit) return [];
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const found = tooDeepAt(node[i], depth + 1, limit);
      if (found) {
        found.push(`[${i}]`);
        return found;
      }
    }
    return null;
  }
  const keys = Object.keys(node);
  for (let i = keys.length - 1; i >= 0; i--) {
    const key = keys[i] as string;
    const found = tooDeepAt((node as Record<string, unknown>)[key], depth + 1, limit);
    if (found) {
      found.push(`.${key}`);
      return found;
    }
  }
  return null;
}
