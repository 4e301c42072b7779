import { parseArgs } from 'node:util';
import { createDiagnoser } from '../../engine/diagnose.js';
import { gatherScope } from '../../sources/cluster/gather-scope.js';
import { ReadCache } from '../../sources/cluster/read-cache.js';
import { againstCluster, clientOptions, CLUSTER_OPTIONS, connect } from '../cluster-options.js';
import { COMMON_OPTIONS } from '../common-options.js';
import { diagnoseByHealth } from '../live-diagnosis.js';
import { loadRules } from '../load-rules.js';
import { outputOptions } from '../output-options.js';
import { prepareUi, uiCanRead } from '../open-ui.js';
import { createLiveFeed } from '../../sources/live-feed.js';
import { failOnExitCode } from '../render-report.js';
import { renderScanJson, renderScanMarkdown, renderScanText, type ScanSummary } from '../scan-report.js';
import { UsageError } from '../usage-error.js';
import { printOut } from '../print.js';

/** `podmortem scan [-n NS | -A] [-l SELECTOR] [--all]`: every pod in scope, unhealthy ones ranked with their root cause. */
export async function scanCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...COMMON_OPTIONS,
      ...CLUSTER_OPTIONS,
      'all-namespaces': { type: 'boolean', short: 'A' },
      selector: { type: 'string', short: 'l' },
      all: { type: 'boolean' },
    },
  });
  if (positionals.length) throw new UsageError(`scan takes no pod names (got ${positionals.join(' ')}): use podmortem diagnose POD, or -l SELECTOR`);
  if (values['all-namespaces'] && values.namespace !== undefined) throw new UsageError('give -n NAMESPACE or -A, not both');
  const output = outputOptions(values, uiCanRead());
  const openUi = output.format === 'ui' ? prepareUi() : null;
  const { client, namespace } = connect(values);
  const scope = { namespace: values['all-namespaces'] ? null : namespace, ...(values.selector ? { labelSelector: values.selector } : {}) };
  if (openUi) {
    // On a terminal, scan is the live pod list: it watches the scope and re-diagnoses on change.
    const rules = await loadRules({ rulePaths: values.rules ?? [], strict: values.strict ?? false });
    const feed = createLiveFeed({ target: client.target, ...clientOptions(values), ...scope });
    return openUi(feed, createDiagnoser(rules.rules), output.color);
  }
  return againstCluster(client, values, async () => {
    const [rules, incidents] = await Promise.all([
      loadRules({ rulePaths: values.rules ?? [], strict: values.strict ?? false }),
      gatherScope(new ReadCache(client), scope),
    ]);
    const sorted = await diagnoseByHealth(createDiagnoser(rules.rules), incidents);
    const summary: ScanSummary = { ...scope, context: client.target.context, listHealthy: values.all ?? false };
    const text =
      output.format === 'json'
        ? renderScanJson(sorted, summary)
        : output.format === 'markdown'
          ? renderScanMarkdown(sorted, summary)
          : renderScanText(sorted, summary, output.color);
    printOut(text);
    return failOnExitCode(sorted.unhealthy, output);
  });
}
