import { editDistance } from '../../engine/suggest.js';

/**
 * The existing names a mistyped one most likely meant: names starting with it (`api` for
 * `api-5c8d7f9b6d-x2x9q`), then containing it, then within a few edits, nearest first.
 */
export function closestNames(wanted: string, names: readonly string[], max = 3): string[] {
  const needle = wanted.toLowerCase();
  const tolerance = Math.max(2, Math.floor(wanted.length / 3));
  return names
    .map((name) => {
      const lower = name.toLowerCase();
      // One or two letters are inside too many names to mean anything.
      const contains = needle.length >= 3 && (lower.includes(needle) || needle.includes(lower));
      return { name, prefix: lower.startsWith(needle), contains, distance: editDistance(needle, lower) };
    })
    .filter((c) => c.contains || c.distance <= tolerance)
    .sort(
      (a, b) => Number(b.prefix) - Number(a.prefix) || Number(b.contains) - Number(a.contains) || a.distance - b.distance || a.name.localeCompare(b.name),
    )
    .slice(0, max)
    .map((c) => c.name);
}
