import { KeyedBatcher } from '../concurrency/keyed-batcher.js';

/** Which cards of an incident need redrawing. */
export interface RefreshParts {
  overview: boolean;
  phases: Set<string>;
}

/**
 * Runs card refreshes one at a time per incident and folds requests that arrive while one is
 * running into a single next run. Each run reads the state after every change it covers was
 * committed, so an older picture never overwrites a newer one within this process.
 */
export class RefreshQueue {
  private readonly batcher: KeyedBatcher<RefreshParts, void>;

  constructor(run: (incidentId: string, parts: RefreshParts) => Promise<void>) {
    this.batcher = new KeyedBatcher<RefreshParts, void>(async (incidentId, requests) => {
      const parts: RefreshParts = {
        overview: requests.some((request) => request.overview),
        phases: new Set(requests.flatMap((request) => [...request.phases])),
      };
      await run(incidentId, parts);
      return requests.map(() => ({ ok: true as const, value: undefined }));
    });
  }

  request(incidentId: string, overview: boolean, phases: string[]): Promise<void> {
    return this.batcher.submit(incidentId, { overview, phases: new Set(phases) });
  }
}
