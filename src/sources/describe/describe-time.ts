/**
 * kubectl describe prints times as RFC 1123 with a numeric zone (`Mon, 13 Dec 2021 18:02:32 -0800`);
 * older builds and hand edits add a zone name (`+0900 JST`) or use ISO 8601. Returns ISO, or null.
 */
export function describeTime(text: string): string | null {
  const value = text.trim();
  if (!value || value.startsWith('<')) return null;
  for (const candidate of [value, value.replace(/\s+[A-Z]{2,5}$/, '')]) {
    const ms = Date.parse(candidate);
    if (Number.isFinite(ms)) return new Date(ms).toISOString();
  }
  return null;
}
