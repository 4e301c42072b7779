// npm run bench: generates inputs at several sizes, measures podmortem end to end and by phase,
// and writes BENCHMARKS.md. Every number in that file comes from this run.
import { execFileSync, spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem, release } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTemplates } from './generate.mjs';
import { liveScanStartup } from './live-start.mjs';
import { measureProcess, median } from './measure.mjs';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const CLI = join(ROOT, 'dist/cli/main.js');
const DATA = join(ROOT, 'bench/.data');
const SIZES = (process.env.BENCH_SIZES ?? '100,1000,10000,50000').split(',').map(Number);
const SEED = 42;

function runsFor(size) {
  return size >= 50000 ? 3 : size >= 10000 ? 5 : 7;
}

const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const ms = (value) => (value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(0)} ms`);

/** Time from spawning `podmortem gallery` in a pseudo-terminal to the first screen listing pods (its `1/N` position line). */
async function timeToFirstFrame(marker) {
  return new Promise((resolvePromise, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn('script', ['-qfec', `node ${CLI} gallery`, '/dev/null'], {
      env: { ...process.env, COLUMNS: '120', LINES: '40', TERM: 'xterm-256color' },
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    let output = '';
    let elapsed = null;
    // The program may already have quit when we send q; that is not an error of the benchmark.
    child.stdin.on('error', () => undefined);
    const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
    child.stdout.on('data', (chunk) => {
      output += chunk.toString();
      if (elapsed === null && marker.test(output.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, ''))) {
        elapsed = Number(process.hrtime.bigint() - started) / 1e6;
        child.stdin.write('q');
      }
    });
    // The next run starts only once this one has quit, so runs never compete for the CPU.
    child.on('exit', () => {
      clearTimeout(timer);
      if (elapsed === null) reject(new Error('no frame listing pods within 10 s'));
      else resolvePromise(elapsed);
    });
  });
}

async function main() {
  const templates = await loadTemplates(join(ROOT, 'fixtures'));
  // Start-up and the UI first: spawning from a process that already holds large inputs costs
  // more (its memory is copied into the child), which would be charged to podmortem.
  const oneFixture = join(ROOT, 'fixtures', templates[0]?.name ?? 'oom-killed-jvm');
  const single = await measureProcess([CLI, 'replay', oneFixture, '-o', 'json'], 11);
  const help = await measureProcess([CLI, '--help'], 11);
  const empty = await measureProcess(['-e', ''], 11);
  let firstFrame = 'not measured';
  try {
    const frames = [];
    for (let i = 0; i < 5; i++) frames.push(await timeToFirstFrame(/\b1\/\d+\s/));
    firstFrame = ms(median(frames));
  } catch (error) {
    firstFrame = `not measured (${error.message})`;
  }
  let selection = 'not measured';
  try {
    const { measureSelectionMove } = await import('./ui-bench.mjs');
    selection = ms(await measureSelectionMove(5000));
  } catch (error) {
    selection = `not measured (${error.message.split('\n')[0]})`;
  }

  const liveStart = await liveScanStartup(ROOT);

  const rows = [];
  for (const size of SIZES) {
    const dir = join(DATA, String(size));
    await mkdir(dir, { recursive: true });
    // Generation and the phase split run in processes of their own, so this one stays small:
    // a parent holding large inputs makes every spawn it measures slower.
    const generated = JSON.parse(execFileSync(process.execPath, [join(ROOT, 'bench/generate.mjs'), String(size), dir], { env: { ...process.env, BENCH_SEED: String(SEED) }, maxBuffer: 1 << 20 }).toString());
    const podsFile = join(dir, 'pods.json');
    const eventsFile = join(dir, 'events.json');
    const runs = runsFor(size);
    process.stderr.write(`bench: ${size} pods, ${generated.events} events, ${runs} runs...\n`);
    const whole = await measureProcess([CLI, 'replay', podsFile, eventsFile, '-o', 'json'], runs);
    const phases = JSON.parse(execFileSync(process.execPath, [join(ROOT, 'bench/phases.mjs'), String(Math.min(runs, 3)), podsFile, eventsFile], { maxBuffer: 1 << 20 }).toString());
    rows.push({ size, events: generated.events, inputMb: generated.bytes / 2 ** 20, whole, phases });
    process.stderr.write(`bench:   wall ${ms(whole.wallMs)}, peak RSS ${mb(whole.rss)}, parse ${ms(phases.parseMs)}, facts ${ms(phases.factsMs)}, rules ${ms(phases.rulesMs)}, render ${ms(phases.renderMs)}\n`);
  }

  const by = Object.fromEntries(rows.map((r) => [r.size, r]));
  const ratio = by[50000] && by[10000] ? (by[50000].whole.wallMs / by[10000].whole.wallMs).toFixed(2) : 'n/a';
  const target10k = by[10000] ? `${ms(by[10000].whole.wallMs)} wall (target < 2 s), ${mb(by[10000].whole.rss)} peak RSS (target < 600 MB)` : 'n/a';

  const lines = [
    '# Benchmarks',
    '',
    `Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}. Every figure below was written by that run; none is typed in.`,
    '',
    '## Machine',
    '',
    `- ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB memory, Linux ${release()}`,
    `- Node ${process.version}`,
    '',
    '## Method',
    '',
    `- Inputs: \`bench/generate.mjs\`, seed ${SEED}: a \`kubectl get pods -o json\` List and a \`kubectl get events -o json\` List. About 30% of pods fail, each a clone (new name, uid, namespace) of one of the ${templates.length} bundled fixture incidents, so every failure mode the fixtures cover appears, with its own events padded to about ten with routine kubelet/scheduler events; the rest are healthy Deployment pods with probes and limits and no recent events.`,
    '- Whole process: `node dist/cli/main.js replay pods.json events.json -o json`, spawn to exit, stdout discarded; peak RSS is the process\'s own `maxRSS`, reported at exit by a preloaded hook (`bench/rss-hook.mjs`). Median of several runs (column "runs").',
    '- Phases: the same inputs in-process: parsing = reading files, JSON.parse, joining events (`loadReplay`); facts = time inside fact computations (facts are computed lazily when a rule first reads them, so each fact computation is wrapped with a clock, which adds a little overhead of its own); rules = the rest of `diagnose()` (prefilter, json-rules-engine runs, evidence, templates, linking); rendering = ranking and `-o json`. Median of up to three passes.',
    '- Cold starts: `replay` of one fixture and `--help`, median of 11 runs, next to an empty `node -e ""` for the floor.',
    '- UI: time from spawning `podmortem gallery` in a pseudo-terminal (`script`) until the first frame that lists the pods (not the loading spinner before it); median of 5. Selection move: re-render time after one down-arrow in a 5,000-pod list (in-process, ink-testing-library).',
    '',
    '## Results',
    '',
    '| pods | events | input | runs | wall (median) | peak RSS | parse | facts | rules | render | unhealthy pods |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.size.toLocaleString('en')} | ${r.events.toLocaleString('en')} | ${r.inputMb.toFixed(1)} MB | ${r.whole.runs} | ${ms(r.whole.wallMs)} | ${mb(r.whole.rss)} | ${ms(r.phases.parseMs)} | ${ms(r.phases.factsMs)} | ${ms(r.phases.rulesMs)} | ${ms(r.phases.renderMs)} | ${r.phases.unhealthy.toLocaleString('en')} |`,
    ),
    '',
    '| start-up | median |',
    '|---|---:|',
    `| \`replay\` one fixture \`-o json\` (target < 350 ms) | ${ms(single.wallMs)} |`,
    `| \`--help\` (target < 150 ms) | ${ms(help.wallMs)} |`,
    `| empty \`node -e ""\` (floor) | ${ms(empty.wallMs)} |`,
    `| UI first frame on the gallery (target < 500 ms) | ${firstFrame} |`,
    `| UI selection move in a 5,000-pod list (target < 30 ms) | ${selection} |`,
    '',
    ...liveStart,
    '## How cost grows',
    '',
    `- 10,000 pods: ${target10k}.`,
    `- 50,000 / 10,000 wall-time ratio: ${ratio} (target at most 5.5; 5.0 is linear).`,
    ...rows.slice(1).map((r, i) => `- ${rows[i].size.toLocaleString('en')} → ${r.size.toLocaleString('en')} pods: wall x${(r.whole.wallMs / rows[i].whole.wallMs).toFixed(2)}, RSS x${(r.whole.rss / rows[i].whole.rss).toFixed(2)}.`),
    '',
  ];
  await writeFile(join(ROOT, 'BENCHMARKS.md'), lines.join('\n'));
  process.stdout.write(lines.join('\n'));
}

main().catch((error) => {
  process.stderr.write(`bench: ${error.stack ?? error}\n`);
  process.exitCode = 1;
});
