/** A `Key:  value` line as kubectl describe prints it; `value` is '' for a key that opens a block. */
export interface KeyValue {
  readonly key: string;
  readonly value: string;
}

/**
 * Keys are short and never hold a colon; the value starts after the first colon that is followed
 * by whitespace or the line end, so `Image:  repo:5000/app:1.2` keeps its colons.
 */
const KEY_VALUE = /^([A-Za-z0-9_][\w .\/-]{0,80}?)\s?:(?:\s+(.*))?$/;

export function keyValue(text: string): KeyValue | null {
  const match = KEY_VALUE.exec(text);
  if (!match?.[1]) return null;
  return { key: match[1], value: (match[2] ?? '').trim() };
}

/** A DNS label: how container and volume names look, unlike describe's capitalised keys. */
export function isDnsLabel(text: string): boolean {
  return text.length <= 63 && /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?$/.test(text);
}

/** `<none>`, `<nil>`, `<unset>` and empty values say nothing. */
export function isEmptyValue(value: string): boolean {
  return value === '' || /^<(?:none|nil|unset|unknown)>$/i.test(value);
}
