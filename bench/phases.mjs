// The split of one replay between parsing, fact extraction, rule evaluation and rendering,
// measured in-process on the same inputs the whole-process runs use.
import { loadReplay } from '../dist/sources/load-replay.js';
import { CONTAINER_FACT_DEFINITIONS, POD_FACT_DEFINITIONS } from '../dist/facts/catalog.js';
import { createDiagnoser } from '../dist/engine/diagnose.js';
import { buildRuleSet } from '../dist/engine/rule-set.js';
import { builtInRuleFiles, loadRuleValidator } from '../dist/sources/rule-files.js';
import { rankPods } from '../dist/report/rank-pods.js';
import { renderJson } from '../dist/report/json-report.js';
import { median, timeAsync } from './measure.mjs';

// Facts are computed lazily inside diagnose(), when a rule first reads them; to split the time,
// every fact's compute function is wrapped with a clock for the duration of the benchmark.
let factNs = 0n;
for (const def of [...POD_FACT_DEFINITIONS, ...CONTAINER_FACT_DEFINITIONS]) {
  const compute = def.compute;
  def.compute = (ctx) => {
    const started = process.hrtime.bigint();
    try {
      return compute(ctx);
    } finally {
      factNs += process.hrtime.bigint() - started;
    }
  };
}

async function onePass(files, diagnoser) {
  const parse = await timeAsync(() => loadReplay(files));
  const incidents = parse.value.incidents;
  factNs = 0n;
  const diagnose = await timeAsync(async () => {
    const out = [];
    for (const incident of incidents) out.push(await diagnoser.diagnose(incident));
    return out;
  });
  const factsMs = Number(factNs) / 1e6;
  const render = await timeAsync(async () => renderJson(rankPods(diagnose.value)));
  return {
    parseMs: parse.ms,
    factsMs,
    // What diagnose() costs beyond computing facts: prefilter, json-rules-engine, evidence, linking.
    rulesMs: Math.max(0, diagnose.ms - factsMs),
    renderMs: render.ms,
    findings: diagnose.value.reduce((n, d) => n + d.findings.length, 0),
    unhealthy: diagnose.value.filter((d) => d.findings.length).length,
  };
}

export async function measurePhases(files, runs) {
  const rules = buildRuleSet(await builtInRuleFiles(), await loadRuleValidator());
  const diagnoser = createDiagnoser(rules.rules);
  const passes = [];
  for (let i = 0; i < runs; i++) passes.push(await onePass(files, diagnoser));
  const pick = (key) => median(passes.map((p) => p[key]));
  return { parseMs: pick('parseMs'), factsMs: pick('factsMs'), rulesMs: pick('rulesMs'), renderMs: pick('renderMs'), findings: passes[0].findings, unhealthy: passes[0].unhealthy, rules: rules.rules.length };
}

/** `node bench/phases.mjs RUNS FILE...`: prints the phase split as JSON, measured in a process of its own. */
if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const [runs, ...files] = process.argv.slice(2);
  process.stdout.write(JSON.stringify(await measurePhases(files, Number(runs))));
}
