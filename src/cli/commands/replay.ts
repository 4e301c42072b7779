import { parseArgs } from 'node:util';
import { createDiagnoser } from '../../engine/diagnose.js';
import { replayFeed } from '../../sources/replay-feed.js';
import { diagnoseReplay } from '../diagnose-all.js';
import { INPUT_SIZE_OPTION, inputLimitsOption } from '../input-size-option.js';
import { loadRules } from '../load-rules.js';
import { prepareUi, uiCanRead } from '../open-ui.js';
import { outputOptions } from '../output-options.js';
import { rankedReportFor, writeRankedReport } from '../render-report.js';
import { ReplayPool } from '../replay-pool.js';
import { UsageError } from '../usage-error.js';
import { COMMON_OPTIONS } from '../common-options.js';
import { capturedAtFlag } from '../flag-values.js';

function parseLogFlags(values: string[] | undefined) {
  return (values ?? []).map((value) => {
    const eq = value.indexOf('=');
    if (eq <= 0 || eq === value.length - 1) throw new UsageError(`--logs takes CONTAINER=FILE, not "${value}"`);
    return { container: value.slice(0, eq), file: value.slice(eq + 1) };
  });
}

/** `podmortem replay FILE...`: diagnose recorded evidence. */
export async function replayCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...COMMON_OPTIONS,
      logs: { type: 'string', multiple: true },
      'captured-at': { type: 'string' },
      ...INPUT_SIZE_OPTION,
    },
  });
  if (positionals.length === 0) throw new UsageError('replay needs at least one file, folder or - (standard input)');
  const output = outputOptions(values, uiCanRead(positionals.includes('-')));
  const replayOptions = {
    logFiles: parseLogFlags(values.logs),
    ...(values['captured-at'] ? { capturedAt: capturedAtFlag(values['captured-at']) } : {}),
    limits: inputLimitsOption(values['max-input-size']),
  };
  const openUi = output.format === 'ui' ? prepareUi() : null;
  const rules = await loadRules({ rulePaths: values.rules ?? [], strict: values.strict ?? false });
  const diagnoser = createDiagnoser(rules.rules);
  if (openUi) return openUi(replayFeed(positionals, replayOptions), diagnoser, output.color);
  const report = rankedReportFor(output);
  return writeRankedReport(await diagnoseReplay(diagnoser, positionals, replayOptions, report, ReplayPool.for(rules.rules, report)), output);
}
