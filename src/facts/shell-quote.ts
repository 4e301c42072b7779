/** Quotes one argument for a POSIX shell when it needs it, so a command reads back as argv. */
export function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** An argv list as one shell line: `sh -c 'echo done'`, not the ambiguous `sh -c echo done`. */
export function shellLine(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}
