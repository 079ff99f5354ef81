import { beforeEach, describe, expect, it } from 'vitest';
import type { ActionPayload } from '../../src/core/cards/action-payload.js';
import type { Card, StepBlock } from '../../src/core/cards/card.types.js';
import { createCoreServices } from '../../src/core/core-services.js';
import type { Workspace } from '../../src/core/incidents/incident.types.js';
import type { InteractionService } from '../../src/core/interactions/interaction.service.js';
import type { ActionInputValues } from '../../src/core/interactions/interaction.types.js';
import { DEFAULT_PLAYBOOK } from '../../src/core/playbook/builtin/index.js';
import { PlaybookRegistry } from '../../src/core/playbook/playbook.registry.js';
import { FakeClock, openAsPlatform } from '../support/core-fixture.js';
import { MemoryStore } from '../support/memory-store.js';
import { RecordingGateway } from '../support/recording-gateway.js';

const anna = { userId: 'U-ANNA', displayName: 'Anna' };
const bas = { userId: 'U-BAS', displayName: 'Bas' };
const stranger = { userId: 'U-X', displayName: 'Xander' };
const STEP = 'action-list';

describe('tasks on the action list', () => {
  let store: MemoryStore;
  let gateway: RecordingGateway;
  let interactions: InteractionService;
  let workspace: Workspace;
  let incidentId: string;
  let clock: FakeClock;

  const click = async (actor: typeof anna, kind: ActionPayload['kind'], input?: ActionInputValues) => {
    const result = await interactions.handle({
      workspace,
      actor,
      payload: { incidentId, kind, stepKey: STEP },
      spaceId: null,
      ...(input ? { input } : {}),
    });
    await result.followUp;
    return result;
  };
  const rows = async () =>
    ((await store.forms.get(incidentId, STEP))?.data.items ?? []) as Array<Record<string, unknown>>;
  const lastCard = (key: string): Card => {
    const card = gateway
      .named('updateCard')
      .filter((call) => call.card?.key === key)
      .at(-1)?.card;
    if (!card) throw new Error(`no update of ${key}`);
    return card;
  };
  const actionList = () =>
    lastCard('phase:direct').blocks.find(
      (block): block is StepBlock => block.type === 'step' && block.stepKey === STEP,
    );
  const task = (rowId: string, due: string, extra: Partial<{ ownerId: string; done: boolean }> = {}) => ({
    task: { rowId, ownerId: bas.userId, due, done: false, ...extra },
  });

  beforeEach(async () => {
    store = new MemoryStore();
    gateway = new RecordingGateway();
    clock = new FakeClock('2026-12-01T09:00:00Z');
    let next = 0;
    const ids = { newId: () => `id-${++next}` };
    const playbooks = new PlaybookRegistry(DEFAULT_PLAYBOOK);
    let commands: Parameters<typeof openAsPlatform>[0]['commands'];
    ({ interactions, commands } = createCoreServices({
      store,
      clock,
      ids,
      playbooks,
      gatewayFor: () => gateway,
      reportError: (error) => {
        throw error;
      },
    }));
    workspace = await store.workspaces.ensure('slack', 'T1', { locale: 'nl', timezone: 'Europe/Amsterdam' });
    incidentId = (
      await openAsPlatform({ commands, store }, workspace, anna, { title: 'Foto 2B', invited: [bas] })
    ).incident.id;
    const saved = await click(anna, 'form', {
      form: {
        items: [
          { who: 'mentor', what: 'Ouders bellen' },
          { who: 'zorg', what: 'Gesprek met de klas' },
        ],
      },
    });
    expect(saved.ok, saved.message).toBe(true);
  });

  it('offers "Taak maken" with the stored rows, and shows a task on the card once made', async () => {
    const [first] = await rows();
    const offered = actionList()?.menu.find((action) => action.payload.kind === 'task');
    expect(offered).toMatchObject({
      label: 'Taak maken',
      input: 'task',
      options: [
        { value: first?.id, label: 'Ouders bellen' },
        { value: expect.any(String), label: 'Gesprek met de klas' },
      ],
    });
    gateway.calls.length = 0;
    const made = await click(anna, 'task', task(String(first?.id), '2026-12-04'));
    expect(made).toMatchObject({
      ok: true,
      changed: true,
      message: 'De taak is opgeslagen: Ouders bellen — Bas, vóór 4 dec 2026.',
    });
    expect(gateway.named('postTimeline').map((call) => call.text)).toEqual([
      'Anna heeft een taak gemaakt: Ouders bellen — Bas, vóór 4 dec 2026',
    ]);
    expect(actionList()?.details).toContain('Taak: Ouders bellen — Bas, vóór 4 dec 2026');
    const audit = (await store.audit.list(incidentId)).filter((event) => event.action === 'form.task_set');
    expect(audit.map((event) => [event.actorId, event.details])).toEqual([
      ['U-ANNA', { step: STEP, row: first?.id, owner: 'U-BAS', due: '2026-12-04', done: false }],
    ]);
  });

  it('changes the task of a row saved again, marks it late after its day and done when done', async () => {
    const [first] = await rows();
    const rowId = String(first?.id);
    await click(anna, 'task', task(rowId, '2026-12-04'));
    const changed = await click(bas, 'task', task(rowId, '2026-12-07', { ownerId: anna.userId }));
    expect(changed.ok, changed.message).toBe(true);
    expect(gateway.named('postTimeline').at(-1)?.text).toBe(
      'Bas heeft een taak aangepast: Ouders bellen — Anna, vóór 7 dec 2026',
    );
    clock.set('2026-12-07T23:30:00Z'); // past midnight in Amsterdam: the 7th has ended
    await click(bas, 'note', { note: 'Nog niet gelukt' });
    expect(actionList()?.details).toContain('Taak: Ouders bellen — Anna, vóór 7 dec 2026 (te laat)');
    const done = await click(anna, 'task', task(rowId, '2026-12-07', { ownerId: anna.userId, done: true }));
    expect(done.ok, done.message).toBe(true);
    expect(gateway.named('postTimeline').at(-1)?.text).toBe('Anna heeft een taak afgerond: Ouders bellen');
    expect(actionList()?.details).toContain('Taak: Ouders bellen — Anna, vóór 7 dec 2026 (klaar)');
  });

  it('keeps the tasks when the action list itself is saved again', async () => {
    const [first, second] = await rows();
    await click(anna, 'task', task(String(first?.id), '2026-12-04'));
    await click(anna, 'form', {
      form: { items: [{ ...first, what: 'Beide ouders bellen' }, second] },
    });
    expect((await rows())[0]).toMatchObject({
      what: 'Beide ouders bellen',
      taskOwner: 'U-BAS',
      taskDue: '2026-12-04',
    });
  });

  it('refuses an unknown row, an owner outside the incident, a past date and strangers, and changes nothing', async () => {
    const [first] = await rows();
    const rowId = String(first?.id);
    expect(await click(anna, 'task', task('no-such-row', '2026-12-04'))).toMatchObject({
      ok: false,
      field: 'taskRow',
      message: 'Actie: kies een van de mogelijkheden.',
    });
    expect(await click(anna, 'task', task(rowId, '2026-12-04', { ownerId: stranger.userId }))).toMatchObject({
      ok: false,
      field: 'taskOwner',
      message: 'Wie doet het: deze collega is geen lid van het incident.',
    });
    expect(await click(anna, 'task', task(rowId, '2026-11-30'))).toMatchObject({
      ok: false,
      field: 'taskDue',
      message: 'Klaar vóór: deze datum ligt vóór 1 dec 2026.',
    });
    expect((await click(stranger, 'task', task(rowId, '2026-12-04'))).errorCode).toBe('NotAMember');
    expect((await rows()).some((row) => 'taskOwner' in row)).toBe(false);
  });

  it('refuses a task once the acute phase is closed', async () => {
    const [first] = await rows();
    await (
      await interactions.handle({
        workspace,
        actor: anna,
        payload: { incidentId, kind: 'close' },
        spaceId: null,
      })
    ).followUp;
    expect((await click(anna, 'task', task(String(first?.id), '2026-12-04'))).errorCode).toBe(
      'IncidentClosed',
    );
  });
});
