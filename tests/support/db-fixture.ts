import { afterAll, beforeAll } from 'vitest';
import type { Actor } from '../../src/core/incidents/incident.access.js';
import {
  IncidentService,
  type OpenIncidentCommand,
  type ServiceDeps,
} from '../../src/core/incidents/incident.service.js';
import type { Incident } from '../../src/core/incidents/incident.types.js';
import { StepService } from '../../src/core/incidents/step.service.js';
import { BUILTIN_PLAYBOOKS, DEFAULT_PLAYBOOK } from '../../src/core/playbook/builtin/index.js';
import { PlaybookRegistry } from '../../src/core/playbook/playbook.registry.js';
import { syncPlaybooks } from '../../src/core/playbook/playbook.sync.js';
import type { Clock } from '../../src/core/ports/clock.js';
import { uuidGenerator } from '../../src/core/ports/ids.js';
import type { Store } from '../../src/core/ports/store.js';
import type { DatabaseHandle } from '../../src/db/connect.js';
import { createKyselyStore } from '../../src/db/kysely-store.js';
import { FakeClock, UNKNOWN_FACTS } from './core-fixture.js';

export interface DbFixture {
  store: Store;
  clock: Clock & { set(date: Date): void };
  playbooks: PlaybookRegistry;
  incidents: IncidentService;
  steps: StepService;
  /** What the services are made from, to make more (a second app instance). */
  services: ServiceDeps;
  workspaceId: string;
  /**
   * Opens an incident in the fixture's workspace: `actor` opens and leads, a naaktfoto, all facts
   * unknown, nobody invited, unless `fields` says otherwise.
   */
  open(actor: Actor, fields?: Partial<Omit<OpenIncidentCommand, 'actor' | 'workspaceId'>>): Promise<Incident>;
}

/** Services wired to a real database, with the built-in playbook stored and one workspace. */
export async function dbFixture(handle: DatabaseHandle, externalId = 'T-TEST'): Promise<DbFixture> {
  const clock = new FakeClock('2026-11-25T09:00:00Z');
  const store = createKyselyStore(handle.db);
  const playbooks = new PlaybookRegistry(DEFAULT_PLAYBOOK);
  // Every built-in version, as the app stores them: older incidents keep the version they had.
  await syncPlaybooks(store, playbooks, [...BUILTIN_PLAYBOOKS]);
  const workspace = await store.workspaces.ensure('slack', externalId, {
    locale: 'nl',
    timezone: 'Europe/Amsterdam',
  });
  const deps = { store, clock, ids: uuidGenerator, playbooks };
  const incidents = new IncidentService(deps);
  const open: DbFixture['open'] = async (actor, fields = {}) => {
    const opened = await incidents.open({
      workspaceId: workspace.id,
      actor,
      title: 'Foto klas 2B',
      kind: 'nude_photo',
      facts: UNKNOWN_FACTS,
      invited: [],
      ...fields,
    });
    return opened.value;
  };
  return {
    store,
    clock,
    playbooks,
    incidents,
    open,
    steps: new StepService(deps),
    services: deps,
    workspaceId: workspace.id,
  };
}

/** The facts of an incident nobody knows anything about yet (one definition, in core-fixture). */
export { UNKNOWN_FACTS };

/** A block's database and the fixture on it, there once the block's first `beforeAll` has run. */
export interface BlockFixture {
  readonly handle: DatabaseHandle;
  readonly fx: DbFixture;
}

/**
 * Opens `target` and a fixture on it before the block's tests (ahead of the block's own
 * `beforeAll`, which may use them) and closes the database after them.
 */
export function blockFixture(target: { open(): Promise<DatabaseHandle> }): BlockFixture {
  const held: { handle?: DatabaseHandle; fx?: DbFixture } = {};
  beforeAll(async () => {
    held.handle = await target.open();
    held.fx = await dbFixture(held.handle);
  });
  afterAll(async () => held.handle?.close());
  return {
    get handle() {
      if (!held.handle) throw new Error('blockFixture: the database is not open yet');
      return held.handle;
    },
    get fx() {
      if (!held.fx) throw new Error('blockFixture: the database is not open yet');
      return held.fx;
    },
  };
}
