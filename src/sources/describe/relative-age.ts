/**
 * kubectl prints ages and probe timings as compact durations: `34s`, `9m44s`, `3h5m`, `2d3h`,
 * `5y12d`. Every unit is optional, but at least one must be there.
 */
const DURATION = /^(?:(\d{1,6})y)?(?:(\d{1,6})d)?(?:(\d{1,6})h)?(?:(\d{1,6})m(?!s))?(?:(\d{1,9})s)?(?:(\d{1,9})ms)?$/;

const UNIT_SECONDS = [365 * 86_400, 86_400, 3_600, 60, 1, 0.001] as const;

/** Seconds in a kubectl duration, or null for `<unknown>`, `<invalid>` and anything else. */
export function durationSeconds(text: string): number | null {
  const match = DURATION.exec(text.trim());
  if (!match || match[0] === '') return null;
  let seconds = 0;
  UNIT_SECONDS.forEach((unit, index) => {
    const value = match[index + 1];
    if (value) seconds += Number(value) * unit;
  });
  return seconds;
}

/** The moment an age counts back to from the capture time, as an ISO string. */
export function timeBefore(capturedMs: number, ageSeconds: number): string {
  return new Date(capturedMs - ageSeconds * 1000).toISOString();
}
