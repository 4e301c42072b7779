import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadReplay } from '../src/sources/load-replay.js';

/*
 * A replayed file nested deeper than 64 objects and arrays is no kubectl output: it is refused
 * before any recursive walk could overflow the stack on it, with the JSON path of the first place
 * too deep, so the user can see what was pasted. `hostile-files` checks this through the built CLI
 * at 100,000 levels; these check the limit itself and the path, in process.
 */

let dir: string;
let count = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'podmortem-deep-'));
});

/** `levels` objects `{"a": ...}` around `leaf`, as JSON text. */
function nested(levels: number, leaf: string): string {
  return `${'{"a":'.repeat(levels)}${leaf}${'}'.repeat(levels)}`;
}

/** A pod named `deep` whose spec is `spec` (JSON text), read by replay: the error, or 'read'. */
async function replayPod(spec: string): Promise<string> {
  const path = join(dir, `pod-${count++}.json`);
  await writeFile(path, `{"kind":"Pod","metadata":{"name":"deep","namespace":"shop"},"spec":${spec}}`);
  try {
    const { incidents } = await loadReplay([path]);
    return incidents.length === 1 ? 'read' : `${incidents.length} incidents`;
  } catch (error) {
    return (error as Error).message.slice(path.length);
  }
}

describe('a file nested deeper than kubectl ever writes', () => {
  it('64 levels of objects are read; the 65th is refused, naming where it is', async () => {
    // The pod is level 0 and spec level 1: spec's 62 objects and an empty one end at level 63, then 64.
    expect(await replayPod(nested(62, '{}'))).toBe('read');
    expect(await replayPod(nested(63, '{}'))).toBe(`: pod shop/deep nests deeper than 64 levels (at $.spec${'.a'.repeat(63)}): that is not what kubectl writes; save it again with kubectl get -o yaml (or -o json)`);
  });

  it('a string, number or null at the 65th level is a value, not a level', async () => {
    for (const leaf of ['"text"', '7', 'null', 'true']) expect(await replayPod(nested(63, leaf)), leaf).toBe('read');
  });

  it('the path names array items by index and keys by name, wherever among its siblings the deep value is', async () => {
    // Under the first of several keys, in the second item of a list: [1] then .a (level 3 on).
    expect(await replayPod(`{"volumes":[{"name":"v"},${nested(61, '[]')}],"containers":[],"nodeName":"n"}`)).toMatch(
      new RegExp(`^: pod shop/deep nests deeper than 64 levels \\(at \\$\\.spec\\.volumes\\[1\\]${'\\.a'.repeat(61)}\\): `),
    );
    expect(await replayPod(`{"volumes":[{"name":"v"},${nested(60, '[]')}],"containers":[],"nodeName":"n"}`)).not.toMatch(/nests deeper/);
  });

  it('a list of lists too deep is refused with its path', async () => {
    // Replay reads a JSON list one item at a time: the item (65 lists deep) is the document measured.
    const path = join(dir, 'lists.json');
    await writeFile(path, `[${'['.repeat(65)}${']'.repeat(65)}]`);
    await expect(loadReplay([path])).rejects.toThrow(`${path} nests deeper than 64 levels (at $${'[0]'.repeat(64)}): that is no kubectl output`);
    await writeFile(path, `[${'['.repeat(64)}${']'.repeat(64)}]`);
    await expect(loadReplay([path])).rejects.toThrow(`${path} hold no pods`);
  });
});
