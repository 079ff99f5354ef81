import { beforeEach, describe, expect, it } from 'vitest';
import { type CoreServices, createCoreServices } from '../../src/core/core-services.js';
import { t } from '../../src/core/i18n/catalogue.js';
import { parseIncidentCommand } from '../../src/core/interactions/command.parser.js';
import { ANNA, BOB, CARLA, type CoreFixture, createCoreFixture, rejection } from '../support/core-fixture.js';
import { RecordingGateway } from '../support/recording-gateway.js';

const COORDINATOR = { userId: 'U-ZORG', displayName: 'Zoë' };

let fx: CoreFixture;
let core: CoreServices;

beforeEach(async () => {
  fx = await createCoreFixture('2026-11-10T09:00:00Z');
  core = createCoreServices({
    ...fx.deps,
    gatewayFor: () => new RecordingGateway(),
    reportError: () => undefined,
    coordinators: [COORDINATOR.userId],
  });
});

const text = (value: unknown) => JSON.stringify(value);

describe('incident overzicht, for the care coordinators', () => {
  it('lists every incident with number and progress, titles only where the coordinator is a member', async () => {
    const secret = await fx.open({ title: 'Foto van leerling X', invited: [BOB] });
    await core.spaces.finishOpening(secret.id);
    const own = await fx.open({ title: 'Filmpje 3C', invited: [COORDINATOR] });
    await core.spaces.finishOpening(own.id);
    await fx.steps.act({ incidentId: secret.id, actor: BOB, stepKey: 'scope-impact' }, { kind: 'claim' });
    await fx.steps.act(
      { incidentId: secret.id, actor: ANNA, stepKey: 'check-protocols' },
      { kind: 'setDue', dueAt: new Date('2026-11-09T16:00:00Z') },
    );

    const card = await core.commands.schoolOverview(fx.workspace, COORDINATOR, 'nl');
    const shown = text(card);
    expect(shown).toContain(secret.number);
    expect(shown).toContain(own.number);
    expect(shown).not.toContain('Foto van leerling X');
    expect(shown).toContain('Filmpje 3C');
    expect(shown).toContain(t('nl', 'overview.school.note'));
    expect(shown).toContain(t('nl', 'summary.overdue', { count: 1 }));
    expect(shown).toContain(t('nl', 'summary.progress', { done: 0, total: 31, busy: 1 }).slice(0, 10));
    // A link into a space only where the coordinator may open it.
    const links = card.blocks.filter((block) => block.type === 'spaceLink');
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({ spaceId: `C-incident-${own.number}` });
  });

  it('is refused to anyone the workspace does not name, without a word about the incidents', async () => {
    await fx.open({ title: 'Geheim' });
    const error = await rejection(core.commands.schoolOverview(fx.workspace, BOB, 'nl'));
    expect(error).toMatchObject({ code: 'NotCoordinator' });
    expect(text(error)).not.toContain('Geheim');
  });

  it('a workspace can name its own coordinators in its settings', async () => {
    await fx.store.workspaces.update({ ...fx.workspace, settings: { coordinators: [CARLA.userId] } });
    const workspace = { ...fx.workspace, settings: { coordinators: [CARLA.userId] } };
    await expect(core.commands.schoolOverview(workspace, CARLA, 'en')).resolves.toMatchObject({
      key: 'list',
    });
  });

  it('parses "overzicht" and "overview" as the overview, not the status', () => {
    expect(parseIncidentCommand('overzicht')).toEqual({ kind: 'overview' });
    expect(parseIncidentCommand('overview')).toEqual({ kind: 'overview' });
  });
});

describe('incident status outside an incident space', () => {
  it('lists the asker’s incidents with progress, the phase, and a link', async () => {
    const incident = await fx.open({ title: 'Foto 2B', invited: [BOB] });
    await core.spaces.finishOpening(incident.id);
    await fx.open({ title: 'Niet van Bob', invited: [CARLA] });
    const status = await core.commands.status(fx.workspace, BOB, null, 'nl');
    expect(status.kind).toBe('list');
    const shown = text(status);
    expect(shown).toContain('Foto 2B');
    expect(shown).not.toContain('Niet van Bob');
    expect(shown).toContain(t('nl', 'summary.phase', { index: 1, count: 7, phase: 'Direct' }));
    expect(shown).toContain(t('nl', 'summary.noAftercare'));
  });

  it('says so when there are none', async () => {
    expect(await core.commands.status(fx.workspace, CARLA, null, 'nl')).toEqual({
      kind: 'none',
      text: t('nl', 'command.noIncidents'),
    });
  });
});

describe('closed and finished incidents in the lists', () => {
  it('a closed incident is in its evaluation and aftercare; a finished one says so', async () => {
    const incident = await fx.open({ title: 'Foto 2B', invited: [BOB] });
    await core.spaces.finishOpening(incident.id);
    await fx.steps.act(
      { incidentId: incident.id, actor: ANNA, stepKey: 'check-protocols' },
      { kind: 'setDue', dueAt: new Date('2026-11-09T16:00:00Z') },
    );
    await fx.incidents.close({ incidentId: incident.id, actor: ANNA });
    const closed = text(await core.commands.status(fx.workspace, BOB, null, 'nl'));
    expect(closed).toContain('acute fase gesloten, nazorg loopt');
    expect(closed).toContain('fase 7 van 7: Evaluatie en nazorg');
    // The acute step's deadline no longer counts: nobody can act on it.
    expect(closed).not.toContain(t('nl', 'summary.overdue', { count: 1 }));

    await fx.incidents.finish({ incidentId: incident.id, actor: ANNA }, 'Nazorg via de jeugdarts');
    const finished = text(await core.commands.status(fx.workspace, BOB, null, 'en'));
    expect(finished).toContain(' · finished');
  });
});
