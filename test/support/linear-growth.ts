/*
 * Growth checks for work on untrusted input: an input eight times larger takes about eight times
 * as long when the work is linear, sixty-four times when it is quadratic. Wall time on a shared 2-core machine is noisy,
 * so the check is built to tell those two apart and nothing finer: it counts the process's CPU
 * time, not wall time, the input grows until one run takes long enough for the clock to mean something, small and large runs are interleaved (a
 * burst of load hits both), each side keeps its fastest run, and the bound sits halfway between
 * linear and quadratic on a log scale.
 */

/** How much bigger the large input is than the small one. */
export const GROWTH_FACTOR = 8;
/**
 * Ratios below this are linear (about 8, up to ~12 when garbage collection of a larger heap lands
 * on the large run, seen on the Markdown fence); quadratic work gives about 64. A factor of 4 left
 * too little room between the two: a linear fence measured 11.3 against a bound of 10.
 */
export const LINEAR_BOUND = 22;

const MIN_RUN_MS = 5;
const MAX_SIZE_STEPS = 6;

/** CPU milliseconds the process spent on `run`: time other processes take from a loaded machine does not count. */
function timeOnce(run: () => unknown): number {
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/**
 * The time ratio between an input `GROWTH_FACTOR` times larger and the base input, for a
 * synchronous `work`. `make(size)` builds an input of about `size` units; `size` starts at
 * `baseSize` and doubles (up to six times) until the base run is long enough to measure.
 */
export function growthRatio<T>(work: (input: T) => unknown, make: (size: number) => T, baseSize: number, runs = 5): number {
  let size = baseSize;
  let small = make(size);
  work(small);
  for (let step = 0; step < MAX_SIZE_STEPS && timeOnce(() => work(small)) < MIN_RUN_MS; step++) {
    size *= 2;
    small = make(size);
  }
  const large = make(size * GROWTH_FACTOR);
  work(large);
  let bestSmall = Infinity;
  let bestLarge = Infinity;
  for (let i = 0; i < runs; i++) {
    bestSmall = Math.min(bestSmall, timeOnce(() => work(small)));
    bestLarge = Math.min(bestLarge, timeOnce(() => work(large)));
  }
  // Still too fast to time even at the largest size: nothing here can be super-linear enough to matter.
  if (bestLarge < MIN_RUN_MS) return 1;
  return bestLarge / Math.max(bestSmall, 0.05);
}

/** CPU milliseconds `run` spent, for work that awaits (other processes' load still does not count). */
async function timeOnceAsync(run: () => Promise<unknown>): Promise<number> {
  const start = process.cpuUsage();
  await run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** `growthRatio` for asynchronous work (reading a paste, diagnosing it); same sizes, runs and bound. */
export async function growthRatioAsync<T>(work: (input: T) => Promise<unknown>, make: (size: number) => T, baseSize: number, runs = 3): Promise<number> {
  let size = baseSize;
  let small = make(size);
  await work(small);
  for (let step = 0; step < MAX_SIZE_STEPS && (await timeOnceAsync(() => work(small))) < MIN_RUN_MS; step++) {
    size *= 2;
    small = make(size);
  }
  const large = make(size * GROWTH_FACTOR);
  await work(large);
  let bestSmall = Infinity;
  let bestLarge = Infinity;
  for (let i = 0; i < runs; i++) {
    bestSmall = Math.min(bestSmall, await timeOnceAsync(() => work(small)));
    bestLarge = Math.min(bestLarge, await timeOnceAsync(() => work(large)));
  }
  if (bestLarge < MIN_RUN_MS) return 1;
  return bestLarge / Math.max(bestSmall, 0.05);
}

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
