#!/usr/bin/env node
// Measures podmortem's top-1 accuracy on the real-world corpus (test/realworld/corpus by default).
// Read-only: runs the built CLI (`node dist/cli/main.js replay FILE -o json`) on every case that
// has a label sidecar (`a###-slug.json`), and compares the first finding of the first pod with the
// label. A case counts as a hit when that cause is the label's `cause` or one of its `accept`
// causes. Prints one line per case, then accuracy per cause and per format.
//
//   node scripts/corpus-accuracy-a.mjs [DIR] [--json] [--misses] [--only=SUBSTRING]

import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const dir = resolve(args.find((a) => !a.startsWith('--')) ?? join(root, 'test/realworld/corpus'));
const asJson = args.includes('--json');
const missesOnly = args.includes('--misses');
// --only=a04 replays just the cases whose file name contains the substring (quick checks while adding cases).
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const cli = join(root, 'dist/cli/main.js');

function diagnose(file) {
  try {
    const out = execFileSync(process.execPath, [cli, 'replay', file, '-o', 'json'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const pod = JSON.parse(out).pods?.[0];
    if (!pod) return { got: 'no-pod', title: '' };
    const first = pod.findings?.[0];
    if (!first) return { got: 'healthy', title: `status ${pod.status}` };
    return { got: first.cause, title: first.title, rule: first.rule };
  } catch (error) {
    // exit 1 means "findings present" for some CLIs; keep the JSON when there is one.
    const stdout = error.stdout?.toString() ?? '';
    if (stdout.trim().startsWith('{')) {
      const pod = JSON.parse(stdout).pods?.[0];
      const first = pod?.findings?.[0];
      if (first) return { got: first.cause, title: first.title, rule: first.rule };
      return { got: pod ? 'healthy' : 'no-pod', title: '' };
    }
    const line = (error.stderr?.toString() ?? '').trim().split('\n')[0];
    return { got: 'refused', title: line };
  }
}

const labels = readdirSync(dir)
  .filter((name) => name.endsWith('.json') && (!only || name.includes(only)))
  .sort()
  .map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')));

const rows = labels.map((label) => {
  const result = diagnose(join(dir, label.file));
  const wanted = [label.cause, ...(label.accept ?? [])];
  return { ...label, ...result, hit: wanted.includes(result.got) };
});

function tally(key) {
  const groups = new Map();
  for (const row of rows) {
    const name = typeof key === 'function' ? key(row) : row[key];
    const group = groups.get(name) ?? { cases: 0, hits: 0 };
    group.cases += 1;
    if (row.hit) group.hits += 1;
    groups.set(name, group);
  }
  return [...groups.entries()].sort(([a], [b]) => String(a).localeCompare(String(b)));
}

const hits = rows.filter((row) => row.hit).length;
const percent = (n, d) => (d === 0 ? '-' : `${((100 * n) / d).toFixed(1)}%`);

if (asJson) {
  console.log(JSON.stringify({ cases: rows.length, hits, rows }, null, 2));
} else {
  for (const row of rows) {
    if (missesOnly && row.hit) continue;
    const mark = row.hit ? 'ok  ' : 'MISS';
    console.log(`${mark} ${row.file.padEnd(48)} want ${row.cause.padEnd(18)} got ${row.got.padEnd(18)} ${row.title ?? ''}`);
  }
  console.log(`\ntop-1: ${hits}/${rows.length} = ${percent(hits, rows.length)}`);
  for (const [title, key] of [['cause', 'cause'], ['format', 'format'], ['events-only', (r) => (r.eventsOnly ? 'events-only' : 'with state')]]) {
    console.log(`\nby ${title}:`);
    for (const [name, group] of tally(key)) {
      console.log(`  ${String(name).padEnd(20)} ${String(group.hits).padStart(3)}/${String(group.cases).padEnd(3)} ${percent(group.hits, group.cases)}`);
    }
  }
}
