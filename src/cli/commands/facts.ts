import { parseArgs } from 'node:util';
import { FACT_CATALOG } from '../../facts/catalog.js';
import { computeFacts, type FactValues } from '../../facts/compute.js';
import { loadReplay } from '../../sources/load-replay.js';
import { incidentsToDiagnose } from '../replay-incidents.js';
import { listingFormat, RULE_COMMAND_OPTIONS, writeJson } from '../rule-command-options.js';
import { UsageError } from '../usage-error.js';
import { printOut } from '../print.js';

const SCOPE_HEADINGS = {
  pod: 'Pod facts (every rule sees them; container rules too)',
  container: 'Container facts (container-scope rules, once per container)',
} as const;

/** Long texts (a whole log) are cut in the text listing; -o json has them whole. */
const SHOWN_CHARS = 160;

function showValue(value: unknown): string {
  const json = JSON.stringify(value) ?? 'null';
  return json.length <= SHOWN_CHARS ? json : `${json.slice(0, SHOWN_CHARS)}… (${json.length} chars; -o json shows all)`;
}

function catalogText(): string {
  const blocks: string[] = [];
  for (const scope of ['pod', 'container'] as const) {
    blocks.push(`${SCOPE_HEADINGS[scope]}:\n`);
    for (const def of FACT_CATALOG.values()) {
      if (def.scope !== scope) continue;
      blocks.push(`  ${def.name} (${def.type})\n      ${def.description}\n      e.g. ${showValue(def.example)}\n`);
    }
    blocks.push('\n');
  }
  return `${blocks.join('')}Use them in conditions ({"fact": NAME, ...}) and templates ({NAME}); podmortem facts INCIDENT shows their values for real evidence.\n`;
}

/** Only the facts of one scope: a container's values carry the pod's too. */
function ofScope(values: FactValues, scope: 'pod' | 'container'): FactValues {
  return Object.fromEntries(Object.entries(values).filter(([name]) => FACT_CATALOG.get(name)?.scope === scope));
}

const lines = (values: FactValues) => Object.entries(values).map(([name, value]) => `  ${name} = ${showValue(value)}\n`).join('');

/** `podmortem facts [INCIDENT...] [--container NAME]`: the fact catalog, or the facts of real evidence. */
export async function factsCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { output: RULE_COMMAND_OPTIONS.output, container: { type: 'string' }, debug: RULE_COMMAND_OPTIONS.debug },
  });
  const format = listingFormat(values.output);
  if (positionals.length === 0) {
    if (values.container !== undefined) throw new UsageError('--container needs evidence: podmortem facts INCIDENT --container NAME');
    if (format === 'json') writeJson([...FACT_CATALOG.values()].map(({ name, scope, type, description, example }) => ({ name, scope, type, description, example })));
    else printOut(catalogText());
    return 0;
  }
  const pods = incidentsToDiagnose(await loadReplay(positionals)).map((incident) => {
    const facts = computeFacts(incident);
    const containers = facts.containers.filter((c) => values.container === undefined || c.context.name === values.container);
    return { pod: `${String(facts.values.namespace)}/${String(facts.values.podName)}`, facts, containers };
  });
  if (values.container !== undefined && pods.every((p) => p.containers.length === 0)) {
    const names = pods.flatMap((p) => p.facts.containers.map((c) => c.context.name));
    throw new UsageError(`no container "${values.container}" in the evidence: it has ${names.join(', ') || 'none'}`);
  }
  if (format === 'json') {
    writeJson(
      pods.map(({ pod, facts, containers }) => ({
        pod,
        facts: facts.values,
        containers: containers.map((c) => ({ name: c.context.name, kind: c.context.kind, facts: ofScope(c.values, 'container') })),
      })),
    );
    return 0;
  }
  const text = pods.map(({ pod, facts, containers }) =>
    [`Pod ${pod}\n`, lines(facts.values), ...containers.map((c) => `\nContainer ${c.context.name} (${c.context.kind})\n${lines(ofScope(c.values, 'container'))}`)].join(''),
  );
  printOut(text.join('\n'));
  return 0;
}
