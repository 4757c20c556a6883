/**
 * Callers served in the order they came, each as soon as `wait(now)` says 0 ms: one timer for the
 * whole queue, so many waiting callers cost one wake-up each. What is served, and what the wait
 * counts, is the owner's (tenant-pacer.ts: the turns, and the departures).
 */
export class GatedQueue {
  private readonly queue: ((now: number) => void)[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly now: () => number,
    private readonly wait: (now: number) => number,
  ) {}

  get length(): number {
    return this.queue.length;
  }

  /** `go` is called, with the time it was let through, when its turn in the queue has come and the wait is over. */
  add(go: (now: number) => void): void {
    this.queue.push(go);
    this.serve();
  }

  /** The wait has changed (a new rate, a pause): the timer is set again from now. */
  reschedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.serve();
  }

  private serve(): void {
    if (this.timer) return;
    while (this.queue.length > 0) {
      const now = this.now();
      const ms = this.wait(now);
      if (ms > 0) {
        this.timer = setTimeout(() => {
          this.timer = undefined;
          this.serve();
        }, ms);
        return;
      }
      this.queue.shift()!(now);
    }
  }
}
