/** Which cards of an incident need redrawing. */
export interface RefreshParts {
  overview: boolean;
  phases: Set<string>;
}

interface QueueState {
  chain: Promise<void>;
  scheduled: Promise<void> | null;
  pending: RefreshParts | null;
}

/**
 * Runs card refreshes one at a time per incident and folds requests that arrive while one is
 * waiting into a single run. Each run reads the state after every change it covers was
 * committed, so an older picture never overwrites a newer one within this process.
 */
export class RefreshQueue {
  private readonly states = new Map<string, QueueState>();

  constructor(private readonly run: (incidentId: string, parts: RefreshParts) => Promise<void>) {}

  request(incidentId: string, overview: boolean, phases: string[]): Promise<void> {
    let state = this.states.get(incidentId);
    if (!state) {
      state = { chain: Promise.resolve(), scheduled: null, pending: null };
      this.states.set(incidentId, state);
    }
    const current = state;
    current.pending = {
      overview: (current.pending?.overview ?? false) || overview,
      phases: new Set([...(current.pending?.phases ?? []), ...phases]),
    };
    if (!current.scheduled) {
      const scheduled = current.chain.then(async () => {
        current.scheduled = null;
        const parts = current.pending ?? { overview: false, phases: new Set<string>() };
        current.pending = null;
        try {
          await this.run(incidentId, parts);
        } finally {
          if (!current.scheduled && !current.pending) this.states.delete(incidentId);
        }
      });
      current.scheduled = scheduled;
      current.chain = scheduled.catch(() => undefined);
    }
    return current.scheduled;
  }
}
