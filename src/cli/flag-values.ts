import { parseDuration } from '../facts/duration.js';
import { parseQuantity } from '../facts/quantity.js';
import { UsageError } from './usage-error.js';

/** Node's timers hold at most 2^31-1 ms (24.8 days); a longer one fires at once, after a warning. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * A duration flag in ms (`30s`, `5m`, `1h30m`, or seconds). Zero only where it means "no limit";
 * longer than a Node timer can wait is refused rather than silently turned into 1 ms.
 */
export function durationFlagMs(flag: string, value: string, example: string, options: { zeroMeans?: string } = {}): number {
  const seconds = parseDuration(value);
  const zero = options.zeroMeans ? ` (0 ${options.zeroMeans})` : '';
  const orZero = options.zeroMeans ? `, or 0 ${options.zeroMeans}` : '';
  if (seconds === null || seconds < 0 || (seconds === 0 && !options.zeroMeans)) throw new UsageError(`${flag} takes a duration like ${example}${zero}, not "${value}"`);
  const ms = Math.round(seconds * 1000);
  if (ms > MAX_TIMER_MS) throw new UsageError(`${flag} ${value} is longer than podmortem can wait: at most 24 days (24d)${orZero}`);
  return ms;
}

/** A size flag in bytes: `64Mi`, `1Gi`, `500M` or a number of bytes; at least 1 KiB. */
export function sizeFlagBytes(flag: string, value: string): number {
  const bytes = parseQuantity(value.trim());
  if (bytes === null || !Number.isFinite(bytes) || bytes < 1024) throw new UsageError(`${flag} takes a size like 64Mi or 1Gi (at least 1Ki), not "${value}"`);
  return Math.floor(bytes);
}

const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * `--captured-at`: an ISO date or time from the years Kubernetes evidence can come from. Date.parse
 * alone takes "1" (2001), "2026-02-30" (March 2) and year 99999; each of these is refused.
 */
export function capturedAtFlag(value: string): string {
  const refuse = () => new UsageError(`--captured-at takes an ISO time like 2026-11-26T15:00:00Z (or a date, 2026-11-26) between 2000 and 2099, not "${value}"`);
  const match = ISO_TIME.exec(value.trim());
  if (!match) throw refuse();
  const [year, month, day, hour = '0', minute = '0', second = '0'] = match.slice(1).map((part) => part ?? undefined) as string[];
  const calendar = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  const realDay = calendar.getUTCFullYear() === Number(year) && calendar.getUTCMonth() === Number(month) - 1 && calendar.getUTCDate() === Number(day);
  const t = Date.parse(value.trim().replace(' ', 'T'));
  if (!realDay || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59 || !Number.isFinite(t) || Number(year) < 2000 || Number(year) > 2099) throw refuse();
  return new Date(t).toISOString();
}
