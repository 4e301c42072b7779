import { parseArgs } from 'node:util';
import { createDiagnoser } from '../../engine/diagnose.js';
import { gatherScope } from '../../sources/cluster/gather-scope.js';
import { ReadCache } from '../../sources/cluster/read-cache.js';
import { ServerFaults } from '../../sources/cluster/server-faults.js';
import { againstCluster, clientOptions, CLUSTER_OPTIONS, connect } from '../cluster-options.js';
import { COMMON_OPTIONS } from '../common-options.js';
import { diagnoseByHealth, rankByDiagnosis } from '../live-diagnosis.js';
import { loadRules } from '../load-rules.js';
import { outputOptions } from '../output-options.js';
import { prepareUi, uiCanRead } from '../open-ui.js';
import { createLiveFeed } from '../../sources/live-feed.js';
import { failOnExitCode } from '../render-report.js';
import { renderScanJson, renderScanMarkdown, renderScanSummary, renderScanText, type ScanSummary } from '../scan-report.js';
import { UsageError } from '../usage-error.js';
import { printErr, printOut } from '../print.js';
import { visibleControls } from '../../report/visible-controls.js';

/** Exit status of a scan the API server failed part way through: the report printed is partial. */
export const PARTIAL_SCAN_EXIT = 3;

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
    const diagnoser = createDiagnoser(rules.rules);
    const feed = createLiveFeed({ target: client.target, ...clientOptions(values), ...scope, rank: rankByDiagnosis(diagnoser) });
    return openUi(feed, diagnoser, output.color);
  }
  return againstCluster(client, values, async () => {
    // Rules first: the scan ranks what it lists with them, so logs and nodes are read for the worst pods.
    const rules = await loadRules({ rulePaths: values.rules ?? [], strict: values.strict ?? false });
    const diagnoser = createDiagnoser(rules.rules);
    const faults = new ServerFaults();
    const incidents = await gatherScope(new ReadCache(client), scope, { rank: rankByDiagnosis(diagnoser), faults });
    const sorted = await diagnoseByHealth(diagnoser, incidents);
    const summary: ScanSummary = { ...scope, context: client.target.context, listHealthy: values.all ?? false, failedReads: faults.lines };
    const text =
      output.format === 'json'
        ? renderScanJson(sorted, summary)
        : output.format === 'markdown'
          ? renderScanMarkdown(sorted, summary)
          : output.format === 'summary'
            ? renderScanSummary(sorted, summary, output.color)
            : renderScanText(sorted, summary, output.color);
    printOut(text);
    if (faults.lines.length) {
      // Also on stderr, for -o json piped to a script: the exit status alone does not say which reads failed.
      printErr(`podmortem: the scan is partial: the API server failed during it (${visibleControls(faults.lines.join('; '))}); run it again when the server is back\n`);
      return PARTIAL_SCAN_EXIT;
    }
    return failOnExitCode(sorted.unhealthy, output);
  });
}
