import { AsyncLocalStorage } from 'node:async_hooks';
import type { Repositories, Store } from '../../src/core/ports/store.js';
import { memoryRepositories } from './memory-repositories.js';
import { emptyState, type MemoryState } from './memory-state.js';

/** The transaction whose work is running: its calls go straight through, everyone else's wait. */
const running = new AsyncLocalStorage<{ store: MemoryStore; open: boolean }>();

/**
 * An in-memory Store for core tests. Like the embedded database (one connection), calls and
 * transactions take turns: a call made while a transaction runs waits until it has committed or
 * rolled back, so a rollback never takes a neighbour's write with it. A transaction that fails
 * puts the state back as it found it. Transactions get these same repositories (a spy on one
 * sees the calls made in transactions too). The contract suite (tests/support/contracts) holds
 * it to what PGlite and PostgreSQL do.
 */
export class MemoryStore implements Store {
  state: MemoryState = emptyState();
  private turn: Promise<unknown> = Promise.resolve();
  private readonly repos = this.taking(memoryRepositories(() => this.state));

  incidents = this.repos.incidents;
  members = this.repos.members;
  steps = this.repos.steps;
  notes = this.repos.notes;
  forms = this.repos.forms;
  audit = this.repos.audit;
  cards = this.repos.cards;
  workspaces = this.repos.workspaces;
  playbooks = this.repos.playbooks;
  requests = this.repos.requests;
  openings = this.repos.openings;

  transaction<T>(fn: (tx: Repositories) => Promise<T>): Promise<T> {
    if (this.inTransaction()) {
      // On the embedded database a second transaction would wait for the first for ever.
      return Promise.reject(new Error('MemoryStore: a transaction was started inside a transaction'));
    }
    return this.takeTurn(async () => {
      const snapshot = structuredClone(this.state);
      const context = { store: this, open: true };
      try {
        return await running.run(context, () => fn(this.repos));
      } catch (error) {
        this.state = snapshot;
        throw error;
      } finally {
        context.open = false;
      }
    });
  }

  async ping(): Promise<boolean> {
    return true;
  }

  private inTransaction(): boolean {
    const context = running.getStore();
    return context?.store === this && context.open;
  }

  private takeTurn<T>(work: () => Promise<T>): Promise<T> {
    const result = this.turn.then(work, work);
    this.turn = result.catch(() => undefined);
    return result;
  }

  /** The repositories, each call made outside a transaction waiting for its turn. */
  private taking(repos: Repositories): Repositories {
    const wrap = <R extends object>(repo: R): R =>
      Object.fromEntries(
        Object.entries(repo).map(([name, method]) => {
          const call = method as (...args: unknown[]) => Promise<unknown>;
          return [
            name,
            (...args: unknown[]) =>
              this.inTransaction() ? call(...args) : this.takeTurn(() => call(...args)),
          ];
        }),
      ) as R;
    return Object.fromEntries(
      Object.entries(repos).map(([name, repo]) => [name, wrap(repo)]),
    ) as Repositories;
  }
}
