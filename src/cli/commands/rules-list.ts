import { parseArgs } from 'node:util';
import type { RuleSet } from '../../engine/rule-set.js';
import type { LoadedRule } from '../../engine/rule.js';
import { formatTable } from '../format-table.js';
import { loadRules } from '../load-rules.js';
import { listingFormat, RULE_COMMAND_OPTIONS, writeJson } from '../rule-command-options.js';
import { printOut } from '../print.js';

/** Where a rule came from, as `rules list` and `rules show` print it. */
export function describeSource(rule: LoadedRule, set: RuleSet): string {
  const source = rule.source.startsWith('built-in:') ? 'built-in' : rule.source;
  const replaced = set.replaced.get(rule.id);
  return replaced ? `${source} (replaces ${replaced})` : source;
}

/** The severity in effect, and which pack changed it. */
export function describeSeverity(rule: LoadedRule, set: RuleSet): string {
  const changed = set.severityChanged.get(rule.id);
  return changed ? `${rule.severity} (was ${changed.from}, set by ${changed.file})` : rule.severity;
}

/** `podmortem rules list`: every active rule with where it came from, and the disabled ones. */
export async function rulesListCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: RULE_COMMAND_OPTIONS });
  const format = listingFormat(values.output);
  const set = await loadRules({ rulePaths: values.rules ?? [], strict: values.strict ?? false });
  if (format === 'json') {
    writeJson({
      rules: set.rules.map((rule) => ({
        id: rule.id,
        cause: rule.cause,
        severity: rule.severity,
        scope: rule.scope,
        role: rule.role,
        priority: rule.priority,
        source: rule.source,
        ...(set.replaced.has(rule.id) ? { replaces: set.replaced.get(rule.id) } : {}),
        ...(set.severityChanged.has(rule.id) ? { severityChangedBy: set.severityChanged.get(rule.id)?.file } : {}),
      })),
      disabled: [...set.disabled].map(([id, file]) => ({ id, file })),
    });
    return 0;
  }
  const rows = [['ID', 'CAUSE', 'SEVERITY', 'SCOPE', 'SOURCE']];
  for (const rule of set.rules) rows.push([rule.id, rule.cause, describeSeverity(rule, set), rule.scope, describeSource(rule, set)]);
  let text = formatTable(rows);
  if (set.disabled.size) {
    text += `\nDisabled:\n${formatTable([...set.disabled].map(([id, file]) => [`  ${id}`, `by ${file}`]))}`;
  }
  text += `\n${set.rules.length} active rules${set.disabled.size ? `, ${set.disabled.size} disabled` : ''}. Details: podmortem rules show ID\n`;
  printOut(text);
  return 0;
}
