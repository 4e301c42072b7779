import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJson, ROOT } from './helpers.js';
import { answerIsRight, topAnswer, type TopAnswer } from './support/realworld-replay.js';

/**
 * The real-paste corpus of issue 11 (test/realworld/corpus/README.md): every labelled paste is
 * replayed in-process as `podmortem replay FILE` would, and its first finding is compared with
 * the cause the thread it came from arrived at. Accuracy is printed per cause, per format and for
 * events-only pastes, so a change that helps one kind of paste and hurts another shows.
 * The holdout (test/realworld/holdout/README.md) and the fresh set (test/realworld/fresh/README.md)
 * are replayed and tallied the same way, apart: they measured how the engine does on pastes it was
 * not tuned on (each is no longer unseen since the round that joined it here).
 */

interface CorpusLabel {
  readonly file: string;
  readonly format: string;
  readonly eventsOnly: boolean;
  readonly cause: string;
  readonly accept?: readonly string[];
}

interface Row extends CorpusLabel, TopAnswer {
  readonly right: boolean;
}

/**
 * Each set of real pastes, its bar and how many cases it must hold. The corpus's bar is issue 11's
 * (at least 90% top-1); the holdout's is the level it reached when it joined this test (47/47 =
 * 100%), so a change that loses one of its cases shows; the fresh set's likewise (41/43 since pod-only condition lists are read), with the cases it does
 * not read yet named and justified.
 */
const SETS: ReadonlyArray<{ name: string; folder: string; bar: number; atLeast: number; notYetRead?: Readonly<Record<string, string>> }> = [
  { name: 'real-world corpus', folder: 'test/realworld/corpus', bar: 0.9, atLeast: 60 },
  { name: 'holdout', folder: 'test/realworld/holdout', bar: 1, atLeast: 47 },
  // The fresh set (test/realworld/fresh/README.md) joined at 40/43 after its round; 41/43 since a YAML tail of pod conditions is read.
  {
    name: 'fresh',
    folder: 'test/realworld/fresh',
    bar: 0.95,
    atLeast: 43,
    notYetRead: {
      // Only get pods and get pvc rows: a PVC's rows are not read yet (no PVC in the incident model), and a pod Pending for 90s is no failure by itself.
      'd015-openebs-device-pvc-pending-pod-pending.txt': 'healthy',
    },
  },
  // Set E (test/realworld/unseen-e/README.md): 30/45 untuned, then the tuning set of its round: 45/45.
  { name: 'unseen E', folder: 'test/realworld/unseen-e', bar: 1, atLeast: 45 },
  // Set F (test/realworld/unseen-f/README.md): held out through E's round, 22/31 untuned and 23/31
  // after it (the honest figure); 24/31 once a cut Last State no longer reads as exit 0; 30/31 after
  // its own round (a bracketed shell prompt, a lone unnamed description under one pod's rows, rows of
  // several containers, and lines a web page glued together).
  {
    name: 'unseen F',
    folder: 'test/realworld/unseen-f',
    bar: 0.96,
    atLeast: 31,
    notYetRead: {
      // Only get pods rows: the Pending pod is 13s old, which shows no failure yet; the cause is in the page's prose.
      'f017-educative-go-demo-db-pending-12gi-request-get-pods.txt': 'healthy',
    },
  },
  // Set H (test/realworld/unseen-h/README.md): pod-level failures, 31/45 measured blind after F's
  // round, then the tuning set of its own round.
  {
    name: 'unseen H',
    folder: 'test/realworld/unseen-h',
    bar: 0.93,
    atLeast: 45,
    notYetRead: {
      // Only metadata with a foregroundDeletion finalizer: the paste shows no deletion and no status, so no failure; the cause is in the thread.
      'h031-tofu-tf-runner-foreground-finalizer-yaml.txt': 'healthy',
    },
  },
  // Set G (test/realworld/unseen-g/README.md): container-level failures, held out through H's round
  // (33/46 blind), then the tuning set of its own round.
  {
    name: 'unseen G',
    folder: 'test/realworld/unseen-g',
    bar: 0.95,
    atLeast: 46,
    notYetRead: {
      // Only kubectl logs refusing because the container is waiting to start (PodInitializing): a pod initializing shows no failure by itself.
      'g013-jenkins-chart-init-podinitializing-logs.txt': 'healthy',
      // A 0/1 Running row 3m28s old and a description cut above its containers: no probe, event or restart, and within the minutes a container may take to become ready.
      'g018-k8s-startup-probe-pod-not-ready-get-pod-describe-head.txt': 'healthy',
    },
  },
  // Set I (test/realworld/unseen-i/README.md): all causes, held out through G's and H's rounds:
  // 37/40 blind (the honest figure), 38/40 once event rows beside a header-less piece are read.
  {
    name: 'unseen I',
    folder: 'test/realworld/unseen-i',
    bar: 0.97,
    atLeast: 40,
    notYetRead: {
      // Pods Running 1/1 on a node that was powered off: the rows are as the API server still shows them, and no node state is pasted.
      'i017-poweroff-all-nodes-pods-still-running-watch-wide.txt': 'healthy',
    },
  },
  // Set K (test/realworld/unseen-k/README.md): non-GitHub sources, all causes: 26/30 measured
  // blind, then the tuning set of its own round.
  {
    name: 'unseen K',
    folder: 'test/realworld/unseen-k',
    bar: 0.96,
    atLeast: 30,
    notYetRead: {
      // A kernel audit line and an application's log, no kubectl output: the same.
      'k030-gitlab-chart-gitaly-apparmor-pgrep-probe-denied-logs.txt': 'refused',
    },
  },
  // Set J (test/realworld/unseen-j/README.md): GitHub, all causes, held out through K's round:
  // 36/44 measured blind, then the tuning set of its own round.
  {
    name: 'unseen J',
    folder: 'test/realworld/unseen-j',
    bar: 0.97,
    atLeast: 44,
  },
  // Set L (test/realworld/unseen-l/README.md): pages in other languages than English, held out
  // through J's round: 19/22 measured blind, then the tuning set of its own round.
  {
    name: 'unseen L',
    folder: 'test/realworld/unseen-l',
    bar: 0.95,
    atLeast: 22,
  },
  // Set M (test/realworld/unseen-m/README.md): GitHub, all causes, held out through L's round:
  // 36/39 measured blind, then the tuning set of its own round.
  {
    name: 'unseen M',
    folder: 'test/realworld/unseen-m',
    bar: 1,
    atLeast: 39,
  },
  // Sets N and O (test/realworld/unseen-n/README.md, unseen-o/README.md): GitHub, owners a-l and
  // m-z, collected in parallel and held out through M's round: 38/41 and 31/39 measured blind,
  // then the tuning set of their own round.
  {
    name: 'unseen N',
    folder: 'test/realworld/unseen-n',
    bar: 0.97,
    atLeast: 41,
  },
  { name: 'unseen O', folder: 'test/realworld/unseen-o', bar: 0.97, atLeast: 39 },
  // Sets P and Q (test/realworld/unseen-p/README.md, unseen-q/README.md): GitHub, collected in
  // parallel after N's and O's round, held out through it.
  // P: 35/39 measured blind, then the tuning set of its own round.
  {
    name: 'unseen P',
    folder: 'test/realworld/unseen-p',
    bar: 0.97,
    atLeast: 39,
    notYetRead: {
      // Only an application's own output (npm's start lines and its update-check box), no kubectl command, pod, state or error.
      'p022-kabanero-nodejs-npm-update-box-crashloop-logs.txt': 'refused',
    },
  },
  // Q: 31/38 measured blind on a checkout of tag blind-pq (the commit P was measured on), then the
  // tuning set of its own round.
  {
    name: 'unseen Q',
    folder: 'test/realworld/unseen-q',
    bar: 0.97,
    atLeast: 38,
  },
  // Set T (test/realworld/unseen-t/README.md): GitHub owners a-l, all causes: 28/39 measured blind
  // (every miss a program's log), then the tuning set of its own round: 38/39.
  { name: 'unseen T', folder: 'test/realworld/unseen-t', bar: 0.97, atLeast: 39 },
  // Set Z (test/realworld/unseen-z/README.md): one case (its collector was cut off), 0/1 measured
  // blind on main at 72c5081 before it was read.
  {
    name: 'unseen Z',
    folder: 'test/realworld/unseen-z',
    bar: 0,
    atLeast: 1,
    notYetRead: {
      // A Running row and a node description cut at its first condition (NetworkUnavailable False): the NotReady node is only in the thread's words.
      'z001-k8s-dashboard-running-on-notready-node-wide-row-node-describe.txt': 'healthy',
    },
  },
  // Set Y (test/realworld/unseen-y/README.md): GitHub owners a-l, collected after W's and X's round:
  // 37/38 measured blind on main at 1790946 (before any case was read), then 38/38 after its round.
  { name: 'unseen Y', folder: 'test/realworld/unseen-y', bar: 1, atLeast: 38 },
  // Set X (test/realworld/unseen-x/README.md): GitHub owners m-z, kubernetes, kubernetes-sigs: 36/39
  // measured blind on main at eb1ad82 (before any case was read; W's round was tuned on W alone),
  // then the tuning set of its own round: 39/39.
  {
    name: 'unseen X',
    folder: 'test/realworld/unseen-x',
    bar: 1,
    atLeast: 39,
  },
  // Set W (test/realworld/unseen-w/README.md): GitHub owners a-l, 30/36 measured blind on main at
  // fe8909d (before any case was read), then the tuning set of its own round: 36/36.
  {
    name: 'unseen W',
    folder: 'test/realworld/unseen-w',
    bar: 1,
    atLeast: 36,
  },
];

async function labelsOf(folder: string): Promise<CorpusLabel[]> {
  const dir = resolve(ROOT, folder);
  return Promise.all(
    (await readdir(dir))
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => readJson<CorpusLabel>(join(dir, name))),
  );
}

function percent(hits: number, cases: number): string {
  return cases === 0 ? '-' : `${((100 * hits) / cases).toFixed(1)}%`;
}

function tally(rows: readonly Row[], key: (row: Row) => string): string[] {
  const groups = new Map<string, { cases: number; hits: number }>();
  for (const row of rows) {
    const group = groups.get(key(row)) ?? { cases: 0, hits: 0 };
    group.cases += 1;
    group.hits += row.right ? 1 : 0;
    groups.set(key(row), group);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, g]) => `  ${name.padEnd(20)} ${String(g.hits).padStart(3)}/${String(g.cases).padEnd(3)} ${percent(g.hits, g.cases)}`);
}

function report(name: string, rows: readonly Row[]): string {
  const hits = rows.filter((r) => r.right).length;
  const misses = rows.filter((r) => !r.right).map((r) => `  MISS ${r.file}\n       want ${[r.cause, ...(r.accept ?? []).filter((a) => a !== r.cause)].join(' or ')}, got ${r.got}: ${r.detail}`);
  return [
    `${name}: top-1 ${hits}/${rows.length} = ${percent(hits, rows.length)}`,
    ...(misses.length ? ['misses:', ...misses] : []),
    'by cause:',
    ...tally(rows, (r) => r.cause),
    'by format:',
    ...tally(rows, (r) => r.format),
    'events only:',
    ...tally(rows, (r) => (r.eventsOnly ? 'events only' : 'with state')),
  ].join('\n');
}

describe.each(SETS)('the $name', async ({ name, folder, bar, atLeast, notYetRead = {} }) => {
  const labels = await labelsOf(folder);
  const rows: Row[] = [];
  for (const label of labels) {
    const answer = await topAnswer([join(resolve(ROOT, folder), label.file)]);
    rows.push({ ...label, ...answer, right: answerIsRight(answer.got, label) });
  }
  console.info(report(name, rows));

  it('has labelled cases to replay', () => {
    expect(labels.length).toBeGreaterThanOrEqual(atLeast);
  });

  it(`gives the labelled cause first for at least ${bar * 100}% of the pastes`, () => {
    const hits = rows.filter((r) => r.right).length;
    expect(hits / rows.length, report(name, rows)).toBeGreaterThanOrEqual(bar);
  });

  it.each(labels.map((l) => l.file))('%s is neither refused nor called healthy: its label names a failure', (file) => {
    const row = rows.find((r) => r.file === file);
    const answer = row?.got === 'refused' || row?.got === 'healthy' ? row.got : 'read and diagnosed';
    // A case listed as not yet read must be exactly that, so the list shrinks when a reader learns it.
    expect(answer === 'read and diagnosed' ? answer : `${answer}: ${row?.detail}`).toBe(notYetRead[file] ? `${notYetRead[file]}: ${row?.detail}` : 'read and diagnosed');
  });
});
