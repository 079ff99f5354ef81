import { describe, expect, it } from 'vitest';
import { t } from '../../src/core/i18n/catalogue.js';
import { AskedOnce, checkPupilNames, formTexts } from '../../src/core/privacy/privacy-check.js';
import { ANNA, BOB, createCoreFixture, FakeClock, thrown } from '../support/core-fixture.js';
import { coreServicesOn } from '../support/core-services.fixture.js';

describe('the pupil-name check asks once, and never blocks', () => {
  it('refuses a text that looks like a pupil name with a field error that asks, unless confirmed', () => {
    expect(
      thrown(() => checkPupilNames([{ field: 'note', text: 'Gesprek met Sanne de Groot uit 2C' }], false)),
    ).toMatchObject({
      code: 'InvalidInput',
      field: 'note',
      rule: 'pupilName',
      params: { fragment: 'Sanne de Groot uit 2C' },
    });
    expect(() =>
      checkPupilNames([{ field: 'note', text: 'Gesprek met Sanne de Groot uit 2C' }], true),
    ).not.toThrow();
    expect(() =>
      checkPupilNames([{ field: 'note', text: 'Gesprek met de mentor van 2C' }], false),
    ).not.toThrow();
  });

  it('finds the texts of a form with their paths', () => {
    expect(
      formTexts({ items: [{ who: 'Mentor', what: 'Bellen', id: 'r1' }], decidedOn: '2026-11-02' }),
    ).toEqual([
      { field: 'items.0.who', text: 'Mentor' },
      { field: 'items.0.what', text: 'Bellen' },
      { field: 'decidedOn', text: '2026-11-02' },
    ]);
  });

  it('remembers a dialog for a while and only once', () => {
    const clock = new FakeClock('2026-11-10T09:00:00Z');
    const asked = new AskedOnce(clock, 60_000);
    expect(asked.take('view-1')).toBe(false);
    asked.remember('view-1');
    expect(asked.take('view-1')).toBe(true);
    expect(asked.take('view-1')).toBe(false);
    asked.remember('view-2');
    clock.advance(61_000);
    expect(asked.take('view-2')).toBe(false);
  });

  it('through the services: a note, a form answer and a title are asked about once, then saved', async () => {
    const fx = await createCoreFixture();
    const core = coreServicesOn(fx);
    const incident = await fx.open({ invited: [BOB] });
    const note = (privacyConfirmed: boolean) =>
      core.interactions.handle({
        workspace: fx.workspace,
        actor: BOB,
        payload: { incidentId: incident.id, kind: 'note', stepKey: 'scope-impact' },
        spaceId: null,
        input: { note: 'Jayden (3B) heeft het doorgestuurd' },
        privacyConfirmed,
      });
    const asked = await note(false);
    expect(asked).toMatchObject({ ok: false, field: 'note', confirmable: true });
    expect(asked.message).toBe(
      t('nl', 'input.pupilName', { field: t('nl', 'field.note'), fragment: 'Jayden (3B)' }),
    );
    expect(await fx.store.notes.list(incident.id, 5)).toHaveLength(0);
    expect(await note(true)).toMatchObject({ ok: true, changed: true });

    const form = await core.interactions.handle({
      workspace: fx.workspace,
      actor: BOB,
      payload: { incidentId: incident.id, kind: 'form', stepKey: 'action-list' },
      spaceId: null,
      input: { form: { items: [{ who: 'Mentor', what: 'Bellen met de moeder van Fatima El Amrani' }] } },
    });
    expect(form).toMatchObject({ ok: false, field: 'items.0.what', confirmable: true });

    const open = await core.commands.open(fx.workspace, ANNA, {
      title: 'Foto van Sanne de Groot',
      kind: 'nude_photo',
      facts: {},
      invited: [],
    });
    expect(open).toMatchObject({ ok: false, field: 'title', confirmable: true });
    const again = await core.commands.open(fx.workspace, ANNA, {
      title: 'Foto van Sanne de Groot',
      kind: 'nude_photo',
      facts: {},
      invited: [],
      privacyConfirmed: true,
    });
    expect(again.ok).toBe(true);
  });
});
