import { beforeEach, describe, expect, it } from 'vitest';
import type { Incident, Workspace } from '../../src/core/incidents/incident.types.js';
import { SpaceService, spaceNameFor } from '../../src/core/spaces/space.service.js';
import {
  ANNA,
  BOB,
  BUILTIN_CARD_KEYS,
  type CoreFixture,
  createCoreFixture,
  rejection,
} from '../support/core-fixture.js';
import { RecordingGateway } from '../support/recording-gateway.js';

let fx: CoreFixture;
let gateway: RecordingGateway;
let spaces: SpaceService;
let incident: Incident;
const gatewayWorkspaces: Workspace[] = [];

beforeEach(async () => {
  fx = await createCoreFixture();
  gateway = new RecordingGateway({ idPrefix: 'g1-msg-' });
  gatewayWorkspaces.length = 0;
  spaces = new SpaceService({
    store: fx.store,
    incidents: fx.incidents,
    workspaces: fx.workspaces,
    playbooks: fx.playbooks,
    clock: fx.clock,
    gatewayFor: (workspace) => {
      gatewayWorkspaces.push(workspace);
      return gateway;
    },
  });
  incident = await fx.open();
});

describe('finishOpening', () => {
  it('creates one space named after the number, posts 10 cards in order, pins "Nu eerst" and the overview, opens', async () => {
    const opened = await spaces.finishOpening(incident.id);

    expect(gateway.spaces).toHaveLength(1);
    expect(gateway.spaces[0]).toMatchObject({
      name: 'incident-2026-0001',
      workspace: { id: fx.workspace.id },
    });
    expect(gateway.spaces[0]?.name).toBe(spaceNameFor(incident));
    expect(gateway.spaces[0]?.members).toEqual([
      { userId: ANNA.userId, displayName: 'Anna', isLead: true },
      { userId: BOB.userId, displayName: 'Bob', isLead: false },
      { userId: 'U-CARLA', displayName: 'Carla', isLead: false },
    ]);
    expect(gateway.named('postCard').map((p) => p.card?.key)).toEqual(BUILTIN_CARD_KEYS);
    expect(gateway.named('postCard').every((p) => p.spaceId === 'C-incident-2026-0001')).toBe(true);
    expect(gateway.named('pinCard').map((p) => p.messageId)).toEqual(['g1-msg-1', 'g1-msg-2']);
    expect(opened).toMatchObject({ status: 'open', spaceId: 'C-incident-2026-0001' });
    expect(await fx.store.incidents.get(incident.id)).toMatchObject({ status: 'open' });
    const stored = await fx.store.cards.list(incident.id);
    expect(stored.map((c) => [c.cardKey, c.messageId])).toEqual(
      BUILTIN_CARD_KEYS.map((key, i) => [key, `g1-msg-${i + 1}`]),
    );
  });

  it('the space name never contains the title', async () => {
    await spaces.finishOpening(incident.id);
    expect(gateway.spaces[0]?.name).not.toContain('Foto');
  });

  it('calling it again posts nothing new', async () => {
    await spaces.finishOpening(incident.id);
    await spaces.finishOpening(incident.id);
    expect(gateway.spaces).toHaveLength(1);
    expect(gateway.named('postCard')).toHaveLength(10);
    expect(gateway.named('pinCard')).toHaveLength(2);
    expect(fx.store.state.audit.filter((a) => a.action === 'incident.ready')).toHaveLength(1);
  });

  it('two calls at the same time share one opening', async () => {
    const [a, b] = await Promise.all([spaces.finishOpening(incident.id), spaces.finishOpening(incident.id)]);
    expect(a.status).toBe('open');
    expect(b.status).toBe('open');
    expect(gateway.spaces).toHaveLength(1);
    expect(gateway.named('postCard')).toHaveLength(10);
  });

  it('after a crash on the 4th card a second attempt posts only the missing 7 in the same space', async () => {
    gateway = new RecordingGateway({ idPrefix: 'g1-msg-', failPostAt: 4 });
    expect(await rejection(spaces.finishOpening(incident.id))).toMatchObject({ message: 'connection reset' });
    const halfway = await fx.store.incidents.get(incident.id);
    expect(halfway).toMatchObject({ status: 'opening', spaceId: 'C-incident-2026-0001' });
    expect((await fx.store.cards.list(incident.id)).map((c) => c.cardKey)).toEqual(
      BUILTIN_CARD_KEYS.slice(0, 3),
    );

    const first = gateway;
    gateway = new RecordingGateway({ idPrefix: 'g2-msg-' });
    const opened = await spaces.finishOpening(incident.id);
    expect(opened.status).toBe('open');
    expect(gateway.spaces).toEqual([]);
    expect(gateway.named('postCard').map((p) => p.card?.key)).toEqual(BUILTIN_CARD_KEYS.slice(3));
    expect(gateway.named('postCard').every((p) => p.spaceId === 'C-incident-2026-0001')).toBe(true);
    expect(gateway.named('pinCard').map((p) => p.messageId)).toEqual([]);
    expect(first.named('pinCard').map((p) => p.messageId)).toEqual(['g1-msg-1', 'g1-msg-2']);
    const stored = await fx.store.cards.list(incident.id);
    expect(stored.map((c) => c.cardKey)).toEqual(BUILTIN_CARD_KEYS);
    expect(stored[3]?.messageId).toBe('g2-msg-1');
  });

  it('a card found on the platform is not posted twice', async () => {
    gateway = new RecordingGateway({ idPrefix: 'g1-msg-', failPostAt: 2 });
    await rejection(spaces.finishOpening(incident.id));
    const finder = new RecordingGateway({ idPrefix: 'g3-msg-' });
    finder.findCard = async (_spaceId, _incidentId, cardKey) =>
      cardKey === 'overview' ? { messageId: 'found-1' } : null;
    gateway = finder;
    await spaces.finishOpening(incident.id);
    expect(finder.named('postCard').map((p) => p.card?.key)).toEqual(BUILTIN_CARD_KEYS.slice(2));
    expect((await fx.store.cards.list(incident.id)).find((c) => c.cardKey === 'overview')?.messageId).toBe(
      'found-1',
    );
  });

  it('a closed incident is left alone', async () => {
    await fx.incidents.close({ incidentId: incident.id, actor: ANNA });
    expect((await spaces.finishOpening(incident.id)).status).toBe('closed');
    expect(gateway.spaces).toEqual([]);
    expect(gateway.named('postCard')).toEqual([]);
  });
});

describe('resumeUnfinished', () => {
  it('finishes every incident still opening and reports failures', async () => {
    const second = await fx.open();
    const third = await fx.open();
    await spaces.finishOpening(third.id);
    gateway.calls.length = 0;

    const errors: string[] = [];
    const finished = await spaces.resumeUnfinished((failed) => errors.push(failed.id));
    expect(finished).toBe(2);
    expect(errors).toEqual([]);
    expect(gateway.named('postCard')).toHaveLength(20);
    for (const id of [incident.id, second.id, third.id]) {
      expect((await fx.store.incidents.get(id))?.status).toBe('open');
    }
    expect(await fx.incidents.listUnfinishedOpenings()).toEqual([]);
  });

  it('one failing opening does not stop the others', async () => {
    const second = await fx.open();
    gateway = new RecordingGateway({ idPrefix: 'g1-msg-', failPostAt: 1 });
    const errors: string[] = [];
    expect(await spaces.resumeUnfinished((failed) => errors.push(failed.id))).toBe(1);
    expect(errors).toEqual([incident.id]);
    expect((await fx.store.incidents.get(second.id))?.status).toBe('open');
  });
});

describe('refresh', () => {
  it('redraws the overview once the opening is done, so it no longer says "wordt geopend"', async () => {
    await spaces.finishOpening(incident.id);
    expect(gateway.named('updateCard').map((u) => u.card?.key)).toEqual(['overview']);
    const overview = JSON.stringify(gateway.named('updateCard')[0]?.card);
    expect(overview).not.toContain('Wordt geopend');
    expect(JSON.stringify(gateway.named('postCard')[1]?.card)).toContain('Wordt geopend');
  });

  it('after a claim in Direct redraws the overview, "Nu eerst" and that phase card only', async () => {
    await spaces.finishOpening(incident.id);
    gateway.calls.length = 0;
    await fx.steps.act({ incidentId: incident.id, actor: BOB, stepKey: 'police-advice' }, { kind: 'claim' });

    await spaces.refresh(incident.id, ['direct']);

    expect(gateway.named('updateCard').map((u) => [u.card?.key, u.messageId])).toEqual([
      ['overview', 'g1-msg-2'],
      ['now', 'g1-msg-1'],
      ['phase:direct', 'g1-msg-3'],
    ]);
    for (const { card } of gateway.named('updateCard').slice(1)) {
      const step = card?.blocks.find((b) => b.type === 'step' && b.stepKey === 'police-advice');
      expect(step).toMatchObject({ status: 'claimed', details: ['Opgepakt door Bob'] });
    }
  });

  it('a change in another phase leaves "Nu eerst" alone', async () => {
    await spaces.finishOpening(incident.id);
    gateway.calls.length = 0;
    await spaces.refresh(incident.id, ['communication']);
    expect(gateway.named('updateCard').map((u) => u.card?.key)).toEqual(['overview', 'phase:communication']);
  });

  it('an incident opened before "Nu eerst" existed gets it, pinned, on its next redraw, once', async () => {
    await spaces.finishOpening(incident.id);
    fx.store.state.cards = fx.store.state.cards.filter((c) => c.cardKey !== 'now');
    gateway = new RecordingGateway({ idPrefix: 'g2-msg-' });
    const later = new SpaceService({
      store: fx.store,
      incidents: fx.incidents,
      workspaces: fx.workspaces,
      playbooks: fx.playbooks,
      clock: fx.clock,
      gatewayFor: () => gateway,
    });
    await later.refresh(incident.id, []);
    expect(gateway.named('postCard').map((p) => p.card?.key)).toEqual(['now']);
    expect(gateway.named('pinCard').map((p) => p.messageId)).toEqual(['g2-msg-1']);
    expect((await fx.store.cards.list(incident.id)).find((c) => c.cardKey === 'now')?.messageId).toBe(
      'g2-msg-1',
    );
    await later.refresh(incident.id, ['direct']);
    expect(gateway.named('postCard')).toHaveLength(1);
    expect(gateway.named('updateCard').map((u) => u.card?.key)).toEqual([
      'overview',
      'overview',
      'now',
      'phase:direct',
    ]);
  });

  it('unknown phases and unposted cards are skipped; refreshAll redraws all 9', async () => {
    await spaces.refresh(incident.id, ['direct']);
    expect(gateway.named('updateCard')).toEqual([]);
    await spaces.finishOpening(incident.id);
    gateway.calls.length = 0;
    await spaces.refresh(incident.id, ['no-such-phase'], false);
    expect(gateway.named('updateCard')).toEqual([]);
    await spaces.refreshAll(incident.id);
    expect(gateway.named('updateCard').map((u) => u.card?.key)).toEqual([
      'overview',
      'now',
      ...BUILTIN_CARD_KEYS.slice(2, 9),
    ]);
  });

  it('timeline lines go under the overview', async () => {
    await spaces.timeline(incident.id, 'nog geen kanaal');
    expect(gateway.named('postTimeline')).toEqual([]);
    await spaces.finishOpening(incident.id);
    await spaces.timeline(incident.id, 'Bob heeft iets gedaan');
    expect(gateway.named('postTimeline')).toMatchObject([
      { messageId: 'g1-msg-2', text: 'Bob heeft iets gedaan' },
    ]);
    expect(gatewayWorkspaces.every((w) => w.id === fx.workspace.id)).toBe(true);
  });
});
