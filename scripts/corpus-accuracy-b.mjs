#!/usr/bin/env node
// Measures podmortem's top-1 accuracy on the real-paste corpus in test/realworld/corpus/.
// Read-only: it runs the built CLI (`node dist/cli/main.js replay FILE -o json`) on each case
// and compares the first finding of the first pod with the case's label sidecar (cause, accept).
// Usage: node scripts/corpus-accuracy-b.mjs [--all] [--json] [--misses] [DIR]
//   --all     every labelled case in DIR (default: only the b### cases)
//   --json    one JSON document instead of the table
//   --misses  list only the cases that miss
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const dir = resolve(args.find((a) => !a.startsWith('--')) ?? join(root, 'test/realworld/corpus'));
const cli = join(root, 'dist/cli/main.js');

const labels = readdirSync(dir)
  .filter((f) => f.endsWith('.json') && (flag('--all') || /^b\d{3}-/.test(f)))
  .sort()
  .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')));

/** What podmortem says about one paste: its top cause, or why there is none. */
function diagnose(file) {
  const run = spawnSync(process.execPath, [cli, 'replay', join(dir, file), '-o', 'json', '--no-color'], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (run.status === 2) return { got: 'refused', detail: (run.stderr || run.stdout).trim().split('\n')[0] };
  let report;
  try {
    report = JSON.parse(run.stdout);
  } catch {
    return { got: 'error', detail: (run.stderr || run.stdout).trim().split('\n')[0] ?? `exit ${run.status}` };
  }
  const pod = report.pods?.[0];
  if (!pod) return { got: 'no-pod', detail: '' };
  const top = pod.findings?.[0];
  if (!top) return { got: 'healthy', detail: `${pod.name} status ${pod.status}` };
  return { got: top.cause, detail: `${pod.name}: ${top.id}: ${top.title}` };
}

const rows = labels.map((label) => {
  const { got, detail } = diagnose(label.file);
  const ok = [label.cause, ...(label.accept ?? [])].includes(got);
  return { file: label.file, format: label.format, eventsOnly: label.eventsOnly, want: label.cause, accept: label.accept, got, ok, detail };
});

function tally(key) {
  const groups = new Map();
  for (const row of rows) {
    const k = String(row[key]);
    const g = groups.get(k) ?? { n: 0, ok: 0 };
    g.n += 1;
    g.ok += row.ok ? 1 : 0;
    groups.set(k, g);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, g]) => ({ [key]: k, ...g, pct: pct(g.ok, g.n) }));
}
function pct(ok, n) {
  return n === 0 ? 0 : Math.round((1000 * ok) / n) / 10;
}

const hits = rows.filter((r) => r.ok).length;
const summary = {
  cases: rows.length,
  hits,
  top1: pct(hits, rows.length),
  byCause: tally('want'),
  byFormat: tally('format'),
  byEventsOnly: tally('eventsOnly'),
};

if (flag('--json')) {
  console.log(JSON.stringify({ summary, rows }, null, 2));
} else {
  const shown = flag('--misses') ? rows.filter((r) => !r.ok) : rows;
  for (const r of shown) {
    console.log(`${r.ok ? 'ok  ' : 'MISS'} ${r.file.padEnd(52)} want ${r.want.padEnd(18)} got ${r.got.padEnd(18)} ${r.ok ? '' : r.detail}`);
  }
  console.log(`\ntop-1: ${hits}/${rows.length} = ${summary.top1}%`);
  const table = (title, list, key) => {
    console.log(`\n${title}`);
    for (const g of list) console.log(`  ${String(g[key]).padEnd(20)} ${String(g.ok).padStart(3)}/${String(g.n).padEnd(3)} ${g.pct}%`);
  };
  table('by cause', summary.byCause, 'want');
  table('by format', summary.byFormat, 'format');
  table('events only', summary.byEventsOnly, 'eventsOnly');
}
