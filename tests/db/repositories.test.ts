import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DomainError } from '../../src/core/errors/domain-error.js';
import { DEFAULT_PLAYBOOK } from '../../src/core/playbook/builtin/index.js';
import { syncPlaybooks } from '../../src/core/playbook/playbook.sync.js';
import type { DatabaseHandle } from '../../src/db/connect.js';
import { describeEachDatabase } from '../support/databases.js';
import { type DbFixture, dbFixture, UNKNOWN_FACTS } from '../support/db-fixture.js';

describeEachDatabase('repositories through the services', (target) => {
  let handle: DatabaseHandle;
  let fx: DbFixture;
  let incidentId: string;
  const lead = { userId: 'U-LEAD', displayName: 'Ilse (zorg)' };
  const mentor = { userId: 'U-MENTOR', displayName: 'Mo' };

  beforeAll(async () => {
    handle = await target.open();
    fx = await dbFixture(handle);
    const opened = await fx.open(lead, {
      title: '  Filmpje   3C ',
      kind: 'sex_video',
      facts: { ...UNKNOWN_FACTS, perpetratorKnown: 'yes', perpetratorAtOtherSchool: 'no', spread: 'class' },
      invited: [mentor, { userId: 'U-DIR' }],
      requestId: 'view-submission-1',
    });
    incidentId = opened.id;
  });
  afterAll(async () => handle?.close());

  it('stores the incident with its facts, members and 31 steps', async () => {
    const view = await fx.incidents.view(incidentId);
    expect(view.incident).toMatchObject({
      number: '2026-0001',
      title: 'Filmpje 3C',
      kind: 'sex_video',
      status: 'opening',
      leadId: 'U-LEAD',
      playbookKey: 'stappenplan-sexting',
      playbookVersion: 3,
      facts: {
        madeVoluntarily: 'unknown',
        perpetratorKnown: 'yes',
        perpetratorAtOtherSchool: 'no',
        spread: 'class',
      },
    });
    expect(view.members.map((member) => [member.userId, member.displayName])).toEqual(
      expect.arrayContaining([
        ['U-LEAD', 'Ilse (zorg)'],
        ['U-MENTOR', 'Mo'],
        ['U-DIR', null],
      ]),
    );
    expect(view.steps).toHaveLength(31);
    expect(view.steps.map((step) => step.position)).toEqual(Array.from({ length: 31 }, (_, i) => i + 1));
    const notApplicable = view.steps
      .filter((step) => step.status === 'not_applicable')
      .map((step) => step.key);
    expect(notApplicable.sort()).toEqual(
      [
        'align-perpetrator-school',
        'contact-perpetrator-school',
        'feedback-perpetrator-school',
        'inform-other-parents',
      ].sort(),
    );
  });

  it('returns the same incident for a repeated opening request', async () => {
    const again = await fx.incidents.open({
      workspaceId: fx.workspaceId,
      actor: lead,
      title: 'Filmpje 3C',
      kind: 'sex_video',
      facts: UNKNOWN_FACTS,
      invited: [],
      requestId: 'view-submission-1',
    });
    expect(again).toMatchObject({ changed: false, value: { id: incidentId } });
    expect(await fx.incidents.listForMember(fx.workspaceId, 'U-LEAD')).toHaveLength(1);
  });

  it('round-trips step changes, due dates, notes and form answers', async () => {
    const scope = { incidentId, stepKey: 'action-list', actor: mentor };
    await fx.steps.act(scope, { kind: 'claim' });
    const due = new Date('2026-11-26T15:00:00Z');
    await fx.steps.act(scope, { kind: 'setDue', dueAt: due });
    await fx.steps.addNote(
      { incidentId, stepKey: 'action-list', actor: mentor },
      'Gesprek om 14:00 ingepland.',
    );
    await fx.steps.saveForm(scope, {
      items: [
        { who: 'Mentor', what: 'Gesprek met slachtoffer', when: 'vandaag', where: 'kamer 2', how: 'rustig' },
        { who: '', what: '' },
      ],
    });
    const view = await fx.incidents.view(incidentId);
    const step = view.steps.find((candidate) => candidate.key === 'action-list');
    expect(step).toMatchObject({ status: 'claimed', ownerId: 'U-MENTOR', dueAt: due, revision: 2 });
    expect(view.notes[0]).toMatchObject({
      stepKey: 'action-list',
      authorId: 'U-MENTOR',
      text: 'Gesprek om 14:00 ingepland.',
    });
    const form = view.forms.find((answer) => answer.stepKey === 'action-list');
    expect(form?.kind).toBe('action_list');
    const items = form?.data.items as Array<Record<string, string>>;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ who: 'Mentor', what: 'Gesprek met slachtoffer' });
    expect(typeof items[0]?.id).toBe('string');
  });

  it('finds the incident by its space once attached, and keeps the first space', async () => {
    await fx.incidents.attachSpace(incidentId, 'C-PRIVATE-1');
    await fx.incidents.attachSpace(incidentId, 'C-OTHER');
    expect((await fx.incidents.findBySpace(fx.workspaceId, 'C-PRIVATE-1'))?.id).toBe(incidentId);
    expect(await fx.incidents.findBySpace(fx.workspaceId, 'C-OTHER')).toBeUndefined();
  });

  it('stores each card message once', async () => {
    const first = {
      incidentId,
      cardKey: 'overview',
      spaceId: 'C-PRIVATE-1',
      messageId: '111.1',
      createdAt: new Date(),
    };
    await fx.store.cards.save(first);
    const second = await fx.store.cards.save({ ...first, messageId: '222.2' });
    expect(second.messageId).toBe('111.1');
    expect(await fx.store.cards.list(incidentId)).toHaveLength(1);
  });

  it('remembers processed request ids, per scope', async () => {
    expect(await fx.store.requests.markProcessed('evt-1', 'slack.event', 'x')).toEqual({
      first: true,
      ref: 'x',
    });
    expect(await fx.store.requests.markProcessed('evt-1', 'slack.event')).toEqual({ first: false, ref: 'x' });
    expect((await fx.store.requests.markProcessed('evt-1', 'teams.activity')).first).toBe(true);
  });

  it('forgets a request id whose transaction failed', async () => {
    await expect(
      fx.store.transaction(async (tx) => {
        await tx.requests.markProcessed('evt-rollback', 'slack.event');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await fx.store.requests.markProcessed('evt-rollback', 'slack.event')).first).toBe(true);
  });

  it('closes, lists nothing open afterwards, and keeps the close in the audit trail', async () => {
    await fx.incidents.markReady(incidentId);
    await fx.incidents.close({ incidentId, actor: lead });
    expect(await fx.incidents.listForMember(fx.workspaceId, 'U-MENTOR')).toEqual([]);
    expect(await fx.incidents.listForMember(fx.workspaceId, 'U-MENTOR', ['closed'])).toHaveLength(1);
    const actions = (await fx.store.audit.list(incidentId)).map((event) => event.action);
    expect(actions).toEqual(
      expect.arrayContaining(['incident.space_attached', 'incident.ready', 'incident.closed', 'form.saved']),
    );
  });

  it('reads an incident with its members in one go, inside a transaction with the row locked', async () => {
    const found = await fx.store.transaction((tx) => tx.incidents.getWithMembers(incidentId, 'share'));
    expect(found?.incident).toEqual(await fx.store.incidents.get(incidentId));
    expect(found?.members).toEqual(await fx.store.members.list(incidentId));
    expect(found?.members.map((member) => member.userId)).toEqual(
      expect.arrayContaining(['U-LEAD', 'U-MENTOR', 'U-DIR']),
    );
    expect(found?.members[0]?.addedAt).toBeInstanceOf(Date);
    expect(await fx.store.incidents.getWithMembers('00000000-0000-4000-8000-000000000000')).toBeUndefined();
  });

  it('writes several steps, audit entries and delivery ids in one statement; never adds a missing step', async () => {
    const opened = await fx.open(lead, { title: 'Veel tegelijk', kind: 'other', invited: [mentor] });
    const id = opened.id;
    const [first, second] = await fx.store.steps.getMany(id, ['scope-impact', 'attention-victim'], 'update');
    expect([first?.key, second?.key]).toEqual(['attention-victim', 'scope-impact']);
    const at = new Date('2026-11-25T10:00:00Z');
    const changed = [
      { ...first!, status: 'claimed' as const, ownerId: 'U-MENTOR', updatedAt: at, revision: 1 },
      { ...second!, status: 'done' as const, ownerId: 'U-LEAD', completedAt: at, updatedAt: at, revision: 1 },
      { ...second!, key: 'no-such-step' },
    ];
    await fx.store.transaction((tx) =>
      tx.steps.writeChanges({
        steps: changed,
        audit: ['step.claimed', 'step.done'].map((action) => ({
          workspaceId: fx.workspaceId,
          incidentId: id,
          actorId: 'U-LEAD',
          action: action as 'step.claimed',
          details: { step: 'x' },
          at,
        })),
        requests: { scope: 'step', keys: ['req-a', 'req-b'] },
      }),
    );
    const steps = new Map((await fx.store.steps.list(id)).map((step) => [step.key, step]));
    expect(steps.get('attention-victim')).toEqual(changed[0]);
    expect(steps.get('scope-impact')).toEqual(changed[1]);
    expect(steps.has('no-such-step')).toBe(false);
    expect(steps.size).toBe(31);
    const audit = await fx.store.audit.list(id);
    expect(audit.slice(-2).map((event) => [event.action, event.details])).toEqual([
      ['step.claimed', { step: 'x' }],
      ['step.done', { step: 'x' }],
    ]);
    expect(await fx.store.requests.seen(['req-a', 'req-b', 'req-c'], 'step')).toEqual(
      new Set(['req-a', 'req-b']),
    );
    expect(await fx.store.requests.seen(['req-a'], 'other')).toEqual(new Set());
    await fx.store.steps.writeChanges({
      steps: [],
      audit: [],
      requests: { scope: 'step', keys: ['req-a', 'req-c'] },
    });
    expect(await fx.store.requests.seen(['req-a', 'req-c'], 'step')).toEqual(new Set(['req-a', 'req-c']));
    await fx.store.steps.updateMany([{ ...changed[0]!, status: 'open', ownerId: null, revision: 2 }]);
    expect(await fx.store.steps.get(id, 'attention-victim')).toMatchObject({ status: 'open', revision: 2 });
  });

  it('creates a workspace once and keeps its settings', async () => {
    const again = await fx.store.workspaces.ensure('slack', 'T-TEST', { locale: 'en', timezone: 'UTC' });
    expect(again).toMatchObject({ id: fx.workspaceId, locale: 'nl', timezone: 'Europe/Amsterdam' });
    await fx.store.workspaces.update({ ...again, locale: 'en', settings: { schoolHours: '08-17' } });
    expect(await fx.store.workspaces.get(fx.workspaceId)).toMatchObject({
      locale: 'en',
      settings: { schoolHours: '08-17' },
    });
  });

  it('refuses a changed playbook under an existing version number', async () => {
    const changed = { ...DEFAULT_PLAYBOOK, goal: { nl: 'Iets anders' } };
    await expect(syncPlaybooks(fx.store, fx.playbooks, [changed])).rejects.toMatchObject({
      code: 'PlaybookVersionConflict',
    } satisfies Partial<DomainError>);
    const next = DEFAULT_PLAYBOOK.version + 1;
    await syncPlaybooks(fx.store, fx.playbooks, [{ ...changed, version: next }]);
    expect(fx.playbooks.get('stappenplan-sexting', next).goal.nl).toBe('Iets anders');
    expect(fx.playbooks.get('stappenplan-sexting', DEFAULT_PLAYBOOK.version).goal.nl).toBe(
      DEFAULT_PLAYBOOK.goal.nl,
    );
  });
});
