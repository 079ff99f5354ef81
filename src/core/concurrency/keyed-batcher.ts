/** The result of one job in a batch: its own value or its own error. */
export type Outcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

interface Waiting<J, R> {
  job: J;
  resolve: (value: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Runs jobs one batch at a time per key. A job submitted while a batch for its key is running
 * waits and goes with everything else that arrived meanwhile in the next batch, so a burst of
 * work on one key costs a few runs instead of one each. Jobs submitted in the same tick as the
 * first one join its batch. Every job gets its own outcome; a batch that throws rejects its jobs
 * and later batches still run.
 */
export class KeyedBatcher<J, R> {
  private readonly queues = new Map<string, Array<Waiting<J, R>>>();

  /**
   * @param run does one batch and gives each job's outcome, in order.
   * @param limit how many of the waiting jobs may go in one batch: a number, or a function of
   *   the waiting jobs (e.g. as many as fit in one message); at least one always goes.
   */
  constructor(
    private readonly run: (key: string, jobs: J[]) => Promise<Array<Outcome<R>>>,
    private readonly limit: number | ((waiting: J[]) => number) = Number.POSITIVE_INFINITY,
  ) {}

  submit(key: string, job: J): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const waiting = this.queues.get(key);
      if (waiting) {
        waiting.push({ job, resolve, reject });
        return;
      }
      const queue = [{ job, resolve, reject }];
      this.queues.set(key, queue);
      void this.drain(key, queue);
    });
  }

  private async drain(key: string, queue: Array<Waiting<J, R>>): Promise<void> {
    await Promise.resolve();
    while (queue.length > 0) {
      const batch = queue.splice(0, Math.max(1, this.sizeOf(queue)));
      try {
        const outcomes = await this.run(
          key,
          batch.map((waiting) => waiting.job),
        );
        batch.forEach((waiting, index) => {
          const outcome = outcomes[index];
          if (!outcome) waiting.reject(new Error('Batch gave no outcome for a job'));
          else if (outcome.ok) waiting.resolve(outcome.value);
          else waiting.reject(outcome.error);
        });
      } catch (error) {
        for (const waiting of batch) waiting.reject(error);
      }
    }
    this.queues.delete(key);
  }

  private sizeOf(queue: Array<Waiting<J, R>>): number {
    return typeof this.limit === 'number' ? this.limit : this.limit(queue.map((waiting) => waiting.job));
  }
}
