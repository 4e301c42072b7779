/**
 * Runs `task` after changes settle: pokes within `quietMs` of each other make one run (but a
 * steady stream of pokes still runs it every `maxWaitMs`), a poke during a run makes one more run
 * after it, and runs never overlap. `task` reports its own failures; it must not reject.
 */
export class RefreshRunner {
  private timer: NodeJS.Timeout | undefined;
  private pendingSince = 0;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(
    private readonly task: () => Promise<void>,
    private readonly quietMs: number,
    private readonly maxWaitMs = quietMs * 5,
  ) {}

  poke(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    const now = Date.now();
    if (this.timer === undefined) this.pendingSince = now;
    clearTimeout(this.timer);
    const delay = Math.min(this.quietMs, Math.max(0, this.pendingSince + this.maxWaitMs - now));
    this.timer = setTimeout(() => this.run(), delay);
  }

  /** Runs now (after the run in flight, if any); resolves when that run is done. */
  async runNow(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    while (this.running) await this.running;
    this.run();
    await this.running;
  }

  /** No more runs; resolves when the current one (if any) has finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private run(): void {
    this.timer = undefined;
    this.running = this.task().finally(() => {
      this.running = undefined;
      if (this.again && !this.stopped) {
        this.again = false;
        this.poke();
      }
    });
  }
}
