import { isSecretName } from './secret-names.js';
import { REDACTED } from './secret-shapes.js';
import { redactToolFlags } from './tool-flags.js';

/**
 * Secrets given by name rather than shape: `key=value`, `key: value`, `"key": "value"`,
 * `--flag value`, `password hunter2`. The name decides (see secret-names.ts); the value is
 * replaced unless it is no secret at all (a boolean, an empty or masked value, a `$(VAR)`
 * reference, a `<placeholder>`), which keeps `--password=$(DB_PASSWORD)` readable.
 */

const TRIVIAL_VALUE = /^(?:|true|false|null|nil|none|yes|no|on|off|enabled|disabled|\*+|x{3,}|-)$/i;
/** `$(VAR)`, `${VAR}`, `$VAR`, `{{ .Values.x }}`, and kubectl's `<set to the key …>`, `<none>`. */
const REFERENCE = /^(?:\$\(\w+\)|\$\{\w+\}|\$\w+|<[a-z][^<>]*>?|\{\{[^{}]*\}\}?)$/;

export function isTrivialValue(value: string): boolean {
  return TRIVIAL_VALUE.test(value) || REFERENCE.test(value) || value.includes(REDACTED);
}

/**
 * A value after a name: quoted, or one bare word. A quote not closed on its line (or within
 * 4 KiB, which keeps the scan linear) is redacted up to there: better too much than a leak.
 */
const VALUE = /((?:bearer|basic|digest|token)[ \t]+)?(?:"((?:[^"\\\n]|\\.){0,4096})"?|'([^'\n]{0,4096})'?|([^\s,;&"'`]{1,16384}))/iy;
/** Closing brackets after a bare value belong to the text around it (`User{password=x}`). */
const TRAILING_BRACKETS = /[)\]}>]+$/;

interface Value {
  readonly end: number;
  readonly text: string;
}

/** The value at `start`, with the secret part replaced, or null when there is none or it is no secret. */
function redactValueAt(text: string, start: number): Value | null {
  VALUE.lastIndex = start;
  const match = VALUE.exec(text);
  if (!match) return null;
  const [whole, schemeText = '', doubleQuoted, singleQuoted, bare] = match;
  if (doubleQuoted !== undefined || singleQuoted !== undefined) {
    const inner = doubleQuoted ?? singleQuoted ?? '';
    if (isTrivialValue(inner)) return null;
    const quote = doubleQuoted !== undefined ? '"' : "'";
    const closed = whole.length > schemeText.length + 1 + inner.length;
    return { end: start + whole.length, text: `${schemeText}${quote}${REDACTED}${closed ? quote : ''}` };
  }
  const value = (bare ?? '').replace(TRAILING_BRACKETS, '');
  if (isTrivialValue(bare ?? '') || isTrivialValue(value)) return null;
  return { end: start + whole.length - ((bare ?? '').length - value.length), text: `${schemeText}${REDACTED}` };
}

/**
 * Replaces values after names for which `isSecret` holds. Names are found by `names` (global,
 * group 1 the name, the match ending where the value starts); when a name is no secret the
 * scan resumes right after it, so a secret nested in its value (`msg="token=abc"`) is still seen.
 */
function redactAfterNames(text: string, names: RegExp, isSecret: (name: string, separator: string, at: number) => boolean): string {
  let out = '';
  let copied = 0;
  names.lastIndex = 0;
  for (let match = names.exec(text); match; match = names.exec(text)) {
    const valueStart = match.index + match[0].length;
    const name = match[1] ?? '';
    if (isSecret(name, match[0], match.index)) {
      const value = redactValueAt(text, valueStart);
      if (value) {
        out += text.slice(copied, valueStart) + value.text;
        copied = value.end;
        names.lastIndex = value.end;
        continue;
      }
    }
    if (names.lastIndex === match.index) names.lastIndex++;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** `name=value`, `name: value`, `"name": "value"`, `name := value`, `name => value`. */
const KEY_VALUE = /(?<![\w.$@-])["']?([A-Za-z_$@-][\w.$@-]{0,100})["']?[ \t]{0,8}(?::=|=>|[:=])[ \t]{0,8}/g;
/** A lone `key` or `token` takes the word before it: `API key: x`, `access token = y`. */
const WORD_BEFORE = /([A-Za-z]{1,24})[ _-]$/;
/** Handled by the header shapes, which keep the scheme. */
const HEADER_NAMES = /^(?:proxy-)?authorization$|^(?:set-)?cookie$/i;

/**
 * Tokens are generated, never words: `failed to fetch anonymous token: unexpected status` (a
 * registry's 401) is prose, while a password may well be a dictionary word and stays redacted.
 */
const PLAIN_WORD = /^[a-z]{1,15}$/;

function isProseAfterToken(name: string, text: string, valueStart: number): boolean {
  if (!/token$/i.test(name)) return false;
  VALUE.lastIndex = valueStart;
  const bare = VALUE.exec(text)?.[4];
  return bare !== undefined && PLAIN_WORD.test(bare);
}

function redactKeyValues(text: string): string {
  return redactAfterNames(text, KEY_VALUE, (name, matched, at) => {
    if (HEADER_NAMES.test(name)) return false;
    if (isProseAfterToken(name, text, at + matched.length)) return false;
    // `https://` and `10:44:02` are no pairs; a URL query's `sig=` is (Azure SAS).
    const queryKey = matched.endsWith('=') && /[?&]$/.test(text.slice(Math.max(0, at - 1), at));
    if (isSecretName(name, queryKey)) return true;
    const before = WORD_BEFORE.exec(text.slice(Math.max(0, at - 24), at));
    return Boolean(before && /^(?:key|token|secret)$/i.test(name) && isSecretName(`${before[1]} ${name}`));
  });
}

/** `--db-password X`, `-token X`: a flag naming a secret, then its value as the next word. */
const FLAG_THEN_VALUE = /(?<![\w-])(--?[A-Za-z][\w.-]{0,80})[ \t]{1,256}(?=[^\s-])/g;

function redactFlagValues(text: string): string {
  return redactAfterNames(text, FLAG_THEN_VALUE, (flag) => isSecretName(flag));
}

/** `password hunter2`, `apikey X`: a value that looks like one (a digit or a symbol in it), after a telling word. */
const WORD_THEN_VALUE = /\b(password|passwd|passphrase|pass ?phrase|api[ _-]?key|apikey|token)\s{1,256}(?:(?:is|was|of|=)\s{1,256})?/gi;
const LOOKS_SECRET = /[\d!#$%^&*+=/\\|~?@]/;

function redactWordValues(text: string): string {
  return redactAfterNames(text, WORD_THEN_VALUE, (word, matched, at) => {
    VALUE.lastIndex = at + matched.length;
    const value = VALUE.exec(text)?.[0]?.replace(/^["']|[.,;:!?)"'\]}]+$/g, '') ?? '';
    if (!LOOKS_SECRET.test(value) || value.length < 4) return false;
    // A bare "token" is often prose ("token 3 of 5"); only a long, token-like word counts.
    return !/^token$/i.test(word) || (value.length >= 16 && /\d/.test(value));
  });
}

/** Every by-name form above, in an order where each sees what the previous left. */
export function redactSecretPairs(text: string): string {
  return redactWordValues(redactFlagValues(redactToolFlags(redactKeyValues(text))));
}
