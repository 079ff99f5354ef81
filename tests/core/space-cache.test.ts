import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Incident } from '../../src/core/incidents/incident.types.js';
import { SpaceCache } from '../../src/core/spaces/space-cache.js';
import { WORKSPACE_TTL_MS, WorkspaceService } from '../../src/core/workspaces/workspace.service.js';
import { type CoreFixture, createCoreFixture, rejection } from '../support/core-fixture.js';

let fx: CoreFixture;
let incident: Incident;
let now: number;
let cache: SpaceCache;
let workspaces: WorkspaceService;

beforeEach(async () => {
  fx = await createCoreFixture();
  incident = await fx.open();
  now = 1_000_000;
  cache = new SpaceCache(fx.store);
  workspaces = new WorkspaceService({
    store: fx.store,
    clock: { now: () => new Date(now) },
    defaults: { locale: 'nl', timezone: 'Europe/Amsterdam' },
  });
});

async function post(cardKey: string): Promise<void> {
  await fx.store.cards.save({
    incidentId: incident.id,
    cardKey,
    spaceId: 'C-INC',
    messageId: `m-${cardKey}`,
    createdAt: fx.clock.now(),
  });
}

describe('SpaceCache', () => {
  it('reads the cards on every call while the incident is still opening', async () => {
    const reads = vi.spyOn(fx.store.cards, 'list');
    await post('overview');
    expect((await cache.cards(incident)).cards).toHaveLength(1);
    await post('phase:direct');
    const later = await cache.cards(incident);
    expect(later.cards.map((card) => card.cardKey)).toEqual(['overview', 'phase:direct']);
    expect(later.overview?.messageId).toBe('m-overview');
    expect(reads).toHaveBeenCalledTimes(2);
    expect(cache.knownCards(incident.id)).toBeUndefined();
  });

  it('keeps the cards once the opening is finished: they never change after', async () => {
    await post('overview');
    await post('phase:direct');
    const ready = await fx.incidents.markReady(incident.id);
    const reads = vi.spyOn(fx.store.cards, 'list');
    const first = await cache.cards(ready);
    const again = await cache.cards(ready);
    expect(again).toBe(first);
    expect(reads).toHaveBeenCalledTimes(1);
    expect(cache.knownCards(incident.id)).toMatchObject({
      workspaceId: fx.workspace.id,
      overview: { messageId: 'm-overview', spaceId: 'C-INC' },
    });
  });
});

describe('WorkspaceService', () => {
  it('reads workspace settings again after 30 seconds, so a change in the database shows', async () => {
    expect((await workspaces.get(fx.workspace.id)).locale).toBe('nl');
    await fx.store.workspaces.update({ ...fx.workspace, locale: 'en' });
    now += WORKSPACE_TTL_MS - 1;
    expect((await workspaces.get(fx.workspace.id)).locale).toBe('nl');
    now += 2;
    expect((await workspaces.get(fx.workspace.id)).locale).toBe('en');
  });

  it('an unknown workspace is WorkspaceNotFound, and is looked up again next time', async () => {
    expect(await rejection(workspaces.get('ws-missing'))).toMatchObject({ code: 'WorkspaceNotFound' });
    const reads = vi.spyOn(fx.store.workspaces, 'get');
    await rejection(workspaces.get('ws-missing'));
    expect(reads).toHaveBeenCalledTimes(1);
  });
});
