// Installs what `npm run fixtures:record` recorded (one folder per workload, each a bundle.json
// and the podmortem-test.json the e2e suite wrote from the workload's expectation) into
// fixtures/recorded/. run-tests.sh --record calls it only when every test passed.
//
//   node install-recordings.mjs RECORDED_DIR FIXTURES_DIR [--all]
//
// --all: the recording is the whole set, so a fixture folder it did not record (a workload that
// is gone) is removed. Without it (a filtered run, -t NAME) only the recorded folders change.
//
// A recording never erases what people keep by hand in an expected file. The suite writes only
// what a workload declares (its description, root cause, findings); fields it does not write,
// such as `partialEvidence` (what the evidence-ablation test accepts from a view that cannot show
// the root cause, with the reason), `absent` or `allowOtherCritical`, are carried over from the
// fixture's previous podmortem-test.json, expectation by expectation (by `pod`, else by place).
// When a kept field sits beside a root cause that changed, it is kept and a line says so: the
// exception was written for the old root cause and needs a look.
import { chmodSync, cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TEST_CASE_FILE = 'podmortem-test.json';

/** The expectation in `previous` that describes the same pod as `expectation` (the `index`-th of its file). */
function previousExpectation(previous, expectation, index) {
  const list = Array.isArray(previous?.expect) ? previous.expect : [];
  if (expectation.pod !== undefined) return list.find((e) => e?.pod === expectation.pod);
  return list.length > index && list[index]?.pod === undefined ? list[index] : undefined;
}

const sameJson = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The recorded test case with every expectation field the recording did not write taken from the
 * previous one; `notes` gets a line for each kept field whose root cause changed meanwhile.
 */
export function keepHandKeptFields(recorded, previous, name = '', notes = []) {
  if (previous === null || typeof previous !== 'object' || !Array.isArray(recorded.expect)) return recorded;
  const expect = recorded.expect.map((expectation, index) => {
    const before = previousExpectation(previous, expectation, index);
    if (before === null || typeof before !== 'object') return expectation;
    const kept = Object.fromEntries(Object.entries(before).filter(([key]) => !(key in expectation)));
    const keys = Object.keys(kept);
    if (keys.length && !sameJson(before.rootCause, expectation.rootCause)) {
      notes.push(`${name}: kept ${keys.join(', ')} written for root cause ${JSON.stringify(before.rootCause)}, now ${JSON.stringify(expectation.rootCause)}: check them`);
    }
    // In the previous file's key order, so a re-recording's diff shows only what changed.
    const merged = { ...expectation, ...kept };
    const order = [...Object.keys(before).filter((key) => key in merged), ...Object.keys(merged).filter((key) => !(key in before))];
    return Object.fromEntries(order.map((key) => [key, merged[key]]));
  });
  return { ...recorded, expect };
}

function readJsonOrNull(file) {
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null; // a broken expected file has nothing to keep; the recording replaces it
  }
}

/** Installs every folder of `recordedDir` into `fixturesDir`; returns the notes about kept fields. */
export function installRecordings(recordedDir, fixturesDir, { all = false } = {}) {
  const names = readdirSync(recordedDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const notes = [];
  // Every previous expected file is read before anything is removed.
  const previous = new Map(names.map((name) => [name, readJsonOrNull(path.join(fixturesDir, name, TEST_CASE_FILE))]));
  if (all) rmSync(fixturesDir, { recursive: true, force: true });
  for (const name of names) {
    const source = path.join(recordedDir, name);
    const target = path.join(fixturesDir, name);
    rmSync(target, { recursive: true, force: true });
    cpSync(source, target, { recursive: true });
    // Plain readable files whatever the recording's umask was (mkdtemp folders are private).
    for (const file of readdirSync(target)) chmodSync(path.join(target, file), 0o644);
    const testCaseFile = path.join(target, TEST_CASE_FILE);
    const recorded = readJsonOrNull(testCaseFile);
    if (recorded) writeFileSync(testCaseFile, `${JSON.stringify(keepHandKeptFields(recorded, previous.get(name), name, notes), null, 2)}\n`);
  }
  return { names, notes };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const all = args.includes('--all');
  const [recordedDir, fixturesDir, ...rest] = args.filter((a) => a !== '--all');
  if (!recordedDir || !fixturesDir || rest.length) {
    console.error('usage: node install-recordings.mjs RECORDED_DIR FIXTURES_DIR [--all]');
    process.exit(2);
  }
  const { notes } = installRecordings(recordedDir, fixturesDir, { all });
  for (const note of notes) console.error(`fixtures:record: ${note}`);
}
