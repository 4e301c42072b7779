#!/usr/bin/env node
import { COMMANDS } from './command-table.js';
import { errorLines } from './error-line.js';
import { HELP, VERSION } from './help.js';
import { printErr, printOut } from './print.js';
import { UsageError } from './usage-error.js';

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
    // printErr shows control characters; errorLines redacts the secret shapes a message may quote.
    printErr(errorLines(error, debug));
    process.exitCode = 2;
  },
);
