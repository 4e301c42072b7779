import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPERATORS } from '../src/engine/operators.js';
import { ROOT } from './helpers.js';

const doc = await readFile(join(ROOT, 'docs/rules.md'), 'utf8');

describe('docs/rules.md keeps up with the code', () => {
  it('documents every operator with its description and example', () => {
    for (const operator of OPERATORS) {
      const row = doc.split('\n').find((line) => line.startsWith(`| \`${operator.name}\` |`));
      expect(row, operator.name).toBeDefined();
      expect(row).toContain(`\`${JSON.stringify(operator.example).replace(/\|/g, '\\|')}\``);
    }
  });

  it('shows the worked example rule as it is shipped', async () => {
    const shipped = JSON.parse(await readFile(join(ROOT, 'examples/jvm-rules/jvm-heap-too-small.json'), 'utf8'));
    const block = doc.split('```json\n').map((b) => b.slice(0, b.indexOf('```'))).find((b) => b.includes('"id": "jvm-heap-too-small"'));
    const shown = JSON.parse(block ?? '{}');
    for (const field of ['id', 'title', 'cause', 'severity', 'scope', 'priority', 'conditions', 'evidence', 'supersedes']) {
      expect(shown[field], field).toEqual(shipped[field]);
    }
  });

  it('shows the rollout context rule as it is shipped', async () => {
    const shipped = JSON.parse(await readFile(join(ROOT, 'examples/rollout-rules/configmap-reference-changed.json'), 'utf8'));
    const block = doc.split('```json\n').map((b) => b.slice(0, b.indexOf('```'))).find((b) => b.includes('"id": "configmap-reference-changed"'));
    expect(JSON.parse(block ?? '{}')).toEqual(shipped);
  });
});
