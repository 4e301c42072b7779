/** The fastest of several runs, so a busy machine's pauses do not count. */
export function fastest(run: () => void, times = 7): number {
  let best = Infinity;
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    run();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

/**
 * How much longer `work` takes on an input of twice `size`: near 2 for linear work, near 4 for a
 * quadratic pattern. Tests hold it under 3, generous for a loaded 2-core machine.
 */
export function growth(work: (text: string) => unknown, make: (size: number) => string, size: number): number {
  const small = make(size);
  const large = make(size * 2);
  work(small);
  const a = fastest(() => work(small));
  const b = fastest(() => work(large));
  // Below half a millisecond the clock, not the pattern, decides the ratio.
  return Math.max(a, b) < 0.5 ? 1 : b / Math.max(a, 0.05);
}
