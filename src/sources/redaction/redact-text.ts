import { isSecretName } from './secret-names.js';
import { isTrivialValue, redactSecretPairs } from './secret-pairs.js';
import { redactToolFlagItems } from './tool-flags.js';
import { REDACTED, SECRET_SHAPES } from './secret-shapes.js';

export { REDACTED } from './secret-shapes.js';

/**
 * Every form of secret needs one of these in the text: a provider prefix, `://user:…@` (URL
 * credentials), a word a secret's name ends in (key=value, flags, prose) or a tool that takes a
 * password as a short flag. Most strings of a pod (names, images, times, reasons) have none, and
 * two scans for them are far cheaper than running every pattern (one case-sensitive scan for
 * the prefixes is quicker than folding case for all).
 */
const MAY_HOLD_TOKEN = /-----BEGIN|gh[pousr]_|github_pat_|gl[a-z]{2,4}-|xox|xapp-|hooks\.slack|AKIA|ASIA|AIza|GOCSPX|ya29\.|Q~|hv[sbr]\.|npm_|_live_|_test_|eyJ|:\/\/[^\s/@:]{0,256}:[^\s/]{0,1024}@/;
const MAY_NAME_SECRET = /pass|pwd|secret|token|key|auth|cred|cookie|sig=|jwt|bearer|basic|mysql|mariadb|redis-cli|sshpass|curl|wget/i;

/** No secret fits in fewer characters (`pwd=x1` is the shortest form worth catching). */
const SHORTEST_SECRET_TEXT = 6;
/**
 * A word of letters, digits, dots and dashes shorter than this (a name, a reason, a quantity)
 * can only be a bare token, and the shortest token shape (`xoxb-` and ten more) is this long.
 */
const SHORTEST_TOKEN = 15;
const PLAIN_WORD = /^[A-Za-z0-9.-]*$/;

/** The text with every credential podmortem recognises replaced by `[REDACTED]` (see README, "redaction"). */
export function redactSecrets(text: string): string {
  if (text.length < SHORTEST_SECRET_TEXT || (text.length < SHORTEST_TOKEN && PLAIN_WORD.test(text))) return text;
  if (!MAY_HOLD_TOKEN.test(text) && !MAY_NAME_SECRET.test(text)) return text;
  let out = text;
  for (const { pattern, replace } of SECRET_SHAPES) out = out.replace(pattern, replace as (substring: string, ...args: unknown[]) => string);
  return redactSecretPairs(out);
}
/** A quote around an argv item survives its redaction: `"[REDACTED]"`, `[REDACTED]"`. */
function redactItem(item: string): string {
  const [, open = '', , close = ''] = /^(["']?)(.*?)(["',;]?)$/s.exec(item) ?? [];
  return `${open}${REDACTED}${close}`;
}

/** An item that says the next one is a secret: a flag naming one, a header name, an auth scheme. */
function namesNextItem(item: string, next: string): boolean {
  if (next.startsWith('-') || isTrivialValue(next.replace(/^["']|["',;]$/g, ''))) return false;
  if (/^--?[A-Za-z][\w.-]*$/.test(item)) return isSecretName(item);
  const header = /^["']?([A-Za-z][\w-]*):$/.exec(item);
  if (header) return isSecretName(header[1]!) && !/^(?:bearer|basic|digest|token)$/i.test(next);
  return /^["']?(?:bearer|basic|digest|token)$/i.test(item) && /\d/.test(next) && next.length >= 8;
}

/**
 * A command line as an argv list (a container's command and args, a probe's or hook's exec
 * command, or one a describe paste split at spaces): each item redacted as text, and the item
 * after one that names a secret (`--db-password`, `X`; `-H`, `Authorization:`, `Bearer`, `X`;
 * `sshpass`, `-p`, `X`) replaced, since no single item shows the pair.
 */
export function redactArgv(argv: readonly string[]): string[] {
  const out = redactToolFlagItems(argv.map(redactSecrets));
  for (let i = 0; i + 1 < out.length; i++) {
    if (namesNextItem(out[i]!, out[i + 1]!)) out[i + 1] = redactItem(out[i + 1]!);
  }
  return out;
}
