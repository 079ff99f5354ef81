import { describe, expect, it } from 'vitest';
import { type FieldSpec, FORM_SPECS } from '../../../src/core/forms/form.specs.js';
import type { Member } from '../../../src/core/incidents/incident.types.js';
import type { FormRequest } from '../../../src/core/interactions/command.service.js';
import { FORM_KINDS, type FormKind } from '../../../src/core/playbook/playbook.types.js';
import {
  actionInputModal,
  readActionInput,
  SIMPLE_INPUTS,
} from '../../../src/platforms/slack/modals/action-input.modal.js';
import { closeModal, readArchive } from '../../../src/platforms/slack/modals/close.modal.js';
import { FACTS_DIALOG, factsModal, readFactsInput } from '../../../src/platforms/slack/modals/facts.modal.js';
import { formBlockId, formModal, readForm } from '../../../src/platforms/slack/modals/form.modal.js';
import { decodeMetadata } from '../../../src/platforms/slack/modals/modal-metadata.codec.js';
import type { StateValues } from '../../../src/platforms/slack/modals/modal-state.js';
import {
  openIncidentModal,
  readOpenIncident,
} from '../../../src/platforms/slack/modals/open-incident.modal.js';
import { validateModal } from './support/block-kit.validator.js';

type Json = Record<string, unknown>;

const members: Member[] = Array.from({ length: 50 }, (_, i) => ({
  incidentId: 'i1',
  userId: `U${i}`,
  displayName: i === 0 ? `<!channel> ${'n'.repeat(200)}` : `Collega ${i}`,
  addedBy: 'U0',
  addedAt: new Date(),
}));

function request(kind: FormKind, values: Record<string, unknown> | null): FormRequest {
  return {
    incidentId: 'i1',
    stepKey: 'step',
    title: 'Besluit over melding of aangifte bij de politie',
    stepTitle: 'Neem een besluit',
    spec: FORM_SPECS[kind],
    values,
    members,
  };
}

/** A valid answer for a form field; `text` for the fields typed in. */
function answerFor(field: FieldSpec, text: string): unknown {
  if (field.type === 'choice') return field.options?.[0];
  if (field.type === 'date') return '2026-12-01';
  if (field.type === 'user') return 'U3';
  return text;
}

const inputIds = (view: Json) =>
  ((view.blocks as Json[]) ?? []).filter((block) => block.type === 'input').map((block) => block.block_id);

describe('modals', () => {
  it('the open-incident modal is valid, defaults the lead to the opener and keeps the channel and response URL', () => {
    const view = openIncidentModal('nl', {
      title: 'x'.repeat(5000),
      openerId: 'U1',
      channelId: 'C1',
      responseUrl: 'https://hooks.slack.com/commands/1',
    }) as unknown as Json;
    expect(validateModal(view)).toEqual([]);
    expect(inputIds(view)).toEqual([
      'title',
      'kind',
      'madeVoluntarily',
      'perpetratorKnown',
      'perpetratorAtOtherSchool',
      'spread',
      'invited',
      'lead',
    ]);
    const lead = (view.blocks as Json[]).find((block) => block.block_id === 'lead')!.element as Json;
    expect(lead.initial_user).toBe('U1');
    expect(decodeMetadata(String(view.private_metadata))).toEqual({
      channelId: 'C1',
      responseUrl: 'https://hooks.slack.com/commands/1',
    });
    expect(JSON.stringify(openIncidentModal('en', { title: '', openerId: 'U1' }))).toContain(
      'Invite colleagues',
    );
  });

  it('reads the open-incident answers in the core’s terms', () => {
    const values: StateValues = {
      title: { v: { value: 'Foto 2B' } },
      kind: { v: { selected_option: { value: 'sex_video' } } },
      madeVoluntarily: { v: { selected_option: { value: 'no' } } },
      spread: { v: { selected_option: { value: 'school' } } },
      invited: { v: { selected_users: ['U2', 'U3'] } },
      lead: { v: { selected_user: 'U2' } },
    };
    expect(readOpenIncident(values)).toEqual({
      title: 'Foto 2B',
      kind: 'sex_video',
      facts: { madeVoluntarily: 'no', spread: 'school' },
      invited: ['U2', 'U3'],
      leadId: 'U2',
    });
  });

  it.each(FORM_KINDS)(
    'the %s form is valid empty and with every row filled, and reads back what was shown',
    (kind) => {
      const spec = FORM_SPECS[kind];
      const empty = formModal(request(kind, null), 'nl', {
        payload: { incidentId: 'id-1', kind: 'form', stepKey: 'action-list' },
        channelId: 'C1',
      }) as unknown as Json;
      expect(validateModal(empty)).toEqual([]);
      const full: Record<string, unknown> = {};
      for (const field of spec.fields) full[field.name] = answerFor(field, 'y'.repeat(field.max ?? 10));
      if (spec.list) {
        full[spec.list.name] = Array.from({ length: spec.list.max }, (_, i) =>
          Object.fromEntries([
            ['id', `row-${i}`],
            ...spec.list!.fields.map((field) => [field.name, answerFor(field, `r${i}`)]),
          ]),
        );
      }
      const filled = formModal(request(kind, full), 'nl', {
        payload: { incidentId: 'id-1', kind: 'form', stepKey: 'action-list' },
        channelId: 'C1',
      }) as unknown as Json;
      expect(validateModal(filled)).toEqual([]);
      // What Slack sends back is what was shown: every stored row comes back with its id.
      const values: StateValues = {};
      for (const block of filled.blocks as Json[]) {
        if (block.type !== 'input') continue;
        const element = block.element as Json;
        values[String(block.block_id)] = {
          v: {
            value: (element.initial_value as string) ?? null,
            selected_option: (element.initial_option as { value: string }) ?? null,
            selected_date: (element.initial_date as string) ?? null,
          },
        };
      }
      const metadata = decodeMetadata(String(filled.private_metadata));
      expect(readForm(spec, values, metadata.rowIds)).toEqual(full);
    },
  );

  it('offers one empty row below the stored ones, each row under its heading, and a button for the next', () => {
    const view = formModal(request('action_list', { items: [{ who: 'Mentor', what: 'Bellen' }] }), 'nl', {
      payload: { incidentId: 'id-1', kind: 'form', stepKey: 'action-list' },
      channelId: null,
    }) as unknown as Json;
    expect(validateModal(view)).toEqual([]);
    expect(inputIds(view).filter((id) => String(id).endsWith(':who'))).toEqual(['l:0:who', 'l:1:who']);
    const blocks = view.blocks as Json[];
    const headings = blocks
      .filter((block) => block.type === 'header')
      .map((block) => (block.text as Json).text);
    expect(headings).toEqual(['Actie 1', 'Actie 2']);
    // Each heading stands right above its row's first field.
    const second = blocks.findIndex((block) => block.block_id === 'h:1');
    expect(blocks[second + 1]?.block_id).toBe('l:1:who');
    const last = blocks.at(-1) as Json;
    expect(last.type).toBe('actions');
    expect((last.elements as Json[])[0]).toMatchObject({
      action_id: 'form:addRow',
      text: { text: 'Actie toevoegen' },
    });
  });

  it('shows one more row when asked, and the aftercare moments under their own headings', () => {
    const context = {
      payload: { incidentId: 'id-1', kind: 'form' as const, stepKey: 'plan' },
      channelId: null,
    };
    const empty = formModal(request('aftercare_moments', null), 'en', context) as unknown as Json;
    expect(inputIds(empty).filter((id) => String(id).endsWith(':date'))).toEqual(['l:0:date']);
    expect(JSON.stringify(empty)).toContain('"text":"Aftercare moment 1"');
    const more = formModal(request('aftercare_moments', null), 'en', context, 3) as unknown as Json;
    expect(validateModal(more)).toEqual([]);
    expect(inputIds(more).filter((id) => String(id).endsWith(':date'))).toEqual([
      'l:0:date',
      'l:1:date',
      'l:2:date',
    ]);
    expect(JSON.stringify(more)).toContain('"text":"Add a moment"');
  });

  it('a full list fits Slack’s 100 blocks: no button for more, the row number in each label', () => {
    const items = Array.from({ length: FORM_SPECS.action_list.list!.max }, (_, i) => ({
      who: `w${i}`,
      what: 'x',
    }));
    const view = formModal(request('action_list', { items }), 'nl', {
      payload: { incidentId: 'id-1', kind: 'form', stepKey: 'action-list' },
      channelId: null,
    }) as unknown as Json;
    expect(validateModal(view)).toEqual([]);
    const blocks = view.blocks as Json[];
    expect(blocks.length).toBeLessThanOrEqual(100);
    expect(blocks.some((block) => block.type === 'actions')).toBe(false);
    expect(inputIds(view)).toHaveLength(items.length * 5);
    expect(JSON.stringify(view)).toContain('Wie (rij 20)');
  });

  it('maps core field paths to form blocks', () => {
    expect(formBlockId('items.2.who')).toBe('l:2:who');
    expect(formBlockId('endDate')).toBe('f:endDate');
  });

  it.each(SIMPLE_INPUTS.filter((kind) => kind !== 'colleagues' && kind !== 'removal'))(
    'the %s dialog is valid and reads its answer',
    (kind) => {
      const view = actionInputModal(kind, 'nl', {
        payload: { incidentId: 'id-1', kind: 'note' },
        channelId: 'C1',
        members,
      }) as unknown as Json;
      expect(validateModal(view)).toEqual([]);
      expect(decodeMetadata(String(view.private_metadata))).toEqual({
        action: { incidentId: 'id-1', kind: 'note' },
        dialog: kind,
        channelId: 'C1',
      });
      const block = inputIds(view)[0] as string;
      const answer = readActionInput(kind, {
        [block]: { v: { value: 'tekst', selected_option: { value: 'U3' }, selected_date: '2026-12-01' } },
      });
      expect(Object.values(answer)).toEqual([
        kind === 'assignee' ? 'U3' : kind === 'dueDate' ? '2026-12-01' : 'tekst',
      ]);
    },
  );

  it('the facts dialog asks the opening questions with the facts chosen, and reads them back', () => {
    const payload = { incidentId: 'id-1', kind: 'editFacts' as const };
    const facts = {
      madeVoluntarily: 'yes',
      perpetratorKnown: 'no',
      perpetratorAtOtherSchool: 'unknown',
      spread: 'public_online',
    } as const;
    const view = factsModal('nl', { payload, channelId: 'C1', facts }) as unknown as Json;
    expect(validateModal(view)).toEqual([]);
    expect(decodeMetadata(String(view.private_metadata))).toEqual({
      action: payload,
      dialog: FACTS_DIALOG,
      channelId: 'C1',
    });
    expect(inputIds(view)).toEqual([
      'madeVoluntarily',
      'perpetratorKnown',
      'perpetratorAtOtherSchool',
      'spread',
    ]);
    const chosen = ((view.blocks as Json[]) ?? [])
      .filter((block) => block.type === 'input')
      .map((block) => ((block.element as Json).initial_option as Json).value);
    expect(chosen).toEqual(['yes', 'no', 'unknown', 'public_online']);
    const picked = (value: string) => ({ v: { selected_option: { value } } });
    expect(readFactsInput({ spread: picked('school'), perpetratorKnown: picked('yes') })).toEqual({
      facts: { spread: 'school', perpetratorKnown: 'yes' },
    });
  });

  it('the colleagues and removal dialogs are valid and read their answers', () => {
    const payload = { incidentId: 'id-1', kind: 'addMember' as const };
    const add = actionInputModal('colleagues', 'nl', {
      payload,
      channelId: 'C1',
      members,
    }) as unknown as Json;
    expect(validateModal(add)).toEqual([]);
    expect(readActionInput('colleagues', { colleagues: { v: { selected_users: ['U7', 'U8'] } } })).toEqual({
      colleagues: [
        { userId: 'U7', displayName: null },
        { userId: 'U8', displayName: null },
      ],
    });
    const removal = actionInputModal('removal', 'nl', {
      payload: { incidentId: 'id-1', kind: 'removeMember' },
      channelId: 'C1',
      members,
    }) as unknown as Json;
    expect(validateModal(removal)).toEqual([]);
    expect(inputIds(removal)).toEqual(['memberId', 'stepsTo']);
    expect(
      readActionInput('removal', {
        memberId: { v: { selected_option: { value: 'U3' } } },
        stepsTo: { v: { selected_option: { value: 'lead' } } },
      }),
    ).toEqual({ memberId: 'U3', stepsTo: 'lead' });
  });

  it('the assign dialog lists only the incident’s members, names shortened and escaped', () => {
    const view = actionInputModal('assignee', 'nl', {
      payload: { incidentId: 'id-1', kind: 'form', stepKey: 'action-list' },
      channelId: 'C1',
      members,
    }) as unknown as Json;
    const options = (((view.blocks as Json[])[0]!.element as Json).options as Json[]).map(
      (option) => option.value,
    );
    expect(options).toEqual(members.map((member) => member.userId));
    expect(JSON.stringify(view)).toContain('&lt;!channel&gt; nnn');
  });

  it('the close dialog asks for confirmation with an archive box', () => {
    const view = closeModal('nl', {
      incidentId: 'i1',
      question: 'Weet je het zeker?',
      channelId: 'C1',
    }) as unknown as Json;
    expect(validateModal(view)).toEqual([]);
    expect(view.submit).toMatchObject({ text: 'Ja, sluiten' });
    expect(readArchive({ archive: { v: { selected_options: [{ value: 'yes' }] } } })).toBe(true);
    expect(readArchive({})).toBe(false);
  });

  it('the close dialog has no archive box while evaluation and aftercare go on in the channel', () => {
    const view = closeModal('nl', {
      incidentId: 'i1',
      question: 'Wil je de acute fase sluiten?\n\n3 geplande nazorgmomenten blijven staan.',
      channelId: 'C1',
      offerArchive: false,
    }) as unknown as Json;
    expect(validateModal(view)).toEqual([]);
    expect(JSON.stringify(view)).not.toContain('archive');
    expect(JSON.stringify(view)).toContain('3 geplande nazorgmomenten blijven staan.');
  });
});
