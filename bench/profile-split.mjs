// Splits a V8 CPU profile (`node --cpu-prof`) of a replay into where the time went: reading and
// parsing input, facts, rules (our engine code and json-rules-engine), the report, garbage
// collection, waiting on the disk, and start-up. Self time per sample, by the file of the frame.
// `node bench/profile-split.mjs FILE.cpuprofile [--top N]` prints the split and the top functions.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Where each module starts in an esbuild chunk: esbuild marks every module it inlines with a
 * `// dist/facts/compute.js` comment line, so a frame's line number names its original module.
 */
const chunkModules = new Map();
function moduleAt(url, lineNumber) {
  if (!/\/main-chunk-[^/]*\.js$|\/run-ui\.bundle\.js$|\/cli\/main\.js$/.test(url)) return url;
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

/** The category of a frame, from its script's URL (and, for builtins, its name). */
export function categoryOf(url, functionName) {
  if (functionName === '(garbage collector)') return 'garbage collection';
  if (functionName === '(idle)') return 'waiting for input (disk)';
  if (functionName === '(program)' || functionName === '(root)') return 'V8 and Node runtime';
  if (!url) return functionName === 'read' ? 'waiting for input (disk)' : 'V8 and Node runtime';
  if (/\/dist\/sources\/(deferred-pods|read-input)\.js$/.test(url) || /node:buffer$/.test(url)) return 'JSON.parse and decoding';
  if (/\/dist\/sources\//.test(url)) return 'reading: splitting, joining events';
  if (/\/dist\/facts\//.test(url)) return 'facts';
  if (/\/node_modules\/(json-rules-engine|clone|hash-it|eventemitter2|jsonpath-plus)\//.test(url)) return 'rules: json-rules-engine';
  if (/\/dist\/engine\//.test(url)) return 'rules: prefilter, evidence, templates, linking';
  if (/\/dist\/(report|cli)\//.test(url)) return 'report and output';
  if (/^node:internal\/(modules|vm)|\/node_modules\//.test(url)) return 'loading modules';
  return 'V8 and Node runtime';
}

export function profileSplit(profile) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const byCategory = new Map();
  const byFunction = new Map();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    const frame = nodes.get(id).callFrame;
    const { functionName, lineNumber } = frame;
    const url = moduleAt(frame.url, lineNumber);
    const category = categoryOf(url, functionName);
    byCategory.set(category, (byCategory.get(category) ?? 0) + dt);
    const name = `${functionName || '(anonymous)'} ${url.replace(/^.*\/(dist|node_modules)\//, '$1/')}:${lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + dt);
    total += dt;
  });
  const ranked = (map) => [...map].sort((a, b) => b[1] - a[1]).map(([name, us]) => ({ name, ms: us / 1000, share: us / total }));
  return { totalMs: total / 1000, categories: ranked(byCategory), functions: ranked(byFunction) };
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const [file, , top = '25'] = process.argv.slice(2);
  const split = profileSplit(JSON.parse(readFileSync(file, 'utf8')));
  const line = (row) => `${row.ms.toFixed(0).padStart(7)} ms ${(100 * row.share).toFixed(1).padStart(5)}%  ${row.name}`;
  process.stdout.write(`total ${split.totalMs.toFixed(0)} ms (profiled)\n${split.categories.map(line).join('\n')}\n\ntop functions:\n${split.functions.slice(0, Number(top)).map(line).join('\n')}\n`);
}
