// npm run bench [-- --no-huge] [-- --sizes 1000,10000] [-- --no-live] [-- --no-ui]
//
// Measures podmortem against the floor of what any tool reading the same input pays (read the
// files, JSON.parse them) in the same run, pair by pair, and writes BENCHMARKS.md with every
// goal of issue 15, its figure and the floor beside it. Every number in that file comes from
// the run that wrote it, the 200,000-pod case (about 2 GB of kubectl JSON, generated once into
// bench/.data) included: --no-huge leaves it out for a quicker run that cannot report its goals.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, loadavg, release, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { measurePair, median } from './measure.mjs';
import { runSplit } from './profile-split.mjs';

/** How busy the machine was when the run began (the 1-minute load average). */
const LOAD_AT_START = loadavg()[0];

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const CLI = join(ROOT, 'dist/cli/main.js');
const FLOOR = join(ROOT, 'bench/floor.mjs');
const DATA = join(ROOT, 'bench/.data');
const SEED = 42;
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
// --huge, which used to add the 200,000-pod case, is still taken: that case is run by default now.
const HUGE = !flag('--no-huge');
const SIZES = (option('--sizes') ?? `1000,10000,50000${HUGE ? ',200000' : ''}`).split(',').map(Number);
/** Above this, the floor cannot run: V8 cannot hold the pods file as one string (about 512 MiB). */
const V8_STRING_LIMIT = 2 ** 29 - 24;

const GOALS = { fleetWall: 2.5, fleetRss: 1.5, hugeRssBytes: 2 * 2 ** 30, exponent: 1.0, onePod: 2.5, help: 1.3, liveScanMs: 5000, liveStartMs: 400 };

function runsFor(size) {
  return size >= 200000 ? 1 : size >= 50000 ? 3 : 5;
}

const mib = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const mb = (bytes) => `${(bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0)} MB`;
const secs = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const times = (ratio) => `${ratio.toFixed(2)}x`;
const verdict = (ok) => (ok ? 'met' : '**not met**');
const log = (line) => process.stderr.write(`bench: ${line}\n`);

/** What decides the generated files: the generator, its seed and the fixtures it clones. */
async function dataStamp(size) {
  const hash = createHash('sha256');
  hash.update(await readFile(join(ROOT, 'bench/generate.mjs')));
  for (const entry of (await readdir(join(ROOT, 'fixtures'), { recursive: true })).sort()) {
    const path = join(ROOT, 'fixtures', entry);
    if ((await stat(path)).isFile()) hash.update(entry).update(await readFile(path));
  }
  return `${size}-${SEED}-${hash.digest('hex').slice(0, 16)}`;
}

/** The inputs for `size` pods, generated once and kept in bench/.data while the generator and fixtures stay the same. */
async function inputsFor(size) {
  const dir = join(DATA, String(size));
  const stampFile = join(dir, 'stamp.json');
  const stamp = await dataStamp(size);
  const kept = JSON.parse(await readFile(stampFile, 'utf8').catch(() => 'null'));
  if (kept?.stamp === stamp) return { dir, ...kept.written };
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  log(`generating ${size.toLocaleString('en')} pods...`);
  const started = Date.now();
  const out = execFileSync(process.execPath, [join(ROOT, 'bench/generate.mjs'), String(size), dir], { env: { ...process.env, BENCH_SEED: String(SEED) }, maxBuffer: 1 << 20 });
  const written = { ...JSON.parse(out.toString()), generatedMs: Date.now() - started };
  await writeFile(stampFile, JSON.stringify({ stamp, written }));
  return { dir, ...written };
}

/** One replay under the V8 profiler (every thread: --cpu-prof profiles the workers too): where the time goes, by category. */
async function profileOf(files) {
  const dir = await mkdtemp(join(tmpdir(), 'podmortem-profile-'));
  try {
    execFileSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, CLI, 'replay', ...files, '-o', 'json'], { stdio: ['ignore', 'ignore', 'inherit'] });
    return runSplit((await readdir(dir)).map((file) => join(dir, file)));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Time from spawning `podmortem gallery` in a pseudo-terminal to the first screen listing pods. */
async function timeToFirstFrame(marker) {
  return new Promise((resolvePromise, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn('script', ['-qfec', `node ${CLI} gallery`, '/dev/null'], {
      env: { ...process.env, COLUMNS: '120', LINES: '40', TERM: 'xterm-256color' },
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    let output = '';
    let elapsed = null;
    child.stdin.on('error', () => undefined);
    const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
    child.stdout.on('data', (chunk) => {
      output += chunk.toString();
      if (elapsed === null && marker.test(output.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, ''))) {
        elapsed = Number(process.hrtime.bigint() - started) / 1e6;
        child.stdin.write('q');
      }
    });
    child.on('exit', () => {
      clearTimeout(timer);
      if (elapsed === null) reject(new Error('no frame listing pods within 10 s'));
      else resolvePromise(elapsed);
    });
  });
}

async function measureUi() {
  const ui = { firstFrame: 'not measured', selection: 'not measured' };
  try {
    const frames = [];
    for (let i = 0; i < 5; i++) frames.push(await timeToFirstFrame(/\b1\/\d+\s/));
    ui.firstFrame = secs(median(frames));
  } catch (error) {
    ui.firstFrame = `not measured (${error.message})`;
  }
  try {
    const { measureSelectionMove } = await import('./ui-bench.mjs');
    ui.selection = secs(await measureSelectionMove(5000));
  } catch (error) {
    ui.selection = `not measured (${error.message.split('\n')[0]})`;
  }
  return ui;
}

/** A single pod as `kubectl get pod NAME -o json` prints it, from the first fixture. */
async function onePodJson() {
  const file = join(DATA, 'one-pod.json');
  const pod = parseYaml(await readFile(join(ROOT, 'fixtures/oom-killed-jvm/pod.yaml'), 'utf8'));
  await mkdir(DATA, { recursive: true });
  await writeFile(file, `${JSON.stringify(pod, null, 4)}\n`);
  return file;
}

async function main() {
  const began = Date.now();
  // Start-up first, while this process is small: spawning from a large parent costs more.
  log('start-up: one pod, one fixture folder, --help, each against node -e 0...');
  const empty = ['-e', '0'];
  const startup = {
    onePod: await measurePair([CLI, 'replay', await onePodJson(), '-o', 'json'], empty, 15),
    fixture: await measurePair([CLI, 'replay', join(ROOT, 'fixtures/oom-killed-jvm'), '-o', 'json'], empty, 15),
    help: await measurePair([CLI, '--help'], empty, 15),
  };
  const ui = flag('--no-ui') ? { firstFrame: 'not measured (--no-ui)', selection: 'not measured (--no-ui)' } : await measureUi();

  const rows = [];
  for (const size of SIZES) {
    const input = await inputsFor(size);
    const files = [join(input.dir, 'pods.json'), join(input.dir, 'events.json')];
    const floorRuns = input.podsBytes <= V8_STRING_LIMIT && input.eventsBytes <= V8_STRING_LIMIT;
    const runs = runsFor(size);
    log(`${size.toLocaleString('en')} pods (${mb(input.bytes)}), ${runs} run${runs > 1 ? 's' : ''} each against the floor...`);
    const pair = await measurePair([CLI, 'replay', ...files, '-o', 'json'], floorRuns ? [FLOOR, ...files] : null, runs, { warmup: size >= 200000 ? 0 : 1 });
    rows.push({ size, input, pair, floorRuns });
    log(`  podmortem ${secs(pair.a.wallMs)} ${mib(pair.a.rss)}${pair.b ? `, floor ${secs(pair.b.wallMs)} ${mib(pair.b.rss)}, ratio ${times(pair.ratio.wallMs)} wall, ${times(pair.ratio.rss)} RSS` : ''}`);
  }
  const tenK = rows.find((r) => r.size === 10000);
  const profile = tenK ? await profileOf([join(tenK.input.dir, 'pods.json'), join(tenK.input.dir, 'events.json')]) : null;

  let live = { figure: 'not measured (--no-live)', start: { figure: 'not measured (--no-live)' } };
  if (!flag('--no-live')) {
    const { measureLiveScan } = await import('./live-scan.mjs');
    live = await measureLiveScan({ pods: 10000, log });
    log(`live scan: ${live.ms === undefined ? live.figure : `${secs(live.ms)}, ${live.requests} requests`}`);
  }
  const tookMs = Date.now() - began;
  const text = report({ startup, ui, rows, profile, live, tookMs });
  await writeFile(join(ROOT, 'BENCHMARKS.md'), text);
  process.stdout.write(text);
}

/** The start-up part of the live section (issue 14): scan -A of the suite's seeded pods against the floor, kubectl, and the client podmortem no longer loads. */
function liveStartLines(start) {
  if (start.scan === undefined) return [`Start-up: ${start.figure}.`, ''];
  return [
    `Start-up, \`podmortem scan -A -o json\` of the ${start.pods} pods the cluster suite seeds (\`test/cluster/seed.mjs\`) against its kube-apiserver on loopback, whole process, spawn to exit, ${start.runs} pairs with \`node -e 0\`:`,
    '',
    '| command | median | note |',
    '|---|---:|---|',
    `| \`podmortem scan -A -o json\`, ${start.pods} pods | ${secs(start.scan.wallMs)} | fastest of 3 more: ${secs(start.fastestMs)}; peak RSS ${mib(start.scan.rss)}; ${times(start.ratio.wallMs)} the floor |`,
    `| \`node -e 0\` (floor) | ${secs(start.floor.wallMs)} | |`,
    start.kubectl ? `| \`kubectl get pods -A -o json\` (the suite's kubectl, Go) | ${secs(start.kubectl.median)} | fastest ${secs(start.kubectl.min)} |` : '| `kubectl get pods -A -o json` | not measured (no kubectl in the suite\'s env) | |',
    `| \`import('@kubernetes/client-node')\` alone, no request | ${secs(start.clientNode.wallMs)} | what every live command loaded before it read kubeconfigs itself; now loaded only for oidc/gcp/azure auth providers and SOCKS/HTTPS proxies |`,
    '',
  ];
}

/** The profile section: the worker threads' split (where a fleet's work is done), then the main thread's. */
function profileLines(profile) {
  if (!profile?.main) return ['Not profiled in this run (no 10,000-pod size).'];
  const table = (split) => ['| share | time | what |', '|---:|---:|---|', ...split.categories.map((c) => `| ${(100 * c.share).toFixed(1)}% | ${secs(c.ms)} | ${c.name} |`)];
  const heaviest = (split, n) => ['Heaviest functions:', '', ...split.functions.slice(0, n).map((f) => `- ${secs(f.ms)} ${f.name}`)];
  const lines = [
    `One replay of the 10,000-pod input under \`node --cpu-prof --cpu-prof-dir\`, which profiles every thread (the profiler slows it down), self time by what the code does (\`node bench/profile-split.mjs DIR\`; a builtin's time, JSON.parse or a RegExp, counts for the function that called it).`,
    '',
  ];
  if (profile.workers) {
    lines.push(`${profile.workerCount === 1 ? 'The worker thread' : `The ${profile.workerCount} worker threads`}, where each pod is parsed, scrubbed, diagnosed and rendered (${secs(profile.workers.totalMs)} of samples, summed):`, '', ...table(profile.workers), '', ...heaviest(profile.workers, 15), '');
  }
  lines.push(`The main thread (${secs(profile.main.totalMs)} of samples), which reads the files, joins events and writes the report:`, '', ...table(profile.main), '', ...heaviest(profile.main, 8));
  return lines;
}

function report({ startup, ui, rows, profile, live, tookMs }) {
  const by = Object.fromEntries(rows.map((r) => [r.size, r]));
  const exponent = (from, to) => (by[from] && by[to] ? Math.log(by[to].pair.a.wallMs / by[from].pair.a.wallMs) / Math.log(to / from) : null);
  const goals = [];
  for (const size of [10000, 50000]) {
    const r = by[size];
    if (!r) {
      goals.push([`${size.toLocaleString('en')} pods: wall <= ${GOALS.fleetWall}x the floor, peak RSS <= ${GOALS.fleetRss}x`, 'not measured', '', '']);
      continue;
    }
    goals.push([`${size.toLocaleString('en')} pods: wall <= ${GOALS.fleetWall}x the floor`, `${secs(r.pair.a.wallMs)}`, `${secs(r.pair.b.wallMs)}`, `${times(r.pair.ratio.wallMs)}: ${verdict(r.pair.ratio.wallMs <= GOALS.fleetWall)}`]);
    goals.push([`${size.toLocaleString('en')} pods: peak RSS <= ${GOALS.fleetRss}x the floor's`, mib(r.pair.a.rss), mib(r.pair.b.rss), `${times(r.pair.ratio.rss)}: ${verdict(r.pair.ratio.rss <= GOALS.fleetRss)}`]);
  }
  const huge = by[200000];
  goals.push(
    huge
      ? ['200,000 pods diagnosed, peak RSS < 2 GiB', `${secs(huge.pair.a.wallMs)}, ${mib(huge.pair.a.rss)}`, `cannot run: pods.json is ${mb(huge.input.podsBytes)}, over V8's string limit`, verdict(huge.pair.a.rss < GOALS.hugeRssBytes)]
      : ['200,000 pods diagnosed, peak RSS < 2 GiB', 'not measured in this run (npm run bench without --no-huge)', '', ''],
  );
  for (const [from, to] of [
    [10000, 50000],
    [50000, 200000],
  ]) {
    const e = exponent(from, to);
    goals.push([`growth exponent ${from / 1000}k -> ${to / 1000}k <= ${GOALS.exponent.toFixed(1)} (wall ~ pods^e)`, e === null ? 'not measured in this run' : e.toFixed(2), '', e === null ? '' : verdict(e <= GOALS.exponent)]);
  }
  goals.push([`one pod (kubectl get pod -o json) <= ${GOALS.onePod}x node's start`, secs(startup.onePod.a.wallMs), `${secs(startup.onePod.b.wallMs)} (node -e 0)`, `${times(startup.onePod.ratio.wallMs)}: ${verdict(startup.onePod.ratio.wallMs <= GOALS.onePod)}`]);
  goals.push([`one fixture folder (YAML, events, log) <= ${GOALS.onePod}x node's start`, secs(startup.fixture.a.wallMs), `${secs(startup.fixture.b.wallMs)} (node -e 0)`, `${times(startup.fixture.ratio.wallMs)}: ${verdict(startup.fixture.ratio.wallMs <= GOALS.onePod)}`]);
  goals.push([`--help <= ${GOALS.help}x node's start`, secs(startup.help.a.wallMs), `${secs(startup.help.b.wallMs)} (node -e 0)`, `${times(startup.help.ratio.wallMs)}: ${verdict(startup.help.ratio.wallMs <= GOALS.help)}`]);
  const start = live.start;
  goals.push(
    start.scan === undefined
      ? [`live scan of the cluster suite's 10 pods < ${GOALS.liveStartMs} ms end to end (issue 14)`, start.figure, '', '']
      : [`live scan -A of the cluster suite's ${start.pods} pods < ${GOALS.liveStartMs} ms end to end (issue 14)`, secs(start.scan.wallMs), `${secs(start.floor.wallMs)} (node -e 0)`, `${times(start.ratio.wallMs)}: ${verdict(start.scan.wallMs < GOALS.liveStartMs)}`],
  );
  goals.push(live.ms === undefined ? ['live scan -A of 10,000 pods < 5 s, paged, bounded requests', live.figure, '', ''] : [`live scan -A of ${live.pods.toLocaleString('en')} pods < 5 s, paged, bounded requests`, `${secs(live.ms)}, ${live.requests} requests (${live.pageRequests} pages of pods and events)`, '', verdict(live.ms < GOALS.liveScanMs)]);

  const lines = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench${HUGE ? '' : ' -- --no-huge'}\` on ${new Date().toISOString().slice(0, 10)}; the run took ${secs(tookMs)}. Every figure below was measured by that run, podmortem and its floor in the same run, pair by pair.`,
    '',
    '## Machine',
    '',
    `- ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB memory, Linux ${release()}; shared with other work, so single figures vary: ratios are taken pair by pair.`,
    `- Node ${process.version}`,
    `- Load average (1 min) when the run began ${LOAD_AT_START.toFixed(1)}, when it ended ${loadavg()[0].toFixed(1)}: above the ${cpus().length} cores, every process waits for a core and wall times grow with the load (CPU times and pair-by-pair ratios much less).`,
    '',
    '## Goals (issue 15)',
    '',
    '| goal | podmortem | floor | ratio / result |',
    '|---|---:|---:|---|',
    ...goals.map((g) => `| ${g.join(' | ')} |`),
    '',
    '## Fleets',
    '',
    'podmortem = `podmortem replay pods.json events.json -o json` (stdout discarded), floor = `node bench/floor.mjs pods.json events.json` (read each file into a string and `JSON.parse` it). Ratios are the median of podmortem / floor over pairs run in turn.',
    '',
    '| pods | events | input | runs | podmortem wall | floor wall | podmortem / floor (wall) | peak RSS (podmortem / floor) | RSS ratio |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => {
      const floor = r.pair.b;
      return `| ${r.size.toLocaleString('en')} | ${r.input.events.toLocaleString('en')} | ${mb(r.input.bytes)} | ${r.pair.runs} | ${secs(r.pair.a.wallMs)} | ${floor ? secs(floor.wallMs) : 'cannot run'} | ${floor ? times(r.pair.ratio.wallMs) : 'n/a'} | ${mib(r.pair.a.rss)} / ${floor ? mib(floor.rss) : 'n/a'} | ${floor ? times(r.pair.ratio.rss) : 'n/a'} |`;
    }),
    '',
    'CPU time (user + system, all threads) for the same runs: ' +
      rows.map((r) => `${r.size.toLocaleString('en')} pods ${secs(r.pair.a.cpuMs)}${r.pair.b ? ` vs ${secs(r.pair.b.cpuMs)} (${times(r.pair.ratio.cpuMs)})` : ''}`).join('; ') +
      '.',
    '',
    '### How cost grows',
    '',
    ...rows.slice(1).map((r, i) => {
      const prev = rows[i];
      const e = Math.log(r.pair.a.wallMs / prev.pair.a.wallMs) / Math.log(r.size / prev.size);
      return `- ${prev.size.toLocaleString('en')} -> ${r.size.toLocaleString('en')} pods: wall x${(r.pair.a.wallMs / prev.pair.a.wallMs).toFixed(2)} for x${(r.size / prev.size).toFixed(0)} pods (exponent ${e.toFixed(2)}), peak RSS x${(r.pair.a.rss / prev.pair.a.rss).toFixed(2)}.`;
    }),
    '',
    '## Where the time goes (10,000 pods)',
    '',
    ...profileLines(profile),
    '',
    '## Start-up',
    '',
    '| command | podmortem | node -e 0 | ratio |',
    '|---|---:|---:|---:|',
    `| \`replay pod.json -o json\` (one pod, kubectl JSON) | ${secs(startup.onePod.a.wallMs)} | ${secs(startup.onePod.b.wallMs)} | ${times(startup.onePod.ratio.wallMs)} |`,
    `| \`replay fixtures/oom-killed-jvm -o json\` (pod and events YAML, a log) | ${secs(startup.fixture.a.wallMs)} | ${secs(startup.fixture.b.wallMs)} | ${times(startup.fixture.ratio.wallMs)} |`,
    `| \`--help\` | ${secs(startup.help.a.wallMs)} | ${secs(startup.help.b.wallMs)} | ${times(startup.help.ratio.wallMs)} |`,
    '',
    `UI: first frame of the gallery ${ui.firstFrame} (target < 500 ms); selection move in a 5,000-pod list ${ui.selection} (target < 30 ms).`,
    '',
    '## Live scan',
    '',
    ...liveStartLines(start),
    live.ms === undefined
      ? live.figure
      : `\`podmortem scan -A -o json\` against the test control plane (test/cluster: kube-apiserver and etcd built from Go modules) seeded with ${live.pods.toLocaleString('en')} pods in ${live.namespaces} namespaces (half failing, with their events): ${secs(live.ms)} median of ${live.runs} (min ${secs(live.minMs)}), ${live.requests} API requests counted in the audit log, lists read in pages of ${live.pageSize} (limit/continue): ${live.pageRequests} page requests for pods and events.`,
    '',
    '## Method',
    '',
    `- Inputs: \`bench/generate.mjs\`, seed ${SEED}, written item by item (any size): a \`kubectl get pods -A -o json\` List and a \`kubectl get events -A -o json\` List, keys in kubectl's order (kind after items), 2-space indentation. Half the pods fail, each a clone of one of the bundled fixture incidents (every failure mode they cover) with its events; the other half are healthy Deployment pods, 30% of them started within the hour with their four start events. About 7 KB per pod and 3 events per pod, as the fleet generator of issue 15.`,
    '- Whole processes, spawn to exit; peak RSS and CPU time are the process\'s own, reported at exit by a preloaded hook (`bench/rss-hook.mjs`). One warm-up pair, then the pairs counted.',
    `- The floor cannot run above V8's string limit (about 512 MiB per file): the 200,000-pod pods file is larger, which is why podmortem streams it.`,
    '- `npm run bench` takes about 3.5 minutes on this machine (2 cores), the first run longer (it generates the inputs, 2.4 GB in `bench/.data`, and, for the live scan, builds the control plane). `-- --no-huge` leaves out the 200,000-pod case (about 1.5 minutes less, and its two goals unreported), `-- --no-live` skips the live scan (no Go needed), `-- --no-ui` the UI figures.',
    '',
  ];
  return lines.join('\n');
}

main().catch((error) => {
  process.stderr.write(`bench: ${error.stack ?? error}\n`);
  process.exitCode = 1;
});
