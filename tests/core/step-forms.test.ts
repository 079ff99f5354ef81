import { beforeEach, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/core/errors/domain-error.js';
import type { Incident } from '../../src/core/incidents/incident.types.js';
import type { StepScope } from '../../src/core/incidents/step.service.js';
import type { FormKind } from '../../src/core/playbook/playbook.types.js';
import { BOB, CARLA, type CoreFixture, createCoreFixture, rejection } from '../support/core-fixture.js';

// The fixture's clock starts at 2026-03-10 09:00 UTC: "today" in Amsterdam is 2026-03-10.
let fx: CoreFixture;
let incident: Incident;

beforeEach(async () => {
  fx = await createCoreFixture();
  incident = await fx.open();
});

const on = (stepKey: string, requestId?: string): StepScope => ({
  incidentId: incident.id,
  actor: BOB,
  stepKey,
  ...(requestId ? { requestId } : {}),
});

interface FormCase {
  kind: FormKind;
  step: string;
  valid: Record<string, unknown>;
  stored: Record<string, unknown>;
  bad: Record<string, unknown>;
  field: string;
  rule: string;
}

const CASES: FormCase[] = [
  {
    kind: 'action_list',
    step: 'action-list',
    valid: { items: [{ who: ' mentor ', what: 'gesprek', when: 'vandaag', extra: 'dropped' }] },
    stored: { items: [{ who: 'mentor', what: 'gesprek', when: 'vandaag', id: expect.any(String) }] },
    bad: {
      items: [
        { who: 'mentor', what: 'gesprek' },
        { who: '  ', what: 'ouders bellen' },
      ],
    },
    field: 'items.1.who',
    rule: 'required',
  },
  {
    kind: 'communication_statement',
    step: 'communication-statement',
    valid: { whatIsHappening: 'Er gaat een foto rond.', contactPerson: 'De directeur' },
    stored: { whatIsHappening: 'Er gaat een foto rond.', contactPerson: 'De directeur' },
    bad: { whatIsHappening: 'Er gaat een foto rond.', contactPerson: 'x'.repeat(201) },
    field: 'contactPerson',
    rule: 'tooLong',
  },
  {
    kind: 'report_decision',
    step: 'report-decision',
    valid: { decision: 'report', policeConsulted: 'yes', decidedOn: '2026-03-10' },
    stored: { decision: 'report', policeConsulted: 'yes', decidedOn: '2026-03-10' },
    bad: { decision: 'maybe', policeConsulted: 'yes' },
    field: 'decision',
    rule: 'oneOf',
  },
  {
    kind: 'rest_period',
    step: 'rest-period',
    valid: { startDate: '2026-03-10', endDate: '2026-03-17', arrangements: 'Thuis werken' },
    stored: { startDate: '2026-03-10', endDate: '2026-03-17', arrangements: 'Thuis werken' },
    bad: { startDate: '2026-03-17', endDate: '2026-03-10' },
    field: 'endDate',
    rule: 'notBefore',
  },
  {
    kind: 'aftercare_moments',
    step: 'plan-aftercare',
    valid: { moments: [{ date: '2026-03-10', about: 'victim', remind: CARLA.userId }] },
    stored: {
      moments: [{ date: '2026-03-10', about: 'victim', remind: CARLA.userId, id: expect.any(String) }],
    },
    bad: { moments: [{ date: '2026-03-09', about: 'victim', remind: CARLA.userId }] },
    field: 'moments.0.date',
    rule: 'notBefore',
  },
  {
    kind: 'evaluation',
    step: 'evaluate-with-victim',
    valid: { wentWell: 'Snel gehandeld', couldBeBetter: 'Ouders eerder bellen', date: '2026-03-10' },
    stored: { wentWell: 'Snel gehandeld', couldBeBetter: 'Ouders eerder bellen', date: '2026-03-10' },
    bad: { wentWell: 'Snel gehandeld', couldBeBetter: '', date: '2026-03-10' },
    field: 'couldBeBetter',
    rule: 'required',
  },
  {
    kind: 'parent_contacts',
    step: 'talk-victim-parents',
    // A contact is logged after it took place: a past date is fine.
    valid: {
      contacts: [
        {
          date: '2026-03-09',
          role: 'victim_mother',
          via: 'phone',
          agreed: ' Gesprek op school\nmet de mentor ',
          followUp: 'Vrijdag terugbellen',
        },
      ],
    },
    stored: {
      contacts: [
        {
          date: '2026-03-09',
          role: 'victim_mother',
          via: 'phone',
          agreed: 'Gesprek op school\nmet de mentor',
          followUp: 'Vrijdag terugbellen',
          id: expect.any(String),
        },
      ],
    },
    bad: {
      contacts: [
        { date: '2026-03-09', role: 'victim_mother', via: 'phone' },
        { date: '2026-03-10', role: 'Jan de Vries', via: 'phone' },
      ],
    },
    field: 'contacts.1.role',
    rule: 'oneOf',
  },
];

describe('StepService.saveForm', () => {
  it.each(CASES)(
    '$kind: valid data is cleaned, stored and audited',
    async ({ kind, step, valid, stored }) => {
      const result = await fx.steps.saveForm(on(step), valid);
      expect(result.changed).toBe(true);
      expect(result.value).toMatchObject({
        stepKey: step,
        kind,
        updatedBy: BOB.userId,
        updatedAt: fx.clock.now(),
      });
      expect(result.value.data).toEqual(stored);
      expect(await fx.store.forms.get(incident.id, step)).toEqual(result.value);
      expect(fx.store.state.audit.at(-1)).toMatchObject({
        action: 'form.saved',
        details: { step, kind },
      });
    },
  );

  it.each(CASES)('$kind: one bad field is named ($field: $rule)', async ({ step, bad, field, rule }) => {
    const error = await rejection(fx.steps.saveForm(on(step), bad));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ field, rule });
    expect(fx.store.state.forms).toEqual([]);
  });

  it('form answers never reach the audit trail', async () => {
    await fx.steps.saveForm(on('communication-statement'), {
      whatIsHappening: 'Geheime inhoud ABC',
      contactPerson: 'Mevrouw Q',
    });
    const text = JSON.stringify(fx.store.state.audit);
    expect(text).not.toContain('Geheime');
    expect(text).not.toContain('Mevrouw');
  });

  it('an aftercare reminder for someone outside the incident → moments.0.remind notAMember', async () => {
    const error = await rejection(
      fx.steps.saveForm(on('plan-aftercare'), {
        moments: [{ date: '2026-04-01', about: 'class', remind: 'U-OUT' }],
      }),
    );
    expect(error).toMatchObject({ field: 'moments.0.remind', rule: 'notAMember' });
  });

  it("'today' is the date in Amsterdam, not in UTC", async () => {
    fx.clock.set('2026-03-10T23:30:00Z'); // already 11 March in Amsterdam
    const moment = { date: '2026-03-10', about: 'class', remind: CARLA.userId };
    const error = await rejection(fx.steps.saveForm(on('plan-aftercare'), { moments: [moment] }));
    expect(error).toMatchObject({
      field: 'moments.0.date',
      rule: 'notBefore',
      params: { date: '2026-03-11' },
    });
  });

  it('a date that does not exist → date', async () => {
    const error = await rejection(fx.steps.saveForm(on('rest-period'), { endDate: '2026-02-30' }));
    expect(error).toMatchObject({ field: 'endDate', rule: 'date' });
  });

  it('a date outside 2000–2100 → dateRange', async () => {
    for (const endDate of ['1999-12-31', '2101-01-01']) {
      const error = await rejection(fx.steps.saveForm(on('rest-period'), { endDate }));
      expect(error).toMatchObject({ field: 'endDate', rule: 'dateRange' });
    }
  });

  it('a step without a form → FormNotAvailable', async () => {
    const error = await rejection(fx.steps.saveForm(on('police-advice'), { anything: 'x' }));
    expect(error).toMatchObject({ code: 'FormNotAvailable', params: { step: 'police-advice' } });
  });

  it('list rows get stable ids; empty rows are dropped', async () => {
    const first = await fx.steps.saveForm(on('action-list'), {
      items: [
        { who: 'mentor', what: 'gesprek' },
        { who: ' ', what: '', how: '\n' },
        {},
        { who: 'zorg', what: 'bellen' },
      ],
    });
    const items = first.value.data.items as { id: string; who: string }[];
    expect(items.map((item) => item.who)).toEqual(['mentor', 'zorg']);
    const [a, b] = items.map((item) => item.id);
    expect(a).toMatch(/^id-\d+$/);
    expect(new Set([a, b]).size).toBe(2);

    const second = await fx.steps.saveForm(on('action-list'), {
      items: [...items.slice().reverse(), { who: 'team', what: 'evalueren' }],
    });
    const again = second.value.data.items as { id: string; who: string }[];
    expect(again.map((item) => [item.who, item.id])).toEqual([
      ['zorg', b],
      ['mentor', a],
      ['team', expect.not.stringMatching(new RegExp(`^(${a}|${b})$`))],
    ]);
    expect(fx.store.state.forms).toHaveLength(1);
  });

  it('too many rows → items tooMany', async () => {
    const items = Array.from({ length: 21 }, (_, i) => ({ who: `w${i}`, what: 'x' }));
    expect(await rejection(fx.steps.saveForm(on('action-list'), { items }))).toMatchObject({
      field: 'items',
      rule: 'tooMany',
    });
  });

  it('a contact with parents needs its date, who and how; the log holds 20 contacts', async () => {
    const contact = { date: '2026-03-09', role: 'victim_father', via: 'meeting' };
    for (const field of ['date', 'role', 'via'] as const) {
      const error = await rejection(
        fx.steps.saveForm(on('help-victim-parents'), { contacts: [{ ...contact, [field]: '' }] }),
      );
      expect(error).toMatchObject({ field: `contacts.0.${field}`, rule: 'required' });
    }
    const contacts = Array.from({ length: 21 }, () => contact);
    expect(await rejection(fx.steps.saveForm(on('help-victim-parents'), { contacts }))).toMatchObject({
      field: 'contacts',
      rule: 'tooMany',
    });
    const saved = await fx.steps.saveForm(on('help-victim-parents'), { contacts: contacts.slice(0, 20) });
    expect(saved.value.data.contacts).toHaveLength(20);
  });

  it('a repeated requestId keeps the first answer', async () => {
    await fx.steps.saveForm(on('rest-period', 'form-1'), { endDate: '2026-03-20' });
    const repeat = await fx.steps.saveForm(on('rest-period', 'form-1'), { endDate: '2026-03-27' });
    expect(repeat.changed).toBe(false);
    expect(repeat.value.data).toEqual({ endDate: '2026-03-20' });
    expect(fx.store.state.audit.filter((a) => a.action === 'form.saved')).toHaveLength(1);
  });
});
