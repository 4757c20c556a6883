import type { Clock } from '../clock/clock';
import type { Logger } from '../logging/logger';
import type { DurableTask, OperationalStore } from './operational-store';

export type TaskHandler = (task: DurableTask) => Promise<void>;

// Unref'd: a waiting loop never keeps the process alive on its own.
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/**
 * Works through the durable tasks in the operational store: each kind has a handler, which ends the
 * task (done or replaced) or throws to be tried again later with backoff. A task whose handler keeps
 * failing stays, with its last error, for an operator to see; none is dropped.
 */
export class TaskRunner {
  private running = false;
  private loop?: Promise<void>;
  private wake: () => void = () => undefined;

  constructor(
    private readonly ops: OperationalStore,
    private readonly handlers: Record<string, TaskHandler>,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly pollMs = 2000,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
  }

  /** Asks the runner to look for work now (after a task was added). */
  nudge(): void {
    this.wake();
  }

  /** Processes every task that is due now; returns how many were handled without error. */
  async runDue(): Promise<number> {
    let handled = 0;
    const tasks = await this.ops.tasks.due(this.clock.now().toISOString(), 50);
    for (const task of tasks) {
      const handler = this.handlers[task.kind];
      if (!handler) continue;
      try {
        await handler(task);
        handled++;
      } catch (err) {
        const delay = Math.min(15 * 60_000, 2000 * 2 ** Math.min(task.attempts, 10));
        await this.ops.tasks.postpone(task.key, new Date(this.clock.now().getTime() + delay).toISOString(), (err as Error).message);
        this.logger.warn({ task: task.kind, attempts: task.attempts + 1, err: (err as Error).message }, 'uppgift försöks igen senare');
      }
    }
    return handled;
  }

  private async run(): Promise<void> {
    while (this.running) {
      await this.runDue().catch((err: unknown) => this.logger.error({ err: (err as Error).message }, 'uppgiftskön kunde inte läsas'));
      await Promise.race([sleep(this.pollMs), new Promise<void>((resolve) => (this.wake = resolve))]);
    }
  }
}
