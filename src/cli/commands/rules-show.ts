import { parseArgs } from 'node:util';
import type { RuleSet } from '../../engine/rule-set.js';
import type { EvidenceSpec, LoadedRule, RemediationSpec } from '../../engine/rule.js';
import { suggest } from '../../engine/suggest.js';
import { describeCondition, describeConditions } from '../describe-conditions.js';
import { loadRules } from '../load-rules.js';
import { listingFormat, RULE_COMMAND_OPTIONS, writeJson } from '../rule-command-options.js';
import { UsageError } from '../usage-error.js';
import { describeSeverity, describeSource } from './rules-list.js';
import { printOut } from '../print.js';

function describeEvidence(spec: EvidenceSpec): string {
  if ('fact' in spec) return `${spec.fact} (the field it was read from)`;
  if ('events' in spec) {
    const { reason, message, type, on } = spec.events;
    const parts = [
      on === 'node' ? 'events on the node' : 'events',
      reason === undefined ? '' : `with reason ${[reason].flat().join(' or ')}`,
      type ? `of type ${type}` : '',
      message ? `whose message matches /${message}/` : '',
    ];
    return parts.filter(Boolean).join(' ');
  }
  const { signatures, pattern } = spec.logs;
  return ['log lines', signatures?.length ? `with signature ${signatures.join(', ')}` : '', pattern ? `matching /${pattern}/` : ''].filter(Boolean).join(' ');
}

function describeStep(step: RemediationSpec, i: number): string[] {
  const lines = [`  ${i + 1}. ${step.text}`];
  if (step.command) lines.push(`     $ ${step.command}`);
  if (typeof step.when === 'string') lines.push(`     (only when ${step.when} is set)`);
  else if (step.when) lines.push(`     (only when ${describeCondition(step.when)})`);
  return lines;
}

function describeRule(rule: LoadedRule, set: RuleSet): string {
  const lines = [
    `${rule.id}: ${rule.title}`,
    `  source:     ${describeSource(rule, set)}`,
    `  cause:      ${rule.cause}${set.causes.has(rule.cause) ? ` (${set.causes.get(rule.cause)})` : ''}`,
    `  severity:   ${describeSeverity(rule, set)}`,
    `  scope:      ${rule.scope}, role ${rule.role}, priority ${rule.priority}`,
  ];
  if (rule.supersedes.length) lines.push(`  supersedes: ${rule.supersedes.join(', ')}`);
  if (rule.description) lines.push('', rule.description);
  lines.push('', 'Conditions:', ...describeConditions(rule.conditions, '  '));
  lines.push('', 'Explanation:', `  ${rule.explanation}`);
  if (rule.evidence.length) lines.push('', 'Evidence:', ...rule.evidence.map((e) => `  - ${describeEvidence(e)}`));
  lines.push('', 'Remediation:', ...rule.remediation.flatMap(describeStep));
  return `${lines.join('\n')}\n`;
}

/** `podmortem rules show ID`: one rule in readable form. */
export async function rulesShowCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: RULE_COMMAND_OPTIONS });
  const format = listingFormat(values.output);
  const [id, ...extra] = positionals;
  if (id === undefined || extra.length) throw new UsageError('rules show takes one rule id, e.g. podmortem rules show oom-killed');
  const set = await loadRules({ rulePaths: values.rules ?? [], strict: values.strict ?? false });
  const rule = set.rules.find((r) => r.id === id);
  if (!rule) {
    const disabledBy = set.disabled.get(id);
    if (disabledBy) throw new UsageError(`rule "${id}" is disabled by ${disabledBy}`);
    throw new UsageError(`no rule "${id}"${suggest(id, set.rules.map((r) => r.id))}: podmortem rules list shows them all`);
  }
  if (format === 'json') writeJson(rule);
  else printOut(describeRule(rule, set));
  return 0;
}
