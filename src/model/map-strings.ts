/**
 * A plain JSON-like value (what an Incident or a PodDiagnosis is) with every string, however
 * deep, passed through `map` together with the key it sits under ('' in arrays and at the top).
 * Objects and arrays are copied only where a string changed, so mapping clean data allocates
 * little; dates and other non-plain values are left as they are.
 */
export function mapStrings<T>(value: T, map: (text: string, key: string) => string, key = ''): T {
  if (typeof value === 'string') return map(value, key) as T;
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  if (Array.isArray(value)) {
    let changed: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const mapped = mapStrings(item, map);
      if (mapped !== item) (changed ??= [...value])[i] = mapped;
    }
    return (changed ?? value) as T;
  }
  const record = value as Record<string, unknown>;
  let changed: Record<string, unknown> | null = null;
  // for-in over a plain object walks its own keys (a JSON object inherits none) from V8's enum
  // cache, without the array Object.keys allocates: this runs over every object of every pod.
  for (const name in record) {
    if (!Object.hasOwn(record, name)) continue;
    const item = record[name];
    const mapped = typeof item === 'string' ? map(item, name) : mapStrings(item, map, name);
    if (mapped !== item) (changed ??= { ...record })[name] = mapped;
  }
  return (changed ?? value) as T;
}
