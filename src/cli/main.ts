#!/usr/bin/env node
import { inspect } from 'node:util';
import { redactSecrets } from '../sources/redaction/redact-text.js';
import { COMMANDS } from './command-table.js';
import { HELP, VERSION } from './help.js';
import { printErr, printOut } from './print.js';
import { UsageError } from './usage-error.js';

function isKnownError(error: unknown): error is Error {
  return error instanceof Error && (error.name === 'InputError' || error.name === 'UsageError' || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') === true);
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    printOut(HELP);
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    printOut(`${VERSION}\n`);
    return 0;
  }
  const load = COMMANDS[name];
  if (!load) throw new UsageError(`unknown command "${name}"`);
  if (rest.includes('--help') || rest.includes('-h')) {
    printOut(HELP);
    return 0;
  }
  return (await load())(rest);
}

const debug = process.argv.includes('--debug');
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Messages can quote the input (a YAML error shows its line, a server its answer): the
    // secret shapes are redacted here too, and printErr shows control characters.
    if (debug) printErr(`${redactSecrets(inspect(error))}\n`);
    if (isKnownError(error)) {
      const hint = error.name === 'InputError' ? '' : ' (see podmortem --help)';
      printErr(`podmortem: ${redactSecrets(error.message)}${hint}\n`);
    } else {
      printErr(`podmortem: unexpected error: ${redactSecrets(error instanceof Error ? error.message : String(error))} (run again with --debug for details)\n`);
    }
    process.exitCode = 2;
  },
);
