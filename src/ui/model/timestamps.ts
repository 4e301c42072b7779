/** Milliseconds of a Kubernetes timestamp as files (ISO strings) or the client (Date) carry it; NaN when absent. */
export function toMillis(value: Date | string | null | undefined): number {
  if (value === null || value === undefined || value === '') return NaN;
  return value instanceof Date ? value.getTime() : Date.parse(value);
}

/** The moment an incident was captured; ages are measured against it, as kubectl would have printed them then. */
export function captureMillis(capturedAt: string): number {
  const ms = Date.parse(capturedAt);
  return Number.isFinite(ms) ? ms : Date.now();
}
