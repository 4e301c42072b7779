import { REDACTED } from './secret-shapes.js';

/**
 * Short flags some tools take a password with, where the flag's name says nothing:
 * `mysql -pSECRET` (attached only: `mysql -p db` prompts), `sshpass -p X`, `redis-cli -a X`,
 * `curl -u user:password` (the user stays). They count only where the tool is named in the same
 * command line, since `-p` and `-u` mean a port, a path or a uid elsewhere.
 */
interface ToolFlag {
  readonly tool: RegExp;
  readonly flags: readonly string[];
  /** `-pSECRET`. */
  readonly attached: boolean;
  /** `-p SECRET` (and `--flag=SECRET` for long flags). */
  readonly separate: boolean;
  /** The value is `user:password`: only the password goes. */
  readonly keepUser?: boolean;
}

const TOOL_FLAGS: readonly ToolFlag[] = [
  { tool: /\b(?:mysql\w*|mariadb[\w-]*)\b/, flags: ['-p'], attached: true, separate: false },
  { tool: /\bsshpass\b/, flags: ['-p'], attached: true, separate: true },
  { tool: /\bredis-cli\b/, flags: ['-a'], attached: true, separate: true },
  { tool: /\b(?:curl|wget)\b/, flags: ['-u', '--user', '--proxy-user'], attached: true, separate: true, keepUser: true },
];

const TRIVIAL = /^(?:\$\(\w+\)|\$\{\w+\}|\$\w+|\[REDACTED\].*)$/;

/** The value with its secret replaced, or null when it holds none. */
function redactedValue(value: string, keepUser: boolean | undefined): string | null {
  const [, quote = '', inner = '', closing = ''] = /^(["']?)(.*?)(["']?)$/s.exec(value) ?? [];
  if (!inner || TRIVIAL.test(inner)) return null;
  if (!keepUser) return `${quote}${REDACTED}${closing}`;
  const colon = inner.indexOf(':');
  if (colon < 0 || TRIVIAL.test(inner.slice(colon + 1)) || colon === inner.length - 1) return null;
  return `${quote}${inner.slice(0, colon + 1)}${REDACTED}${closing}`;
}

/** The tools a command line names. */
export function toolFlagsFor(commandLine: string): readonly ToolFlag[] {
  return TOOL_FLAGS.filter(({ tool }) => tool.test(commandLine));
}

const escape = (text: string) => text.replace(/[-]/g, '\\-');

/** Tool flags inside one text (a shell line in `sh -c`, a log line): `-pX`, `-p X`, `--user=a:b`. */
export function redactToolFlags(text: string, flags: readonly ToolFlag[] = toolFlagsFor(text)): string {
  let out = text;
  for (const { flags: names, attached, separate, keepUser } of flags) {
    const pattern = new RegExp(`(?<![\\w-])(${names.map(escape).join('|')})(=|[ \\t]+)?((?:"[^"\\n]{0,1024}"|'[^'\\n]{0,1024}'|[^\\s"'])[^\\s]*)`, 'g');
    out = out.replace(pattern, (match, flag: string, separator: string | undefined, value: string) => {
      const allowed = separator === undefined ? attached : separator === '=' ? flag.startsWith('--') : separate;
      const replaced = allowed ? redactedValue(value, keepUser) : null;
      return replaced === null ? match : `${flag}${separator ?? ''}${replaced}`;
    });
  }
  return out;
}

/** Tool flags across argv items: `['sshpass', '-p', 'X']`, `['curl', '-u', 'a:b']`; each item's own text too. */
export function redactToolFlagItems(argv: readonly string[]): string[] {
  const flags = toolFlagsFor(argv.join(' '));
  if (flags.length === 0) return [...argv];
  const out = argv.map((item) => redactToolFlags(item, flags));
  for (let i = 0; i + 1 < out.length; i++) {
    const flag = flags.find((f) => f.separate && f.flags.includes(out[i]!));
    const value = flag ? redactedValue(out[i + 1]!, flag.keepUser) : null;
    if (value !== null) out[i + 1] = value;
  }
  return out;
}
