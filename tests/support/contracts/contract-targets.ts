import { afterAll, beforeAll, describe } from 'vitest';
import type { Store } from '../../../src/core/ports/store.js';
import { createKyselyStore } from '../../../src/db/kysely-store.js';
import type { ReminderStore } from '../../../src/features/reminders/reminder.port.js';
import { reminderRepository } from '../../../src/features/reminders/reminder.repository.js';
import type { RetentionStore } from '../../../src/features/retention/retention.port.js';
import { retentionRepository } from '../../../src/features/retention/retention.repository.js';
import {
  MemoryReminderStore,
  MemoryRetentionStore,
} from '../../features/reminders/support/memory-reminder-store.js';
import { databaseTargets, type TargetName } from '../databases.js';
import { MemoryStore } from '../memory-store.js';

/** The stores a contract speaks to, all over the same data. */
export interface ContractStores {
  store: Store;
  reminders: ReminderStore;
  retention: RetentionStore;
}

export interface ContractTarget {
  name: 'memory' | TargetName;
  available: boolean;
  open(): Promise<ContractStores & { close(): Promise<void> }>;
}

/** The in-memory stores of the core tests, and the real ones on PGlite and on the server. */
export function contractTargets(): ContractTarget[] {
  const memory: ContractTarget = {
    name: 'memory',
    available: true,
    async open() {
      const store = new MemoryStore();
      const reminders = new MemoryReminderStore(store);
      const retention = new MemoryRetentionStore(store, reminders);
      return { store, reminders, retention, close: async () => undefined };
    },
  };
  const databases = databaseTargets().map(
    (target): ContractTarget => ({
      name: target.name,
      available: target.available,
      async open() {
        const handle = await target.open();
        return {
          store: createKyselyStore(handle.db),
          reminders: reminderRepository(handle.db),
          retention: retentionRepository(handle.db),
          close: () => handle.close(),
        };
      },
    }),
  );
  return [memory, ...databases];
}

/**
 * Runs a contract's cases once per target. Each target opens one database for all its cases (a
 * new one per case would cost a second each), so every case makes its own workspace and
 * incidents, and reads what the store lists for everyone only as far as its own rows go.
 */
export function describeContract(title: string, cases: (stores: () => ContractStores) => void): void {
  for (const target of contractTargets()) {
    describe.skipIf(!target.available)(`${title} [${target.name}]`, () => {
      let opened: (ContractStores & { close(): Promise<void> }) | undefined;
      beforeAll(async () => {
        opened = await target.open();
      });
      afterAll(async () => opened?.close());
      cases(() => {
        if (!opened) throw new Error(`the ${target.name} store did not open`);
        return opened;
      });
    });
  }
}
