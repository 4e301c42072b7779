// The split of one replay between parsing, fact extraction, rule evaluation and rendering,
// measured in-process on the same inputs the whole-process runs use.
import { loadReplay } from '../dist/sources/load-replay.js';
import { computeFacts } from '../dist/facts/compute.js';
import { createDiagnoser } from '../dist/engine/diagnose.js';
import { buildRuleSet } from '../dist/engine/rule-set.js';
import { RuleValidator } from '../dist/engine/validate-rule.js';
import { builtInRuleFiles, readRuleSchema } from '../dist/sources/rule-files.js';
import { rankPods } from '../dist/report/rank-pods.js';
import { renderJson } from '../dist/report/json-report.js';
import { median, timeAsync } from './measure.mjs';

async function onePass(files, diagnoser) {
  const parse = await timeAsync(() => loadReplay(files));
  const incidents = parse.value.incidents;
  const facts = await timeAsync(async () => {
    for (const incident of incidents) computeFacts(incident);
  });
  const diagnose = await timeAsync(async () => {
    const out = [];
    for (const incident of incidents) out.push(await diagnoser.diagnose(incident));
    return out;
  });
  const render = await timeAsync(async () => renderJson(rankPods(diagnose.value)));
  return {
    parseMs: parse.ms,
    factsMs: facts.ms,
    // diagnose() computes facts itself; what it costs beyond them is rule evaluation and findings.
    rulesMs: Math.max(0, diagnose.ms - facts.ms),
    renderMs: render.ms,
    findings: diagnose.value.reduce((n, d) => n + d.findings.length, 0),
    unhealthy: diagnose.value.filter((d) => d.findings.length).length,
  };
}

export async function measurePhases(files, runs) {
  const rules = buildRuleSet(await builtInRuleFiles(), new RuleValidator(await readRuleSchema()));
  const diagnoser = createDiagnoser(rules.rules);
  const passes = [];
  for (let i = 0; i < runs; i++) passes.push(await onePass(files, diagnoser));
  const pick = (key) => median(passes.map((p) => p[key]));
  return { parseMs: pick('parseMs'), factsMs: pick('factsMs'), rulesMs: pick('rulesMs'), renderMs: pick('renderMs'), findings: passes[0].findings, unhealthy: passes[0].unhealthy, rules: rules.rules.length };
}
