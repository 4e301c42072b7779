// Splits V8 CPU profiles (`node --cpu-prof --cpu-prof-dir DIR`, which writes one file per thread:
// the main thread and each replay worker) of a replay into where the time went: reading and
// parsing input, redaction, facts, rules (our engine code and json-rules-engine), the report,
// messages between threads, garbage collection, waiting, and start-up. Self time per sample, by
// the file of the frame; the main thread and the worker threads (summed) apart.
// `node bench/profile-split.mjs DIR | FILE.cpuprofile... [--top N]` prints both splits and the top functions.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where each module starts in an esbuild chunk: esbuild marks every module it inlines with a
 * `// dist/facts/compute.js` comment line, so a frame's line number names its original module.
 */
const chunkModules = new Map();
function moduleAt(url, lineNumber) {
  if (!/\/main-chunk-[^/]*\.js$|\/run-ui\.bundle\.js$|\/cli\/main(-esm|\.bundle)?\.c?js$/.test(url)) return url;
  let starts = chunkModules.get(url);
  if (!starts) {
    starts = [];
    try {
      readFileSync(fileURLToPath(url), 'utf8')
        .split('\n')
        .forEach((line, index) => {
          const marker = /^\/\/ ((?:dist|node_modules)\/\S+\.[cm]?js)$/.exec(line);
          if (marker) starts.push([index, marker[1]]);
        });
    } catch {
      // The chunk is gone (rebuilt since): keep its own name.
    }
    chunkModules.set(url, starts);
  }
  let found = url;
  for (const [line, module] of starts) {
    if (line > lineNumber) break;
    found = `/${module}`;
  }
  return found;
}

/**
 * The category of a frame, from its script's URL (and, for builtins, its name). A builtin's time
 * (JSON.parse, a RegExp) counts for the function that called it, which is why the replay worker's
 * own frame is its parsing of each pod. Idle on the main thread is waiting for the disk; in a
 * worker, waiting for the main thread to send work.
 */
export function categoryOf(url, functionName, worker = false) {
  if (functionName === '(garbage collector)') return 'garbage collection';
  if (functionName === '(idle)') return worker ? 'idle: waiting for the main thread' : 'waiting for input (disk)';
  if (functionName === '(program)' || functionName === '(root)') return 'V8 and Node runtime';
  if (functionName === 'postMessage' || /^node:internal\/(worker|per_context\/messageport|event_target)/.test(url)) return 'messages between threads (structured clone)';
  if (!url) return functionName === 'read' ? 'waiting for input (disk)' : 'V8 and Node runtime';
  if (/\/dist\/sources\/(deferred-pods|read-input)\.js$/.test(url) || /\/dist\/cli\/replay-worker\.js$/.test(url) || /node:buffer$/.test(url)) return 'JSON.parse and decoding';
  if (/\/dist\/sources\/object-shapes\.js$|\/dist\/model\/json-depth\.js$/.test(url)) return 'shape checks';
  if (/\/dist\/sources\/redaction\/|\/dist\/model\/map-strings\.js$/.test(url)) return 'redaction (scrubbing each incident)';
  if (/\/dist\/sources\//.test(url)) return 'reading: splitting, joining events';
  if (/\/dist\/facts\//.test(url)) return 'facts';
  if (/\/node_modules\/(json-rules-engine|clone|hash-it|eventemitter2|jsonpath-plus)\//.test(url)) return 'rules: json-rules-engine';
  // Rules' `matches` patterns and log signatures run on re2js (linear time): matching, not loading.
  if (/\/node_modules\/re2js\//.test(url)) return 'regular expressions (re2js)';
  if (/\/dist\/engine\//.test(url)) return 'rules: prefilter, evidence, templates, linking';
  if (/\/dist\/(report|cli)\//.test(url)) return 'report and output';
  if (/^node:internal\/(modules|vm)|\/node_modules\//.test(url)) return 'loading modules';
  return 'V8 and Node runtime';
}

export function profileSplit(profile, { worker = false } = {}) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const byCategory = new Map();
  const byFunction = new Map();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    const frame = nodes.get(id).callFrame;
    const { functionName, lineNumber } = frame;
    const url = moduleAt(frame.url, lineNumber);
    const category = categoryOf(url, functionName, worker);
    byCategory.set(category, (byCategory.get(category) ?? 0) + dt);
    const name = `${functionName || '(anonymous)'} ${url.replace(/^.*\/(dist|node_modules)\//, '$1/')}:${lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + dt);
    total += dt;
  });
  const ranked = (map) => [...map].sort((a, b) => b[1] - a[1]).map(([name, us]) => ({ name, ms: us / 1000, share: us / total }));
  return { totalMs: total / 1000, categories: ranked(byCategory), functions: ranked(byFunction) };
}

/** A profile file's thread: `CPU.<date>.<time>.<pid>.<thread id>.<n>.cpuprofile`, thread 0 the main one. */
export function isWorkerProfile(file) {
  const parts = basename(file).split('.');
  return parts.length >= 6 && parts[parts.length - 3] !== '0';
}

/**
 * The split of every profile of one run: the main thread's, and the worker threads' summed (their
 * share is of all the workers' samples). `files`: each profile's path.
 */
export function runSplit(files) {
  const load = (file) => JSON.parse(readFileSync(file, 'utf8'));
  const mainFile = files.find((f) => !isWorkerProfile(f));
  const workerFiles = files.filter(isWorkerProfile);
  const main = mainFile ? profileSplit(load(mainFile)) : null;
  if (workerFiles.length === 0) return { main, workers: null, workerCount: 0 };
  const categories = new Map();
  const functions = new Map();
  let total = 0;
  for (const file of workerFiles) {
    const split = profileSplit(load(file), { worker: true });
    total += split.totalMs;
    for (const c of split.categories) categories.set(c.name, (categories.get(c.name) ?? 0) + c.ms);
    for (const f of split.functions) functions.set(f.name, (functions.get(f.name) ?? 0) + f.ms);
  }
  const ranked = (map) => [...map].sort((a, b) => b[1] - a[1]).map(([name, ms]) => ({ name, ms, share: ms / total }));
  return { main, workers: { totalMs: total, categories: ranked(categories), functions: ranked(functions) }, workerCount: workerFiles.length };
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const args = process.argv.slice(2);
  const topAt = args.indexOf('--top');
  const top = topAt >= 0 ? Number(args[topAt + 1]) : 25;
  const paths = args.filter((a, i) => a !== '--top' && i !== topAt + 1);
  const files = paths.flatMap((path) => (statSync(path).isDirectory() ? readdirSync(path).filter((f) => f.endsWith('.cpuprofile')).map((f) => join(path, f)) : [path]));
  const { main, workers, workerCount } = runSplit(files);
  const line = (row) => `${row.ms.toFixed(0).padStart(7)} ms ${(100 * row.share).toFixed(1).padStart(5)}%  ${row.name}`;
  const print = (title, split) => process.stdout.write(`${title}: ${split.totalMs.toFixed(0)} ms (profiled)\n${split.categories.map(line).join('\n')}\n\ntop functions:\n${split.functions.slice(0, top).map(line).join('\n')}\n\n`);
  if (main) print('main thread', main);
  if (workers) print(`${workerCount} worker threads`, workers);
}
