import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../logging/logger.js';

/**
 * Runs a module's background jobs: one run of a job at a time in this process (a tick that finds
 * the last one still busy is skipped), on node-cron schedules in the school's time zone.
 */
export class JobRunner {
  private readonly tasks: ScheduledTask[] = [];
  private readonly running = new Set<Promise<unknown>>();
  private readonly busy = new Set<string>();

  constructor(
    private readonly logger: Logger,
    private readonly timezone: string,
  ) {}

  /** Runs `job` unless a run of `name` is still busy, in which case `idle` is the answer. */
  exclusive<T>(name: string, job: () => Promise<T>, idle: T): Promise<T> {
    if (this.busy.has(name)) return Promise.resolve(idle);
    this.busy.add(name);
    const promise = job().finally(() => this.busy.delete(name));
    this.running.add(promise);
    void promise.finally(() => this.running.delete(promise)).catch(() => undefined);
    return promise;
  }

  schedule(expression: string, name: string, job: () => Promise<unknown>): void {
    const task = cron.schedule(
      expression,
      () =>
        job().catch((error: unknown) => {
          this.logger.error({ err: error, job: name }, 'scheduled job failed');
        }),
      { name, timezone: this.timezone, noOverlap: true },
    );
    this.tasks.push(task);
  }

  /** Stops the schedules and waits (at most `waitMs`) for running jobs to finish. */
  async stop(waitMs: number): Promise<void> {
    for (const task of this.tasks.splice(0)) await task.destroy();
    const wait = new Promise((resolve) => setTimeout(resolve, waitMs).unref());
    await Promise.race([Promise.allSettled([...this.running]), wait]);
  }
}
