import { mapStrings } from '../model/map-strings.js';

/**
 * Text from a cluster or a paste is printed where a terminal interprets it, so every character
 * that could act on the terminal or hide what the text says is shown instead of sent, the way
 * `less` and `cat -v` show them:
 *
 * - C0 controls and DEL in caret notation: ESC as `^[`, BEL `^G`, a lone CR `^M`, DEL `^?`
 *   (tab and line feed stay in text that may span lines, CR LF becomes LF; in a one-line field,
 *   a name or a table cell, they show as `^I` and `^J` too, so no name can fake a line);
 * - everything else as its code point, `<U+009B>`: C1 controls (U+0080-U+009F, which some
 *   terminals take as CSI/OSC/DCS), bidirectional overrides and isolates (U+202A-U+202E,
 *   U+2066-U+2069, U+200E/U+200F, U+061C: "Trojan source" reordering), zero-width and
 *   invisible characters (U+200B-U+200D, U+2060-U+2064, U+FEFF, U+00AD, U+180E), line and
 *   paragraph separators (U+2028/U+2029), interlinear annotations (U+FFF9-U+FFFB) and Unicode
 *   tag characters (U+E0000-U+E007F, invisible "ASCII smuggling").
 */
const C0_AND_DEL = '\\u0000-\\u0008\\u000b-\\u001f\\u007f';
const INVISIBLE = '\\u0080-\\u009f\\u00ad\\u061c\\u180e\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufeff\\ufff9-\\ufffb';
const TAGS = '\\udb40[\\udc00-\\udc7f]';

const UNSAFE = new RegExp(`[${C0_AND_DEL}${INVISIBLE}]|${TAGS}`);
const UNSAFE_ALL = new RegExp(`\\r\\n|[${C0_AND_DEL}${INVISIBLE}]|${TAGS}`, 'g');
const UNSAFE_IN_LINE = new RegExp(`[\\t\\n${C0_AND_DEL}${INVISIBLE}]|${TAGS}`);
const UNSAFE_IN_LINE_ALL = new RegExp(`[\\t\\n${C0_AND_DEL}${INVISIBLE}]|${TAGS}`, 'g');
/** What JSON.stringify leaves raw but a terminal or an editor would act on. */
export const JSON_UNSAFE = new RegExp(`[\\u007f${INVISIBLE}]|${TAGS}`, 'g');

export function codePoint(character: string): string {
  return `<U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}>`;
}

function visible(character: string): string {
  if (character === '\r\n') return '\n';
  const code = character.charCodeAt(0);
  if (code < 0x20) return `^${String.fromCharCode(code + 0x40)}`;
  if (code === 0x7f) return '^?';
  return codePoint(character);
}

/** The text with every control and invisible character made visible (see above). */
export function visibleControls(text: string): string {
  return UNSAFE.test(text) ? text.replace(UNSAFE_ALL, visible) : text;
}

/** For a one-line field: also tab and line feed made visible. */
export function visibleControlsInLine(text: string): string {
  return UNSAFE_IN_LINE.test(text) ? text.replace(UNSAFE_IN_LINE_ALL, visible) : text;
}

/** A plain value (a PodDiagnosis, a fact value) with every string in it through visibleControls. */
export function visibleControlsDeep<T>(value: T): T {
  return mapStrings(value, visibleControls);
}
