import type { Diagnoser } from '../engine/diagnose.js';
import type { IncidentFeed } from '../model/incident-feed.js';
import { printErr, printOut } from './print.js';
import { importModule } from '../engine/import-module.js';

/** ink renders nothing until exit when it believes it runs in CI, so the UI is only offered outside it. */
function inCi(): boolean {
  return ['CI', 'CONTINUOUS_INTEGRATION'].some((name) => name in process.env && process.env[name] !== '0' && process.env[name] !== 'false');
}

/**
 * Whether the UI can run: standard input is a terminal the user types into (not a pipe we read)
 * and the terminal can move its cursor (not TERM=dumb).
 */
export function uiCanRead(readsStdin = false): boolean {
  return Boolean(process.stdin.isTTY) && !readsStdin && !inCi() && process.env.TERM !== 'dumb';
}

export type OpenUi = (feed: IncidentFeed, diagnoser: Diagnoser, color: boolean) => Promise<number>;

/**
 * Starts loading the UI (ink takes a few hundred milliseconds to load) so it overlaps with rule
 * loading, and returns the function that opens it. ink and react load only here, so reports and
 * --help never parse them.
 */
export function prepareUi(): OpenUi {
  // The build bundles the UI into one file (scripts/bundle-ui.mjs): ink as loose modules loads several times slower.
  const loading = importModule<typeof import('../ui/run-ui.js')>(new URL('../ui/run-ui.bundle.js', import.meta.url).href);
  // If rule loading fails first, the command throws before awaiting this; that is not a second error.
  loading.catch(() => undefined);
  return async (feed, diagnoser, color) => {
    const result = await (await loading).runUi({ feed, diagnoser, color });
    // After the UI has given the terminal back: what libraries printed, and the command the user chose to print.
    if (result.messages) printErr(result.messages);
    if (result.printed !== null) printOut(`${result.printed}\n`);
    return result.exitCode;
  };
}
