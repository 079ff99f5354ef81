import { describe, expect, it } from 'vitest';
import { type RefreshParts, RefreshQueue } from '../../src/core/spaces/refresh-queue.js';
import { deferred } from '../support/core-fixture.js';

interface Run {
  incidentId: string;
  overview: boolean;
  phases: string[];
  finish: () => void;
  fail: (error: unknown) => void;
}

/** A queue whose runs wait until the test finishes them. */
function controlledQueue() {
  const runs: Run[] = [];
  const queue = new RefreshQueue(async (incidentId: string, parts: RefreshParts) => {
    const gate = deferred();
    runs.push({
      incidentId,
      overview: parts.overview,
      phases: [...parts.phases].sort(),
      finish: () => gate.resolve(),
      fail: (error) => gate.reject(error),
    });
    await gate.promise;
  });
  return { queue, runs };
}

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('RefreshQueue', () => {
  it('requests made before the first run starts fold into it', async () => {
    const { queue, runs } = controlledQueue();
    const a = queue.request('inc-1', false, ['direct']);
    const b = queue.request('inc-1', true, ['perpetrator']);
    await tick();
    expect(runs.map(({ overview, phases }) => ({ overview, phases }))).toEqual([
      { overview: true, phases: ['direct', 'perpetrator'] },
    ]);
    runs[0]!.finish();
    await Promise.all([a, b]);
  });

  it('many requests while a run is busy fold into one next run with the union of phases', async () => {
    const { queue, runs } = controlledQueue();
    const first = queue.request('inc-1', false, ['direct']);
    await tick();
    expect(runs).toHaveLength(1);

    const later = [
      queue.request('inc-1', false, ['communication']),
      queue.request('inc-1', true, []),
      queue.request('inc-1', false, ['communication', 'perpetrator']),
      queue.request('inc-1', false, ['direct']),
    ];
    await tick();
    expect(runs).toHaveLength(1); // the second run waits for the first

    runs[0]!.finish();
    await first;
    await tick();
    expect(runs).toHaveLength(2);
    expect(runs[1]).toMatchObject({ overview: true, phases: ['communication', 'direct', 'perpetrator'] });
    runs[1]!.finish();
    await Promise.all(later);
    await tick();
    expect(runs).toHaveLength(2);
  });

  it('runs for one incident never overlap; other incidents run alongside', async () => {
    const active = new Map<string, number>();
    let maxPerIncident = 0;
    let maxOverall = 0;
    const queue = new RefreshQueue(async (incidentId) => {
      active.set(incidentId, (active.get(incidentId) ?? 0) + 1);
      maxPerIncident = Math.max(maxPerIncident, active.get(incidentId) ?? 0);
      maxOverall = Math.max(
        maxOverall,
        [...active.values()].reduce((a, b) => a + b, 0),
      );
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
      active.set(incidentId, (active.get(incidentId) ?? 1) - 1);
    });
    const requests: Promise<void>[] = [];
    for (let round = 0; round < 20; round += 1) {
      for (const incident of ['inc-1', 'inc-2', 'inc-3'])
        requests.push(queue.request(incident, true, [`p${round}`]));
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 2));
    }
    await Promise.all(requests);
    expect(maxPerIncident).toBe(1);
    expect(maxOverall).toBeGreaterThan(1);
  });

  it('a failed run rejects its callers and does not block later requests', async () => {
    const { queue, runs } = controlledQueue();
    const failing = queue.request('inc-1', true, []);
    await tick();
    const next = queue.request('inc-1', false, ['direct']);
    runs[0]!.fail(new Error('platform down'));
    await expect(failing).rejects.toThrow('platform down');
    await tick();
    expect(runs).toHaveLength(2);
    expect(runs[1]).toMatchObject({ overview: false, phases: ['direct'] });
    runs[1]!.finish();
    await next;
  });

  it('after everything settled a new request starts a fresh run', async () => {
    const { queue, runs } = controlledQueue();
    const first = queue.request('inc-1', true, []);
    await tick();
    runs[0]!.finish();
    await first;
    const second = queue.request('inc-1', false, ['direct']);
    await tick();
    expect(runs).toHaveLength(2);
    expect(runs[1]?.phases).toEqual(['direct']);
    runs[1]!.finish();
    await second;
  });
});
