import { beforeEach, describe, expect, it } from 'vitest';
import type { ActionPayload } from '../../src/core/cards/action-payload.js';
import { createCoreServices } from '../../src/core/core-services.js';
import type { Workspace } from '../../src/core/incidents/incident.types.js';
import { parseIncidentCommand } from '../../src/core/interactions/command.parser.js';
import type { CommandService } from '../../src/core/interactions/command.service.js';
import type { InteractionService } from '../../src/core/interactions/interaction.service.js';
import type { ActionRequest } from '../../src/core/interactions/interaction.types.js';
import { DEFAULT_PLAYBOOK } from '../../src/core/playbook/builtin/index.js';
import { PlaybookRegistry } from '../../src/core/playbook/playbook.registry.js';
import { openAsPlatform } from '../support/core-fixture.js';
import { MemoryStore } from '../support/memory-store.js';
import { RecordingGateway } from '../support/recording-gateway.js';

const facts = {
  madeVoluntarily: 'unknown',
  perpetratorKnown: 'unknown',
  perpetratorAtOtherSchool: 'unknown',
  spread: 'unknown',
};
const anna = { userId: 'U-ANNA', displayName: 'Anna' };
const bas = { userId: 'U-BAS', displayName: 'Bas' };
const stranger = { userId: 'U-X', displayName: 'Xander' };

describe('interactions: one entry point for every click', () => {
  let store: MemoryStore;
  let gateway: RecordingGateway;
  let interactions: InteractionService;
  let commands: CommandService;
  let workspace: Workspace;
  let incidentId: string;
  let playbooks: PlaybookRegistry;
  let spaceId: string;
  const errors: unknown[] = [];

  const click = (actor: typeof anna, payload: Partial<ActionPayload>, extra: Partial<ActionRequest> = {}) =>
    interactions.handle({
      workspace,
      actor,
      payload: { incidentId: incidentId, kind: 'claim', ...payload } as ActionPayload,
      spaceId,
      ...extra,
    });

  beforeEach(async () => {
    store = new MemoryStore();
    gateway = new RecordingGateway();
    const clock = { now: () => new Date('2026-11-25T09:00:00Z') };
    let next = 0;
    const ids = {
      newId: () => {
        next += 1;
        return `id-${next}`;
      },
    };
    playbooks = new PlaybookRegistry(DEFAULT_PLAYBOOK);
    const deps = { store, clock, ids, playbooks };
    const reportError = (error: unknown) => errors.push(error);
    ({ interactions, commands } = createCoreServices({
      ...deps,
      gatewayFor: () => gateway,
      reportError,
    }));
    workspace = await store.workspaces.ensure('slack', 'T1', { locale: 'nl', timezone: 'Europe/Amsterdam' });
    const opened = await openAsPlatform({ commands, store }, workspace, anna, {
      title: 'Foto 2B',
      facts,
      invited: [bas],
    });
    incidentId = opened.incident.id;
    spaceId = opened.spaceId;
    gateway.calls.length = 0;
    errors.length = 0;
  });

  it('opens the incident with its space and all cards', async () => {
    const incident = await store.incidents.get(incidentId);
    expect(incident?.status).toBe('open');
    expect(spaceId).toBe('C-incident-2026-0001');
    expect((await store.cards.list(incidentId)).map((card) => card.cardKey)).toHaveLength(10);
  });

  it('answers the clicker, updates the phase card and the overview in place, and adds a timeline line', async () => {
    const result = await click(bas, { kind: 'claim', stepKey: 'scope-impact' });
    expect(result).toMatchObject({
      ok: true,
      changed: true,
      message: 'Je hebt deze stap opgepakt: Bepaal omvang en impact.',
    });
    await result.followUp;
    const updated = gateway
      .named('updateCard')
      .map((call) => call.card?.key)
      .sort();
    expect(updated).toEqual(['now', 'overview', 'phase:direct']);
    expect(gateway.named('postTimeline').map((call) => call.text)).toEqual([
      'Bas heeft “Bepaal omvang en impact” opgepakt.',
    ]);
    expect(errors).toEqual([]);
  });

  it('tells the slower colleague who was faster, in their language, and changes nothing', async () => {
    await (await click(bas, { kind: 'claim', stepKey: 'scope-impact' })).followUp;
    gateway.calls.length = 0;
    const nl = await click(anna, { kind: 'claim', stepKey: 'scope-impact' });
    expect(nl).toMatchObject({
      ok: false,
      errorCode: 'StepAlreadyClaimed',
      message: 'Bas heeft deze stap al opgepakt.',
    });
    const en = await click(anna, { kind: 'claim', stepKey: 'scope-impact' }, { locale: 'en' });
    expect(en.message).toBe('Bas has already picked up this step.');
    expect(gateway.calls).toEqual([]);
  });

  it('refuses strangers and clicks coming from another space', async () => {
    expect((await click(stranger, { kind: 'claim', stepKey: 'scope-impact' })).errorCode).toBe('NotAMember');
    const replayed = await click(
      anna,
      { kind: 'claim', stepKey: 'scope-impact' },
      { spaceId: 'C-other-incident' },
    );
    expect(replayed).toMatchObject({ ok: false, errorCode: 'ActionContextMismatch' });
    expect((await store.steps.get(incidentId, 'scope-impact'))?.status).toBe('open');
  });

  it('asks for a reason before marking not applicable', async () => {
    const missing = await click(anna, { kind: 'notApplicable', stepKey: 'police-advice' });
    expect(missing).toMatchObject({ ok: false, message: 'Reden: vul dit in.' });
    const ok = await click(
      anna,
      { kind: 'notApplicable', stepKey: 'police-advice' },
      { input: { reason: 'Al gedaan' } },
    );
    expect(ok.ok).toBe(true);
  });

  it('assigns, sets a due date at the end of the school day, and notes', async () => {
    const assigned = await click(
      anna,
      { kind: 'assign', stepKey: 'check-protocols' },
      { input: { assigneeId: 'U-BAS' } },
    );
    expect(assigned.message).toBe('Je hebt Check bestaande protocollen toegewezen aan Bas.');
    await click(bas, { kind: 'setDue', stepKey: 'check-protocols' }, { input: { dueDate: '2026-11-26' } });
    expect((await store.steps.get(incidentId, 'check-protocols'))?.dueAt).toEqual(
      new Date('2026-11-26T16:00:00Z'),
    );
    const note = await click(
      bas,
      { kind: 'note', stepKey: 'check-protocols' },
      { input: { note: 'Protocol gevonden.' } },
    );
    expect(note.message).toBe('Je notitie is opgeslagen.');
  });

  it('refuses a due date outside 2000–2100 with a field error, and keeps the one stored', async () => {
    await click(anna, { kind: 'setDue', stepKey: 'check-protocols' }, { input: { dueDate: '2026-11-26' } });
    for (const dueDate of ['1999-12-31', '2101-01-01', '0001-01-01', '9999-12-31']) {
      const refused = await click(
        anna,
        { kind: 'setDue', stepKey: 'check-protocols' },
        { input: { dueDate }, locale: 'nl' },
      );
      expect(refused).toMatchObject({ ok: false, errorCode: 'InvalidInput', field: 'dueAt' });
      expect(refused.message).toBe('Deadline: kies een datum tussen 2000 en 2100.');
    }
    const english = await click(
      anna,
      { kind: 'setDue', stepKey: 'check-protocols' },
      { input: { dueDate: '2200-01-01' }, locale: 'en' },
    );
    expect(english.message).toBe('Due date: choose a date between 2000 and 2100.');
    expect((await store.steps.get(incidentId, 'check-protocols'))?.dueAt).toEqual(
      new Date('2026-11-26T16:00:00Z'),
    );
    // The last year is allowed; 2000 lies in the past, which a new deadline may not.
    const kept = await click(
      anna,
      { kind: 'setDue', stepKey: 'check-protocols' },
      { input: { dueDate: '2100-12-31' } },
    );
    expect(kept.ok).toBe(true);
  });

  it('saves a form and names a bad field with the form label', async () => {
    const bad = await click(
      anna,
      { kind: 'form', stepKey: 'action-list' },
      { input: { form: { items: [{ what: 'bellen' }] } } },
    );
    expect(bad.message).toBe('Wie (rij 1): vul dit in.');
    const good = await click(
      anna,
      { kind: 'form', stepKey: 'action-list' },
      { input: { form: { items: [{ who: 'Mentor', what: 'bellen' }] } } },
    );
    expect(good.message).toBe('Opgeslagen: Zet acties op een rijtje.');
  });

  it('ignores a repeated delivery', async () => {
    const first = await click(bas, { kind: 'done', stepKey: 'attention-victim' }, { requestId: 'r-1' });
    const again = await click(bas, { kind: 'done', stepKey: 'attention-victim' }, { requestId: 'r-1' });
    expect([first.changed, again.changed]).toEqual([true, false]);
    expect(again.message).toBe('Dit was al zo; er is niets veranderd.');
  });

  it('refuses garbage actions without touching anything', async () => {
    const result = await click(anna, { kind: 'claim' });
    expect(result).toMatchObject({ ok: false, errorCode: 'InvalidAction' });
  });

  it('closes for the lead only and redraws every card; the space is not archived while aftercare goes on', async () => {
    expect(await commands.prepareClose(workspace, bas, spaceId)).toMatchObject({
      ok: false,
      message: expect.stringContaining('Anna'),
    });
    const prepared = await commands.prepareClose(workspace, anna, spaceId);
    expect(prepared).toMatchObject({
      ok: true,
      question: expect.stringContaining('2026-0001'),
      offerArchive: false,
    });
    const closed = await click(anna, { kind: 'close' }, { input: { archive: true } });
    expect(closed.message).toBe(
      'De acute fase van incident 2026-0001 is gesloten. Evaluatie en nazorg lopen door.',
    );
    await closed.followUp;
    expect(gateway.named('updateCard')).toHaveLength(9);
    expect(gateway.named('archiveSpace')).toEqual([]);
  });

  it('archives when asked if closing finishes the incident', async () => {
    const aftercare = (await store.steps.list(incidentId)).filter(
      (s) => s.phaseKey === 'evaluation-aftercare',
    );
    for (const step of aftercare) await (await click(bas, { kind: 'done', stepKey: step.key })).followUp;
    expect(await commands.prepareClose(workspace, anna, spaceId)).toMatchObject({
      ok: true,
      offerArchive: true,
    });
    const closed = await click(anna, { kind: 'close' }, { input: { archive: true } });
    expect(closed.message).toBe(
      'Incident 2026-0001 is gesloten en afgerond: evaluatie en nazorg waren al klaar.',
    );
    await closed.followUp;
    expect(gateway.named('archiveSpace')).toEqual([{ method: 'archiveSpace', spaceId }]);
  });

  it('warns about a shared file and records it, without the file', async () => {
    const warning = await commands.fileShared(workspace, spaceId, 'U-BAS', 'Bas');
    expect(warning).toContain('Bas, verwijder het bestand');
    expect((await store.audit.list(incidentId)).at(-1)).toMatchObject({
      action: 'incident.file_shared',
      actorId: 'U-BAS',
      details: {},
    });
    expect(await commands.fileShared(workspace, 'C-random', 'U-BAS', 'Bas')).toBeNull();
  });

  it('shows the overview in the space and a list elsewhere', async () => {
    expect((await commands.status(workspace, bas, spaceId)).kind).toBe('overview');
    const list = await commands.status(workspace, bas, 'C-general');
    expect(list.kind).toBe('list');
    expect(JSON.stringify(list)).toContain('Jouw open incidenten:');
    expect(JSON.stringify(list)).toContain('2026-0001 · Naaktfoto');
    expect(JSON.stringify(list)).toContain('Foto 2B');
    await expect(commands.status(workspace, stranger, spaceId)).rejects.toMatchObject({ code: 'NotAMember' });
  });

  it('tells the change listeners when a new incident is ready', async () => {
    const told: string[] = [];
    const core = createCoreServices({
      store,
      clock: { now: () => new Date() },
      ids: { newId: () => 'new-1' },
      playbooks,
      gatewayFor: () => gateway,
      reportError: (error) => errors.push(error),
      extensions: [
        {
          onChange: async (id, kind) => {
            told.push(`${kind}:${id}`);
          },
        },
      ],
    });
    const withListener = core.commands;
    const opened = await withListener.open(workspace, anna, {
      title: 'Tweede',
      kind: 'other',
      facts,
      invited: [],
    });
    if (!opened.ok) throw new Error(opened.message);
    await opened.followUp;
    expect(told).toEqual(['open:new-1']);
  });

  it('returns inline errors for a bad opening form', async () => {
    const result = await commands.open(workspace, anna, {
      title: '',
      kind: 'nude_photo',
      facts,
      invited: [],
    });
    expect(result).toEqual({ ok: false, field: 'title', message: 'Korte titel: vul dit in.' });
    const lead = await commands.open(workspace, anna, {
      title: 'Test',
      kind: 'nude_photo',
      facts,
      invited: [],
      leadId: 'U-Z',
    });
    expect(lead).toMatchObject({ ok: false, field: 'lead' });
  });
});

describe('parsing /incident commands', () => {
  it.each([
    ['nieuw Foto 2B', { kind: 'new', title: 'Foto 2B' }],
    ['new', { kind: 'new', title: '' }],
    ['status', { kind: 'status' }],
    ['SLUIT', { kind: 'close' }],
    ['close', { kind: 'close' }],
    ['', { kind: 'help' }],
    ['help', { kind: 'help' }],
    ['foo bar', { kind: 'unknown', word: 'foo' }],
  ])('%s', (text, expected) => {
    expect(parseIncidentCommand(text)).toEqual(expected);
  });
});
