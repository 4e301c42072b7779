import { UsageError } from './usage-error.js';
import type { Severity } from '../model/severity.js';

export type OutputFormat = 'text' | 'json' | 'markdown' | 'summary' | 'ui';

export interface OutputOptions {
  readonly format: OutputFormat;
  readonly color: boolean;
  readonly failOn: Severity | null;
}

/** The report format: asked for (`--short` is `-o summary`), else the UI on a TTY, else text. */
export function outputOptions(values: { output?: string; short?: boolean; 'fail-on'?: string; 'no-color'?: boolean }, uiAvailable: boolean): OutputOptions {
  if (values.short && values.output !== undefined && values.output !== 'summary') {
    throw new UsageError(`--short is -o summary: give one of --short and -o ${values.output}`);
  }
  const asked = values.short ? 'summary' : values.output;
  if (asked !== undefined && !['text', 'json', 'markdown', 'md', 'summary', 'ui'].includes(asked)) {
    throw new UsageError(`unknown output format "${asked}": use -o text, -o json, -o markdown or -o summary`);
  }
  // -o ui opens the UI even when standard output is captured (`cmd=$(podmortem ... -o ui)`): it draws on the terminal.
  if (asked === 'ui' && !uiAvailable) throw new UsageError('-o ui opens the interactive UI of gallery, replay and scan: run it from an interactive terminal, not a pipe or CI');
  const failOn = values['fail-on'];
  if (failOn !== undefined && failOn !== 'warning' && failOn !== 'critical') {
    throw new UsageError(`--fail-on takes warning or critical, not "${failOn}"`);
  }
  const tty = Boolean(process.stdout.isTTY);
  const format: OutputFormat = asked === 'md' ? 'markdown' : ((asked as OutputFormat | undefined) ?? (tty && uiAvailable ? 'ui' : 'text'));
  const color = (tty || format === 'ui') && !values['no-color'] && !process.env.NO_COLOR && process.env.TERM !== 'dumb';
  return { format, color, failOn: failOn ?? null };
}
