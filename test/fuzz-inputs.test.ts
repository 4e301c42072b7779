// Property-based tests over every input format podmortem reads: valid inputs mutated the way
// damage and attackers mutate them (truncation, dropped fields, wrong types, nulls, huge strings,
// unicode and control characters, binary, deep nesting, long lines) must give a diagnosis or
// one clear line (what the CLI prints for a known error, exit 2), within a time budget, and a
// report never shows `[object Object]`, `NaN` or `Infinity` the input did not hold.
//
// Seeded and reproducible: PODMORTEM_FUZZ_SEED=<n> replays a run (fast-check prints the seed
// and the counterexample's path on failure), PODMORTEM_FUZZ_RUNS=<n> sets the cases per format.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { errorLines, isKnownError } from '../src/cli/error-line.js';
import { diagnoseAll } from '../src/cli/diagnose-all.js';
import { incidentsToDiagnose } from '../src/cli/replay-incidents.js';
import { createDiagnoser } from '../src/engine/diagnose.js';
import { buildRuleSet } from '../src/engine/rule-set.js';
import { renderJson } from '../src/report/json-report.js';
import { renderMarkdown } from '../src/report/markdown-report.js';
import { renderText } from '../src/report/text-report.js';
import { loadReplay } from '../src/sources/load-replay.js';
import { builtInRuleFiles, loadRuleValidator } from '../src/sources/rule-files.js';
import { builtInDiagnoser, CLI, FIXTURES, ROOT } from './helpers.js';

const SEED = Number(process.env.PODMORTEM_FUZZ_SEED ?? 20261204);
const RUNS = Number(process.env.PODMORTEM_FUZZ_RUNS ?? 40);
/** Generous for a loaded 2-core machine; a hang or a quadratic blow-up takes far longer. */
const BUDGET_MS = 3000;

const dir = await mkdtemp(join(tmpdir(), 'podmortem-fuzz-'));
const diagnoser = await builtInDiagnoser();
const read = (path: string) => readFile(join(ROOT, path), 'utf8');

/** Valid inputs of each format, as podmortem's users hand them over. */
const SEEDS = {
  'pod YAML': [await read('fixtures/oom-killed-jvm/pod.yaml'), await read('fixtures/multi-attach-error/pod.yaml')],
  'pod JSON': [JSON.stringify(parseYaml(await read('fixtures/oom-killed-jvm/pod.yaml')), null, 2)],
  'List JSON (pods)': [await read('fixtures/scan-payments-namespace/pods.json')],
  'events YAML': [`${await read('fixtures/oom-killed-jvm/pod.yaml')}\n---\n${await read('fixtures/oom-killed-jvm/events.yaml')}`],
  'events JSON': [JSON.stringify({ kind: 'List', apiVersion: 'v1', items: [parseYaml(await read('fixtures/oom-killed-jvm/pod.yaml')), ...(parseYaml(await read('fixtures/oom-killed-jvm/events.yaml')) as { items: unknown[] }).items] })],
  bundle: [await read('fixtures/timeline-oom-rollout/bundle.json')],
  'describe text': [await read('test/realworld/reference/011-customer-relations-webapp.txt'), await read('test/realworld/reference/002-starburst-terraform-pod.txt')],
  'events table': [await read('test/realworld/corpus/a050-airflow-scheduler-killing-get-events-row.txt'), await read('test/realworld/corpus/b037-mariadb-galera-get-events-terminal-wrap.txt')],
};

// ---- mutations ---------------------------------------------------------------------------

const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('\u001b]52;c;aGk=\u0007', '\u001b[2J', '\u009b31m', '\u202eevil', '\u0000', '\ufeff', '👩‍👩‍👧', 'e\u0301', '\ud800', '`<img src=x onerror=1>`\n# h'),
  // Long, but named briefly in a counterexample: fast-check prints the mapped value.
  fc.constantFrom(100_000, 30_000, 5000, 400).chain((n) => fc.constantFrom('x'.repeat(n), 'a '.repeat(n / 2), '['.repeat(n), '{'.repeat(n), '9'.repeat(n))),
);

const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.constant('y'),
  fc.constant(''),
  fc.integer({ min: -1e9, max: 1e9 }),
  fc.constantFrom(1e308, -1e308, 0.5, -0),
  fc.boolean(),
  fc.constant([]),
  fc.constant({}),
  fc.constant([null]),
  fc.constant({ a: { b: [1, 'x', null] } }),
  hostileText,
);

type Json = unknown;

/** Every [container, key] path in a JSON value, so a mutation can pick one. */
function paths(value: Json, into: Array<Array<string | number>> = [], at: Array<string | number> = []): Array<Array<string | number>> {
  // A mutated document may already be nested thousands deep: its depths are not walked again.
  if (into.length > 5000 || at.length > 50) return into;
  if (Array.isArray(value)) value.forEach((item, i) => (into.push([...at, i]), paths(item, into, [...at, i])));
  else if (value !== null && typeof value === 'object') for (const [key, item] of Object.entries(value)) (into.push([...at, key]), paths(item, into, [...at, key]));
  return into;
}

function setAt(value: Json, path: Array<string | number>, replace: (old: unknown) => unknown | typeof DROP): Json {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  const next = replace(node[last]);
  if (next === DROP) {
    if (Array.isArray(node)) node.splice(last as number, 1);
    else delete node[last];
  } else node[last] = next;
  return copy;
}
const DROP = Symbol('drop');

function nest(value: unknown, depth: number): unknown {
  let out = value;
  for (let i = 0; i < depth; i++) out = i % 2 ? [out] : { nested: out };
  return out;
}

/** A mutation of a parsed document: drop a field, null it, give it a wrong type, nest it deep, or several. */
const structuralMutation = fc.record({
  pick: fc.nat(),
  how: fc.constantFrom('drop', 'null', 'wrong', 'deep', 'duplicate'),
  value: wrongValue,
  depth: fc.constantFrom(3, 70, 1000),
});

/** YAML's own writer recurses, so YAML cases nest to 70 levels; JSON ones to 1,000 (deeper: test/hostile-files.test.ts). */
function mutateDocument(document: Json, mutations: ReadonlyArray<{ pick: number; how: string; value: unknown; depth: number }>, deepAllowed = true): Json {
  let out = document;
  for (const m of mutations) {
    const all = paths(out);
    if (all.length === 0) break;
    const path = all[m.pick % all.length]!;
    out = setAt(out, path, (old) => {
      switch (m.how) {
        case 'drop':
          return DROP;
        case 'null':
          return null;
        case 'deep':
          return nest(old, m.depth > 100 && !deepAllowed ? 70 : m.depth);
        case 'duplicate':
          return Array.isArray(old) ? [...old, ...old] : old;
        default:
          return m.value;
      }
    });
  }
  return out;
}

/** A mutation of the text itself: cut it, splice in hostile text or bytes, stretch a line. */
const textMutation = fc.record({
  at: fc.nat(),
  how: fc.constantFrom('truncate', 'insert', 'replace-line', 'crlf', 'stretch'),
  insert: hostileText,
});

function mutateText(text: string, m: { at: number; how: string; insert: string }): string {
  const at = m.at % (text.length + 1);
  switch (m.how) {
    case 'truncate':
      return text.slice(0, at);
    case 'insert':
      return text.slice(0, at) + m.insert + text.slice(at);
    case 'replace-line': {
      const lines = text.split('\n');
      lines[m.at % lines.length] = m.insert;
      return lines.join('\n');
    }
    case 'crlf':
      return text.replace(/\n/g, '\r\n');
    default: {
      const lines = text.split('\n');
      const i = m.at % lines.length;
      lines[i] = `${lines[i]}${' and more'.repeat(20_000)}`;
      return lines.join('\n');
    }
  }
}

// ---- the property -------------------------------------------------------------------------

const FORBIDDEN = ['[object Object]', 'NaN', 'Infinity'];
let fileCount = 0;
const outcomes = new Map<string, { diagnosed: number; refused: number; slowest: number }>();

/** Replays `text` in-process as the CLI does; returns what the user would see. */
async function replayAsCli(text: string, ext: string): Promise<{ ok: true; outputs: string[] } | { ok: false; line: string }> {
  const file = join(dir, `case-${fileCount++}.${ext}`);
  await writeFile(file, text);
  try {
    const input = await loadReplay([file]);
    const pods = await diagnoseAll(diagnoser, incidentsToDiagnose(input));
    return { ok: true, outputs: [renderText(pods, { color: false }), renderJson(pods), renderMarkdown(pods)] };
  } catch (error) {
    // The same function the CLI uses: an unknown error here is a crash a user would see.
    expect(isKnownError(error), errorLines(error, true)).toBe(true);
    return { ok: false, line: errorLines(error, false) };
  }
}

function checkOutcome(format: string, input: string, outcome: Awaited<ReturnType<typeof replayAsCli>>, ms: number): void {
  const stats = outcomes.get(format) ?? { diagnosed: 0, refused: 0, slowest: 0 };
  stats.slowest = Math.max(stats.slowest, ms);
  outcomes.set(format, stats);
  expect(ms, `${format}: a case took ${ms.toFixed(0)} ms`).toBeLessThan(BUDGET_MS);
  if (outcome.ok) {
    stats.diagnosed++;
    for (const output of outcome.outputs) {
      for (const word of FORBIDDEN) if (!input.includes(word)) expect(output, `${format}: output shows ${word}`).not.toContain(word);
    }
  } else {
    stats.refused++;
    expect(outcome.line).toMatch(/^podmortem: [^\n]+\n$/);
    expect(outcome.line).not.toContain('[object Object]');
  }
}

const structured = (format: keyof typeof SEEDS, ext: string, serialise: (value: Json) => string) =>
  fc.asyncProperty(fc.nat({ max: SEEDS[format].length - 1 }), fc.array(structuralMutation, { minLength: 1, maxLength: 3 }), async (which, mutations) => {
    const seed = SEEDS[format][which]!;
    const documents = ext === 'yaml' ? seed.split(/^---$/m).map((d) => parseYaml(d)) : [JSON.parse(seed)];
    const text = documents.map((d) => serialise(mutateDocument(d, mutations, ext !== 'yaml'))).join(ext === 'yaml' ? '\n---\n' : '');
    const started = performance.now();
    const outcome = await replayAsCli(text, ext);
    checkOutcome(format, text, outcome, performance.now() - started);
  });

const textual = (format: keyof typeof SEEDS, ext: string) =>
  fc.asyncProperty(fc.nat({ max: SEEDS[format].length - 1 }), fc.array(textMutation, { minLength: 1, maxLength: 3 }), async (which, mutations) => {
    const seed = SEEDS[format][which]!;
    const text = mutations.reduce(mutateText, seed);
    const started = performance.now();
    const outcome = await replayAsCli(text, ext);
    checkOutcome(format, text, outcome, performance.now() - started);
  });

const params = { seed: SEED, numRuns: RUNS, endOnFailure: true } as const;

describe(`fuzzed inputs give a diagnosis or one clear line (seed ${SEED}, ${RUNS} cases per format and kind)`, () => {
  for (const [format, ext] of [['pod YAML', 'yaml'], ['events YAML', 'yaml']] as const) {
    it(`${format}: structure`, () => fc.assert(structured(format, ext, (v) => (v === undefined ? '' : stringifyYaml(v, { aliasDuplicateObjects: false }))), params));
    it(`${format}: text`, () => fc.assert(textual(format, ext), params));
  }
  for (const format of ['pod JSON', 'List JSON (pods)', 'events JSON', 'bundle'] as const) {
    it(`${format}: structure`, () => fc.assert(structured(format, 'json', (v) => JSON.stringify(v) ?? ''), params));
    it(`${format}: text`, () => fc.assert(textual(format, 'json'), params));
  }
  for (const format of ['describe text', 'events table'] as const) {
    it(`${format}: text`, () => fc.assert(textual(format, 'txt'), params));
  }

  it('rule files: a problem line per bad file, never a throw; a rule that loads diagnoses in time', async () => {
    const validator = await loadRuleValidator();
    const builtIn = await builtInRuleFiles();
    const rules = (await readdir(join(ROOT, 'rules'))).filter((f) => f.endsWith('.json') && f !== 'schema.json');
    const ruleSeeds = await Promise.all(rules.slice(0, 12).map(async (f) => JSON.parse(await readFile(join(ROOT, 'rules', f), 'utf8')) as Json));
    const { incidents } = await loadReplay([join(FIXTURES, 'oom-killed-jvm')]);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ruleSeeds), fc.array(structuralMutation, { minLength: 1, maxLength: 3 }), async (rule, mutations) => {
        const data = mutateDocument(rule, mutations) as Record<string, unknown>;
        const started = performance.now();
        const set = buildRuleSet([...builtIn.filter((b) => !b.file.endsWith(`/${String(rule && (rule as { id?: string }).id)}.json`)), { file: 'team/rule.json', layer: 'team', data }], validator);
        for (const problem of set.problems) expect(`${problem.path}: ${problem.message}`).not.toMatch(/\n|\[object Object\]/);
        const incident = incidents[0]!;
        const diagnosis = await createDiagnoser(set.rules).diagnose(incident);
        const ms = performance.now() - started;
        expect(ms).toBeLessThan(BUDGET_MS);
        expect(JSON.stringify(diagnosis)).not.toMatch(/\[object Object\]|NaN|Infinity/);
      }),
      params,
    );
  });

  it('a sample through the real CLI: exit 0, 1 or 2, and a refusal is one line without a stack trace', async () => {
    const samples = fc.sample(fc.tuple(fc.constantFrom(...(Object.keys(SEEDS) as Array<keyof typeof SEEDS>)), textMutation), { seed: SEED, numRuns: 8 });
    for (const [format, mutation] of samples) {
      const text = mutateText(SEEDS[format][0]!, mutation);
      const file = join(dir, `cli-${fileCount++}.${format.includes('YAML') ? 'yaml' : format.includes('text') || format.includes('table') ? 'txt' : 'json'}`);
      await writeFile(file, text);
      const result = spawnSync(process.execPath, [CLI, 'replay', file, '-o', 'text'], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, NO_COLOR: '1' } });
      expect([0, 1, 2], `${format} ${mutation.how}: ${result.stderr}`).toContain(result.status);
      if (result.status === 2) {
        expect(result.stderr).toMatch(/^podmortem: [^\n]+\n$/);
        expect(result.stderr).not.toContain('unexpected error');
      }
    }
  });

  it('prints what was tried', () => {
    const lines = [...outcomes].map(([format, s]) => `${format.padEnd(18)} ${String(s.diagnosed).padStart(4)} diagnosed ${String(s.refused).padStart(4)} refused in one line, slowest ${s.slowest.toFixed(0)} ms`);
    console.log(`fuzz seed ${SEED}:\n${lines.join('\n')}`);
    expect(outcomes.size).toBeGreaterThan(0);
  });
});
