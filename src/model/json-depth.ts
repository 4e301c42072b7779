interface Visit {
  readonly node: unknown;
  readonly depth: number;
  readonly parent: Visit | null;
  readonly key: string | number;
}

function pathOf(visit: Visit): string {
  const parts: string[] = [];
  for (let at: Visit | null = visit; at?.parent; at = at.parent) parts.push(typeof at.key === 'number' ? `[${at.key}]` : `.${at.key}`);
  return `$${parts.reverse().join('')}`;
}

/**
 * Where a parsed JSON/YAML value nests deeper than `limit` objects and arrays, as a JSON path
 * (`$.a[0].b`), or null. Walked with an explicit stack, so a value nested 100,000 deep is
 * measured, not a stack overflow: every recursive walk after this check (schema validation,
 * redaction, the rules engine) then stays within a depth it can take. The path is built only
 * for the answer, so a big flat value costs no strings.
 */
export function pathDeeperThan(value: unknown, limit: number): string | null {
  const stack: Visit[] = [{ node: value, depth: 0, parent: null, key: '' }];
  while (stack.length) {
    const visit = stack.pop()!;
    const { node, depth } = visit;
    if (node === null || typeof node !== 'object') continue;
    if (depth >= limit) return pathOf(visit);
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push({ node: node[i], depth: depth + 1, parent: visit, key: i });
    } else {
      for (const key of Object.keys(node)) stack.push({ node: (node as Record<string, unknown>)[key], depth: depth + 1, parent: visit, key });
    }
  }
  return null;
}
