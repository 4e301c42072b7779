import { constants } from 'node:fs';
import { copyFile, mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { createDiagnoser } from '../../engine/diagnose.js';
import { formatRuleProblem } from '../../engine/rule-problem.js';
import type { RuleFileInput } from '../../engine/rule-set.js';
import type { ExpectedFinding, TestCase } from '../../engine/test-case.js';
import { InputError } from '../../sources/input-error.js';
import { loadReplay, TEST_CASE_FILE } from '../../sources/load-replay.js';
import { builtInRuleFiles } from '../../sources/rule-files.js';
import { describeConditions } from '../describe-conditions.js';
import { diagnoseAll } from '../diagnose-all.js';
import { buildRules } from '../load-rules.js';
import { PACK_LAYER, packUnderTest } from '../pack-under-test.js';
import { incidentsToDiagnose } from '../replay-incidents.js';
import { RULE_COMMAND_OPTIONS } from '../rule-command-options.js';
import { chooseContainer, draftRule } from '../scaffold-rule.js';
import { UsageError } from '../usage-error.js';
import { printOut } from '../print.js';

const ID = /^[a-z0-9][a-z0-9-]*$/;

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** The evidence files to copy: the file itself, or every file of the folder but its test manifest. */
async function evidenceFiles(from: string): Promise<string[]> {
  if (!(await stat(from)).isDirectory()) return [from];
  const entries = await readdir(from, { withFileTypes: true });
  return entries.filter((e) => !e.isDirectory() && e.name !== TEST_CASE_FILE).map((e) => join(from, e.name)).sort();
}

/** The pack in DIR so far (when it exists) over the built-ins: what the new rule joins. */
async function currentPack(dir: string): Promise<RuleFileInput[]> {
  return (await exists(dir)) ? (await packUnderTest([dir])).inputs : builtInRuleFiles();
}

/**
 * `podmortem rules new ID --from INCIDENT`: writes DIR/ID.json, a rule that fires on the incident
 * built from the facts it has, and DIR/tests/ID/, the incident's files with a podmortem-test.json
 * that expects the rule as root cause. Never overwrites.
 */
export async function rulesNewCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { from: { type: 'string' }, container: { type: 'string' }, cause: { type: 'string' }, output: { type: 'string', short: 'o' }, debug: RULE_COMMAND_OPTIONS.debug },
  });
  const [id, ...extra] = positionals;
  if (id === undefined || extra.length) throw new UsageError('rules new takes one rule id: podmortem rules new my-rule --from INCIDENT [-o DIR]');
  if (!ID.test(id)) throw new UsageError(`rule id "${id}" must be lower-case letters, digits and dashes, e.g. jvm-heap-too-small`);
  const from = values.from;
  if (!from) throw new UsageError('rules new needs --from INCIDENT: the evidence (file or folder) the rule must diagnose');
  const dir = values.output ?? '.';
  const cause = values.cause ?? 'other';
  const ruleFile = join(dir, `${id}.json`);
  const caseDir = join(dir, 'tests', id);
  for (const path of [ruleFile, caseDir]) {
    if (await exists(path)) throw new InputError(`${path} already exists: pick another id or remove it`);
  }

  // A folder that is a test case pins its capture time; loadReplay reads it.
  const incidents = incidentsToDiagnose(await loadReplay([from]));
  if (incidents.length !== 1) throw new InputError(`${from} holds ${incidents.length} pods: give the evidence of the one pod the rule is about`);
  const incident = incidents[0]!;

  const base = await currentPack(dir);
  const baseSet = await buildRules(base);
  if (!baseSet.causes.has(cause)) throw new UsageError(`unknown cause "${cause}": use one of podmortem rules causes, or declare it in a pack file in ${dir} first`);
  const diagnoser = createDiagnoser(baseSet.rules);
  const facts = diagnoser.facts(incident);
  const [current] = await diagnoseAll(diagnoser, [incident]);
  if (values.container !== undefined && !facts.containers.some((c) => c.context.name === values.container)) {
    throw new UsageError(`the pod has no container "${values.container}": it has ${facts.containers.map((c) => c.context.name).join(', ')}`);
  }
  const draft = draftRule({
    id,
    cause,
    facts,
    container: chooseContainer(facts, current!, values.container),
    current: current!,
    priorities: new Map(baseSet.rules.map((r) => [r.id, r.priority])),
    from,
  });
  if (!draft) throw new InputError(`${from} shows nothing wrong to build conditions from (no termination, waiting reason, log signature or Warning event)`);

  const rule = draft.rule;
  const withRule = await buildRules([...base, { file: ruleFile, layer: PACK_LAYER, data: JSON.parse(JSON.stringify(rule)) }]);
  const problem = withRule.problems.find((p) => p.file === ruleFile);
  if (problem) throw new InputError(`the drafted rule does not validate: ${formatRuleProblem(problem)}`);
  const [after] = await diagnoseAll(createDiagnoser(withRule.rules), [incident]);
  const findingId = draft.container ? `${id}/${draft.container}` : id;
  const rootCause: ExpectedFinding = { rule: id, cause, container: draft.container };
  const symptoms: ExpectedFinding[] = after!.findings
    .filter((f) => f.causedBy === findingId)
    .map((f) => ({ rule: f.rule, container: f.container, causedBy: findingId }));
  const testCase: TestCase = {
    description: `TODO: what happened. Drawn from ${from} by podmortem rules new.`,
    capturedAt: incident.source.capturedAt,
    expect: [{ rootCause, ...(symptoms.length ? { findings: symptoms } : {}) }],
  };

  await mkdir(caseDir, { recursive: true });
  await writeFile(ruleFile, `${JSON.stringify(rule, null, 2)}\n`, { flag: 'wx' });
  const files = await evidenceFiles(from);
  for (const file of files) await copyFile(file, join(caseDir, basename(file)), constants.COPYFILE_EXCL);
  await writeFile(join(caseDir, TEST_CASE_FILE), `${JSON.stringify(testCase, null, 2)}\n`, { flag: 'wx' });

  const lines = [
    `wrote ${ruleFile}: ${draft.rule.scope} rule${draft.container ? ` for container ${draft.container}` : ''}, cause ${cause}, when`,
    ...describeConditions(draft.rule.conditions, '  '),
    ...(draft.rule.supersedes.length ? [`  it supersedes what is found there today: ${draft.rule.supersedes.join(', ')}`] : []),
    `wrote ${caseDir}/: ${files.length} evidence file${files.length === 1 ? '' : 's'} and ${TEST_CASE_FILE} expecting ${findingId} as root cause`,
  ];
  const first = after!.findings[0];
  if (first?.rule !== id) lines.push(`note: the root cause is still ${first?.id ?? 'nothing'}: raise the rule's priority or add that rule to "supersedes"`);
  lines.push('next: replace the TODOs, then', `  podmortem rules lint ${dir}`, `  podmortem rules test ${dir}`);
  printOut(`${lines.join('\n')}\n`);
  return 0;
}
