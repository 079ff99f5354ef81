import { beforeEach, describe, expect, it } from 'vitest';
import type { ActionPayload } from '../../src/core/cards/action-payload.js';
import type { Card, CardBlock, StepBlock } from '../../src/core/cards/card.types.js';
import { buildOverviewCard } from '../../src/core/cards/overview.card.js';
import { buildPhaseCard } from '../../src/core/cards/phase.card.js';
import { createCoreServices } from '../../src/core/core-services.js';
import { DomainError, InvalidInputError } from '../../src/core/errors/domain-error.js';
import { errorMessage } from '../../src/core/i18n/catalogue.js';
import type { IncidentService } from '../../src/core/incidents/incident.service.js';
import type { Workspace } from '../../src/core/incidents/incident.types.js';
import type { CommandService } from '../../src/core/interactions/command.service.js';
import type { InteractionService } from '../../src/core/interactions/interaction.service.js';
import type { ActionRequest } from '../../src/core/interactions/interaction.types.js';
import { DEFAULT_PLAYBOOK } from '../../src/core/playbook/builtin/index.js';
import { PlaybookRegistry } from '../../src/core/playbook/playbook.registry.js';
import type { SpaceService } from '../../src/core/spaces/space.service.js';
import { FakeClock, openAsPlatform, SequentialIds } from '../support/core-fixture.js';
import { MemoryStore } from '../support/memory-store.js';
import { RecordingGateway } from '../support/recording-gateway.js';

const anna = { userId: 'U-ANNA', displayName: 'Anna' };
const bas = { userId: 'U-BAS', displayName: 'Bas' };
const AFTERCARE_PHASE = 'evaluation-aftercare';
const EVALUATION = { date: '2026-12-14', wentWell: 'Snel gehandeld', couldBeBetter: 'Ouders eerder bellen' };

let store: MemoryStore;
let gateway: RecordingGateway;
let clock: FakeClock;
let interactions: InteractionService;
let commands: CommandService;
let spaces: SpaceService;
let incidents: IncidentService;
let workspace: Workspace;
let incidentId: string;
let spaceId: string;

const click = async (
  actor: typeof anna,
  payload: Partial<ActionPayload>,
  input: ActionRequest['input'] = {},
  locale?: 'nl' | 'en',
) => {
  const result = await interactions.handle({
    workspace,
    actor,
    payload: { incidentId, kind: 'claim', ...payload } as ActionPayload,
    spaceId,
    input,
    ...(locale ? { locale } : {}),
  });
  await result.followUp;
  return result;
};

const stepBlocks = (card: Card) => card.blocks.filter((b): b is StepBlock => b.type === 'step');
const stepOf = (card: Card, key: string) => stepBlocks(card).find((b) => b.stepKey === key) as StepBlock;
const lastUpdate = (key: string) =>
  gateway
    .named('updateCard')
    .map((call) => call.card as Card)
    .filter((card) => card.key === key)
    .at(-1) as Card;
const timeline = () => gateway.named('postTimeline').map((call) => call.text ?? '');
const listBlock = (card: Card, title: string) =>
  card.blocks.find((b): b is Extract<CardBlock, { type: 'list' }> => b.type === 'list' && b.title === title);

beforeEach(async () => {
  store = new MemoryStore();
  gateway = new RecordingGateway();
  clock = new FakeClock('2026-11-25T09:00:00Z'); // Wednesday, 10:00 in Amsterdam
  const playbooks = new PlaybookRegistry(DEFAULT_PLAYBOOK);
  ({ interactions, commands, spaces, incidents } = createCoreServices({
    store,
    clock,
    ids: new SequentialIds(),
    playbooks,
    gatewayFor: () => gateway,
    reportError: (error: unknown) => {
      throw error;
    },
  }));
  workspace = await store.workspaces.ensure('slack', 'T1', { locale: 'nl', timezone: 'Europe/Amsterdam' });
  const opened = await openAsPlatform({ commands, store }, workspace, anna, {
    title: 'Foto 2B',
    invited: [bas],
  });
  incidentId = opened.incident.id;
  spaceId = opened.spaceId;
  gateway.calls.length = 0;
});

describe('timeline lines say what changed', () => {
  it('names the step of a note, the new deadline as a date, and who assigned to whom', async () => {
    await click(bas, { kind: 'note', stepKey: 'scope-impact' }, { note: 'Gedeeld in de app van 3C' });
    expect(timeline().at(-1)).toBe('Bas heeft een notitie toegevoegd bij “Bepaal omvang en impact”.');
    await click(anna, { kind: 'setDue', stepKey: 'check-protocols' }, { dueDate: '2026-12-04' });
    expect(timeline().at(-1)).toMatch(/^Anna heeft de deadline van “.+” op 4 dec 2026 gezet\.$/);
    await click(anna, { kind: 'setDue', stepKey: 'check-protocols' }, { dueDate: '' });
    expect(timeline().at(-1)).toMatch(/^Anna heeft de deadline van “.+” weggehaald\.$/);
    await click(anna, { kind: 'assign', stepKey: 'scope-impact' }, { assigneeId: 'U-BAS' });
    expect(timeline().at(-1)).toBe('Anna heeft “Bepaal omvang en impact” toegewezen aan Bas.');
  });
});

describe('the close dialog says exactly what happens', () => {
  it('counts the open acute steps, the planned aftercare moments and the evaluation and aftercare steps', async () => {
    const moments = [
      { date: '2026-12-02', about: 'victim', remind: 'U-BAS' },
      { date: '2026-12-16', about: 'class', remind: 'U-BAS' },
      { date: '2027-01-06', about: 'everyone', remind: 'U-ANNA' },
    ];
    expect((await click(bas, { kind: 'form', stepKey: 'plan-aftercare' }, { form: { moments } })).ok).toBe(
      true,
    );
    await click(bas, { kind: 'done', stepKey: 'attention-victim' });
    await click(bas, { kind: 'claim', stepKey: 'scope-impact' });
    const acuteOpen = (await store.steps.list(incidentId)).filter(
      (s) => s.phaseKey !== AFTERCARE_PHASE && (s.status === 'open' || s.status === 'claimed'),
    ).length;

    const nl = await commands.prepareClose(workspace, anna, spaceId);
    expect(nl).toMatchObject({ ok: true });
    expect(nl.ok && nl.question).toBe(
      [
        'Wil je de acute fase van incident 2026-0001 sluiten?',
        `${acuteOpen} open stappen in de acute fase worden gesloten: ze blijven staan zoals ze zijn en kunnen niet meer worden gewijzigd.`,
        '3 geplande nazorgmomenten blijven staan; de herinneringen gaan gewoon uit.',
        '5 stappen van evaluatie en nazorg blijven open en te doen. Het incident is afgerond als die klaar zijn, of als jij het afrondt met “Afronden” in het menu van het overzicht.',
      ].join('\n\n'),
    );
    const en = await commands.prepareClose(workspace, anna, spaceId, 'en');
    expect(en.ok && en.question).toContain(
      '3 planned aftercare moments stay; their reminders will still be sent.',
    );

    // A moment that has passed is not "planned" any more.
    clock.set('2026-12-03T09:00:00Z');
    const later = await commands.prepareClose(workspace, anna, spaceId);
    expect(later.ok && later.question).toContain('2 geplande nazorgmomenten blijven staan');

    await click(anna, { kind: 'close' });
    expect(await commands.prepareClose(workspace, anna, spaceId)).toEqual({
      ok: false,
      message:
        'De acute fase van incident 2026-0001 is al gesloten. Evaluatie en nazorg lopen door; rond het incident af met “Afronden” in het menu van het overzicht.',
    });
  });
});

describe('after closing', () => {
  it('keeps the buttons and forms of evaluation and aftercare on the cards, and offers "Afronden"', async () => {
    await click(anna, { kind: 'close' });
    const aftercare = lastUpdate(`phase:${AFTERCARE_PHASE}`);
    expect(stepOf(aftercare, 'evaluate-zat').actions.map((a) => a.payload.kind)).toEqual([
      'claim',
      'done',
      'notApplicable',
      'form',
    ]);
    expect(stepBlocks(lastUpdate('phase:direct')).every((s) => s.actions.length === 0)).toBe(true);
    const menu = lastUpdate('overview').blocks.find((b) => b.type === 'menu');
    expect(menu?.type === 'menu' && menu.actions.map((a) => [a.label, a.input])).toContainEqual([
      'Afronden',
      'reason',
    ]);
    const form = await click(bas, { kind: 'form', stepKey: 'evaluate-zat' }, { form: EVALUATION });
    expect(form.ok, form.message).toBe(true);
    const acute = await click(bas, { kind: 'claim', stepKey: 'scope-impact' });
    expect(acute).toMatchObject({ ok: false, errorCode: 'IncidentClosed' });
  });

  it('"Afronden": lead only, with a reason; it ends evaluation and aftercare and says so in the timeline', async () => {
    const early = await click(anna, { kind: 'finish' }, { reason: 'Klaar' });
    expect(early).toMatchObject({ ok: false, errorCode: 'IncidentNotClosed' });
    await click(anna, { kind: 'close' });
    expect(await click(bas, { kind: 'finish' }, { reason: 'Klaar' })).toMatchObject({
      ok: false,
      errorCode: 'NotLead',
    });
    expect(await click(anna, { kind: 'finish' }, { reason: '' })).toMatchObject({
      ok: false,
      field: 'reason',
      message: 'Reden: vul dit in.',
    });
    const done = await click(anna, { kind: 'finish' }, { reason: 'Nazorg loopt via de jeugdarts' });
    expect(done).toMatchObject({
      ok: true,
      message: 'Incident 2026-0001 is afgerond. Er gaan geen herinneringen meer uit.',
    });
    expect(timeline().at(-1)).toBe(
      'Anna heeft incident 2026-0001 afgerond. Reden: “Nazorg loopt via de jeugdarts”',
    );
    const overview = lastUpdate('overview');
    const menu = overview.blocks.find((b) => b.type === 'menu');
    expect(menu && 'actions' in menu ? menu.actions.map((action) => action.label) : []).toEqual([
      'Dossier',
      'Heropenen',
    ]);
    expect(JSON.stringify(overview)).toContain('Afgerond');
    expect(stepBlocks(lastUpdate(`phase:${AFTERCARE_PHASE}`)).every((s) => s.actions.length === 0)).toBe(
      true,
    );

    // The lead reopens it, with a reason: the timeline says so and aftercare is workable again.
    const reopened = await click(
      anna,
      { kind: 'reopenIncident' },
      { reason: 'Ouders vragen nog een gesprek' },
    );
    expect(reopened).toMatchObject({
      ok: true,
      message: 'Incident 2026-0001 is heropend: evaluatie en nazorg kunnen weer worden bijgewerkt.',
    });
    expect(timeline().at(-1)).toBe(
      'Anna heeft incident 2026-0001 heropend. Reden: “Ouders vragen nog een gesprek”',
    );
    expect(stepBlocks(lastUpdate(`phase:${AFTERCARE_PHASE}`)).some((s) => s.actions.length > 0)).toBe(true);
  });

  it('the last evaluation or aftercare step finishes the incident, with a timeline line and every card redrawn', async () => {
    await click(anna, { kind: 'close' });
    const keys = (await store.steps.list(incidentId))
      .filter((s) => s.phaseKey === AFTERCARE_PHASE)
      .map((s) => s.key);
    for (const key of keys.slice(0, -1)) await click(bas, { kind: 'done', stepKey: key });
    gateway.calls.length = 0;
    const last = await click(bas, { kind: 'done', stepKey: keys.at(-1) });
    expect(last.message).toContain('Incident 2026-0001 is afgerond.');
    expect(timeline().at(-1)).toContain('Evaluatie en nazorg zijn klaar: incident 2026-0001 is afgerond.');
    expect(gateway.named('updateCard')).toHaveLength(9);
    expect((await store.incidents.get(incidentId))?.status).toBe('finished');
  });
});

describe('deadlines', () => {
  it('refuses a deadline in the past next to the field, with the date written out in the user’s language', async () => {
    const nl = await click(bas, { kind: 'setDue', stepKey: 'check-protocols' }, { dueDate: '2026-11-24' });
    expect(nl).toMatchObject({
      ok: false,
      field: 'dueAt',
      message: 'Deadline: deze datum ligt vóór 25 nov 2026.',
    });
    const en = await click(
      bas,
      { kind: 'setDue', stepKey: 'check-protocols' },
      { dueDate: '2026-01-01' },
      'en',
    );
    expect(en).toMatchObject({
      ok: false,
      field: 'dueAt',
      message: 'Due date: this date is before 25 Nov 2026.',
    });
    expect((await store.steps.get(incidentId, 'check-protocols'))?.dueAt).toBeNull();
    const today = await click(bas, { kind: 'setDue', stepKey: 'check-protocols' }, { dueDate: '2026-11-25' });
    expect(today.ok, today.message).toBe(true);
  });

  it('uses the school’s date: just after midnight in Amsterdam, yesterday (in UTC) is already the past', async () => {
    clock.set('2026-11-25T23:30:00Z'); // 00:30 on Thursday 26 November in Amsterdam
    const result = await click(
      bas,
      { kind: 'setDue', stepKey: 'check-protocols' },
      { dueDate: '2026-11-25' },
    );
    expect(result).toMatchObject({ ok: false, message: 'Deadline: deze datum ligt vóór 26 nov 2026.' });
  });

  it('marks an overdue step as overdue on its card and in the overview, in both languages', async () => {
    await click(bas, { kind: 'claim', stepKey: 'check-protocols' });
    await click(bas, { kind: 'setDue', stepKey: 'check-protocols' }, { dueDate: '2026-11-26' });
    let phase = await spaces.buildCard(incidentId, 'phase:direct');
    expect(stepOf(phase, 'check-protocols').statusLabel).toBe('Opgepakt');
    clock.set('2026-11-27T09:00:00Z');
    phase = await spaces.buildCard(incidentId, 'phase:direct');
    const step = stepOf(phase, 'check-protocols');
    expect(step.statusLabel).toBe('Opgepakt · te laat');
    expect(step.details).toContain('Te laat: de deadline 26 nov 2026, 17:00 is verstreken');
    const overview = await spaces.buildCard(incidentId, 'overview');
    expect(listBlock(overview, 'Over de deadline')?.items).toContainEqual(
      expect.stringMatching(/ \(te laat, deadline 26 nov 2026, 17:00\)$/),
    );

    const english = await spaces.cardContext(await incidents.view(incidentId), {
      ...workspace,
      locale: 'en',
    });
    expect(stepOf(buildPhaseCard(english, 'direct'), 'check-protocols').statusLabel).toBe(
      'Picked up · overdue',
    );
    const overviewEn = buildOverviewCard(english);
    expect(listBlock(overviewEn, 'Past the deadline')?.items).toContainEqual(
      expect.stringMatching(/ \(overdue, deadline 26 Nov 2026, 17:00\)$/),
    );
  });
});

describe('dates in error messages', () => {
  it('never shows a raw ISO date or moment: dates in the user’s language, moments in the school’s time zone', () => {
    const error = new InvalidInputError('endDate', 'notBefore', { date: '2026-12-01' });
    expect(errorMessage(error, 'nl', { formKind: 'rest_period' })).toBe(
      'Tot en met: deze datum ligt vóór 1 dec 2026.',
    );
    expect(errorMessage(error, 'en', { formKind: 'rest_period' })).toBe(
      'Until: this date is before 1 Dec 2026.',
    );
    const moment = new InvalidInputError('dueAt', 'notBefore', { date: '2026-12-01T23:30:00.000Z' });
    expect(errorMessage(moment, 'nl', { timeZone: 'Europe/Amsterdam' })).toBe(
      'Deadline: deze datum ligt vóór 2 dec 2026, 00:30.',
    );
    expect(errorMessage(moment, 'en', { timeZone: 'America/New_York' })).toBe(
      'Due date: this date is before 1 Dec 2026, 18:30.',
    );
    const other = new DomainError('IncidentClosed', { incident: '2026-0001' });
    expect(errorMessage(other, 'nl')).not.toMatch(/\d{4}-\d{2}-\d{2}(?!\d)/);
  });
});
