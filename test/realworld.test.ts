import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rankPods } from '../src/report/rank-pods.js';
import { loadReplay } from '../src/sources/load-replay.js';
import { builtInDiagnoser, readJson, ROOT } from './helpers.js';

/** Real pastes from public bug reports, with their labels (test/realworld/reference/README.md). */
const REALWORLD = resolve(ROOT, 'test/realworld/reference');

interface Label {
  readonly file: string;
  readonly cause: string;
  readonly accept?: readonly string[];
}

const labels = await readJson<Label[]>(join(REALWORLD, 'labels.json'));

/** The root cause podmortem gives for a paste: the first finding of the first-ranked pod. */
async function rootCauseOf(file: string): Promise<string | null> {
  const input = await loadReplay([join(REALWORLD, file)]);
  const diagnoser = await builtInDiagnoser();
  const pods = rankPods(await Promise.all(input.incidents.map((incident) => diagnoser.diagnose(incident))));
  return pods[0]?.findings[0]?.cause ?? null;
}

describe('real-world pastes', () => {
  it.each(labels.map((l) => l.file))('%s parses into at least one pod', async (file) => {
    const input = await loadReplay([join(REALWORLD, file)]);
    expect(input.incidents.length).toBeGreaterThan(0);
  });

  it('give the labelled cause first for at least 90% of them', async () => {
    const misses: string[] = [];
    for (const label of labels) {
      const got = await rootCauseOf(label.file);
      const wanted = [label.cause, ...(label.accept ?? [])];
      if (!got || !wanted.includes(got)) misses.push(`${label.file}: got ${got ?? 'no finding'}, want ${wanted.join(' or ')}`);
    }
    const hits = labels.length - misses.length;
    console.info(`real-world accuracy: ${hits}/${labels.length}${misses.length ? `\n  misses:\n  ${misses.join('\n  ')}` : ''}`);
    expect(hits / labels.length, misses.join('\n')).toBeGreaterThanOrEqual(0.9);
  });
});
