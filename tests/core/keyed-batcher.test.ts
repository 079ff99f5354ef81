import { describe, expect, it } from 'vitest';
import { KeyedBatcher, type Outcome } from '../../src/core/concurrency/keyed-batcher.js';
import { deferred } from '../support/core-fixture.js';

interface Run {
  key: string;
  jobs: number[];
  finish: (outcomes?: Array<Outcome<string>>) => void;
  fail: (error: unknown) => void;
}

/** A batcher whose runs wait until the test finishes them; by default each job gets `done:<job>`. */
function controlledBatcher(maxBatch?: number) {
  const runs: Run[] = [];
  const batcher = new KeyedBatcher<number, string>(async (key, jobs) => {
    const gate = deferred<Array<Outcome<string>>>();
    runs.push({
      key,
      jobs,
      finish: (outcomes) =>
        gate.resolve(outcomes ?? jobs.map((job) => ({ ok: true as const, value: `done:${job}` }))),
      fail: (error) => gate.reject(error),
    });
    return gate.promise;
  }, maxBatch);
  return { batcher, runs };
}

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('KeyedBatcher', () => {
  it('jobs submitted while a batch runs go together in the next one', async () => {
    const { batcher, runs } = controlledBatcher();
    const first = batcher.submit('inc-1', 1);
    await tick();
    expect(runs.map((run) => run.jobs)).toEqual([[1]]);

    const later = [2, 3, 4, 5].map((job) => batcher.submit('inc-1', job));
    await tick();
    expect(runs).toHaveLength(1); // waits for the running batch

    runs[0]!.finish();
    expect(await first).toBe('done:1');
    await tick();
    expect(runs.map((run) => run.jobs)).toEqual([[1], [2, 3, 4, 5]]);
    runs[1]!.finish();
    expect(await Promise.all(later)).toEqual(['done:2', 'done:3', 'done:4', 'done:5']);
  });

  it('jobs submitted in the same tick as the first join its batch', async () => {
    const { batcher, runs } = controlledBatcher();
    const all = [1, 2, 3].map((job) => batcher.submit('inc-1', job));
    await tick();
    expect(runs.map((run) => run.jobs)).toEqual([[1, 2, 3]]);
    runs[0]!.finish();
    await Promise.all(all);
  });

  it('each job gets its own outcome: one refused, the others fulfilled', async () => {
    const { batcher, runs } = controlledBatcher();
    const all = [1, 2, 3].map((job) => batcher.submit('inc-1', job));
    await tick();
    const refused = new Error('StepAlreadyClaimed');
    runs[0]!.finish([
      { ok: true, value: 'one' },
      { ok: false, error: refused },
      { ok: true, value: 'three' },
    ]);
    const settled = await Promise.allSettled(all);
    expect(settled).toEqual([
      { status: 'fulfilled', value: 'one' },
      { status: 'rejected', reason: refused },
      { status: 'fulfilled', value: 'three' },
    ]);
  });

  it('a batch that throws rejects its jobs; the next batch still runs', async () => {
    const { batcher, runs } = controlledBatcher();
    const failing = batcher.submit('inc-1', 1);
    await tick();
    const next = batcher.submit('inc-1', 2);
    runs[0]!.fail(new Error('database down'));
    await expect(failing).rejects.toThrow('database down');
    await tick();
    expect(runs[1]?.jobs).toEqual([2]);
    runs[1]!.finish();
    expect(await next).toBe('done:2');
  });

  it('a batch that forgets a job rejects that job instead of leaving it waiting', async () => {
    const { batcher, runs } = controlledBatcher();
    const all = [1, 2].map((job) => batcher.submit('inc-1', job));
    await tick();
    runs[0]!.finish([{ ok: true, value: 'one' }]);
    const settled = await Promise.allSettled(all);
    expect(settled[0]).toEqual({ status: 'fulfilled', value: 'one' });
    expect(settled[1]).toMatchObject({ status: 'rejected' });
  });

  it('keys do not wait for each other', async () => {
    const { batcher, runs } = controlledBatcher();
    const a = batcher.submit('inc-1', 1);
    const b = batcher.submit('inc-2', 2);
    await tick();
    expect(runs.map((run) => [run.key, run.jobs])).toEqual([
      ['inc-1', [1]],
      ['inc-2', [2]],
    ]);
    runs[1]!.finish();
    expect(await b).toBe('done:2');
    runs[0]!.finish();
    expect(await a).toBe('done:1');
  });

  it('no batch is larger than the limit; the rest follow in order', async () => {
    const { batcher, runs } = controlledBatcher(2);
    const first = batcher.submit('inc-1', 0);
    await tick();
    const later = [1, 2, 3, 4, 5].map((job) => batcher.submit('inc-1', job));
    runs[0]!.finish();
    await first;
    for (let index = 1; index <= 3; index += 1) {
      await tick();
      runs[index]!.finish();
    }
    await Promise.all(later);
    expect(runs.map((run) => run.jobs)).toEqual([[0], [1, 2], [3, 4], [5]]);
  });

  it('after everything settled a new job starts a fresh batch', async () => {
    const { batcher, runs } = controlledBatcher();
    const first = batcher.submit('inc-1', 1);
    await tick();
    runs[0]!.finish();
    await first;
    const second = batcher.submit('inc-1', 2);
    await tick();
    expect(runs.map((run) => run.jobs)).toEqual([[1], [2]]);
    runs[1]!.finish();
    expect(await second).toBe('done:2');
  });
});
