/**
 * Growth of a piece of work when its input doubles: about 2 when linear, about 4 when quadratic.
 * Both sizes are warmed up, then run in turns, and the fastest run of each counts (load on a
 * 2-core machine only ever slows a run down); a ratio above the bound is measured again before it
 * counts, so one burst of load elsewhere cannot fail a test, while a quadratic step fails every
 * time. LINEAR_GROWTH_DEBUG=1 prints the times.
 */
export async function doublingRatio<T>(make: (size: number) => T | Promise<T>, work: (input: T) => unknown, size: number, options: { runs?: number; retries?: number; bound?: number } = {}): Promise<number> {
  const { runs = 3, retries = 2, bound = 3 } = options;
  const small = await make(size);
  const large = await make(size * 2);
  const time = async (input: T) => {
    const start = performance.now();
    await work(input);
    return performance.now() - start;
  };
  await time(small);
  await time(large);
  let ratio = Infinity;
  for (let attempt = 0; attempt <= retries && ratio >= bound; attempt++) {
    let a = Infinity;
    let b = Infinity;
    for (let i = 0; i < runs; i++) {
      a = Math.min(a, await time(small));
      b = Math.min(b, await time(large));
    }
    // Below a few milliseconds the clock, not the algorithm, decides the ratio: make inputs bigger.
    if (a < 3) throw new Error(`work on the small input took ${a.toFixed(2)} ms: too little to measure growth, raise the size`);
    ratio = Math.min(ratio, b / a);
    if (process.env.LINEAR_GROWTH_DEBUG) console.log(`size ${size}: ${a.toFixed(1)} ms, doubled ${b.toFixed(1)} ms, ratio ${(b / a).toFixed(2)}`);
  }
  return ratio;
}
