import { beforeEach, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/core/errors/domain-error.js';
import type { OpenIncidentCommand } from '../../src/core/incidents/incident.service.js';
import {
  ANNA,
  BOB,
  CARLA,
  type CoreFixture,
  createCoreFixture,
  defaultOpenCommand,
  rejection,
} from '../support/core-fixture.js';

const PERPETRATOR_STEPS = [
  'attention-perpetrator',
  'contact-perpetrator-school',
  'talk-perpetrator-parents',
  'help-perpetrator-parents',
  'align-perpetrator-school',
  'feedback-perpetrator-school',
];
const OTHER_SCHOOL_STEPS = [
  'contact-perpetrator-school',
  'align-perpetrator-school',
  'feedback-perpetrator-school',
];

let fx: CoreFixture;

beforeEach(async () => {
  fx = await createCoreFixture();
});

function command(patch: Partial<OpenIncidentCommand> = {}): OpenIncidentCommand {
  return { ...defaultOpenCommand(fx.workspace.id), ...patch };
}

async function inputError(patch: Partial<OpenIncidentCommand>): Promise<InvalidInputError> {
  const error = await rejection(fx.incidents.open(command(patch)));
  expect(error).toBeInstanceOf(InvalidInputError);
  expect(fx.store.state.incidents).toHaveLength(0);
  return error as InvalidInputError;
}

describe('IncidentService.open: validation', () => {
  it.each([
    ['', 'required'],
    [' \n\t ', 'required'],
    [' a\n ', 'tooShort'],
    ['ab', 'tooShort'],
    ['x'.repeat(81), 'tooLong'],
  ])('title %j → %s', async (title, rule) => {
    expect(await inputError({ title })).toMatchObject({ field: 'title', rule });
  });

  it('collapses whitespace before measuring and storing the title', async () => {
    const padded = `  ${'ab'.repeat(20)}\n\n   ${'cd'.repeat(19)}  `; // 40 + 1 + 38 = 79 once collapsed
    const incident = await fx.open({ title: padded });
    expect(incident.title).toBe(`${'ab'.repeat(20)} ${'cd'.repeat(19)}`);
    expect(await fx.open({ title: ' a  b ' })).toMatchObject({ title: 'a b' });
  });

  it('kind must be one of the known kinds', async () => {
    expect(await inputError({ kind: 'selfie' })).toMatchObject({ field: 'kind', rule: 'oneOf' });
  });

  it('a fact with a value the fact does not know is refused by its name', async () => {
    const error = await inputError({ facts: { perpetratorKnown: 'maybe' } });
    expect(error).toMatchObject({ field: 'perpetratorKnown', rule: 'oneOf' });
    expect(error.params.options).toBe('yes, no, unknown');
  });

  it('a lead who is not invited → lead/notInvited', async () => {
    expect(await inputError({ leadId: 'U-NOBODY' })).toMatchObject({ field: 'lead', rule: 'notInvited' });
  });

  it('more than 50 members → invited/tooMany; exactly 50 is fine', async () => {
    const users = (n: number) => Array.from({ length: n }, (_, i) => ({ userId: `U-${i}` }));
    expect(await inputError({ invited: users(50) })).toMatchObject({ field: 'invited', rule: 'tooMany' });
    const incident = await fx.open({ invited: users(49) });
    expect(await fx.store.members.list(incident.id)).toHaveLength(50);
  });
});

describe('IncidentService.open: members and lead', () => {
  it('the lead defaults to the opener, who is always a member', async () => {
    const incident = await fx.open({ invited: [] });
    expect(incident).toMatchObject({ leadId: ANNA.userId, openedBy: ANNA.userId });
    const members = await fx.store.members.list(incident.id);
    expect(members.map((m) => m.userId)).toEqual([ANNA.userId]);
    expect(members[0]).toMatchObject({ displayName: 'Anna', addedBy: ANNA.userId });
  });

  it('an invited colleague may lead; duplicates and blanks are removed', async () => {
    const incident = await fx.open({
      leadId: ` ${BOB.userId} `,
      invited: [BOB, { userId: ` ${BOB.userId}` }, { userId: '  ' }, CARLA, ANNA, { userId: CARLA.userId }],
    });
    expect(incident.leadId).toBe(BOB.userId);
    const members = await fx.store.members.list(incident.id);
    expect(members.map((m) => m.userId).sort()).toEqual([ANNA.userId, BOB.userId, CARLA.userId].sort());
  });
});

describe('IncidentService.open: numbering', () => {
  it('numbers YYYY-0001, 0002 per workspace and year', async () => {
    const first = await fx.open();
    const second = await fx.open();
    expect([first.number, second.number]).toEqual(['2026-0001', '2026-0002']);
    const other = await fx.store.workspaces.ensure('teams', 'T2', {
      locale: 'en',
      timezone: 'Europe/Amsterdam',
    });
    expect((await fx.open({ workspaceId: other.id })).number).toBe('2026-0001');
    expect((await fx.open()).number).toBe('2026-0003');
  });

  it("takes the year in the workspace's time zone", async () => {
    fx.clock.set('2026-12-31T22:30:00Z'); // 23:30 in Amsterdam
    expect((await fx.open()).number).toBe('2026-0001');
    fx.clock.set('2026-12-31T23:30:00Z'); // 00:30 on 1 January in Amsterdam
    expect((await fx.open()).number).toBe('2027-0001');
    expect((await fx.open()).number).toBe('2027-0002');
  });

  it('an unknown workspace → WorkspaceNotFound', async () => {
    const error = await rejection(fx.incidents.open(command({ workspaceId: 'ws-missing' })));
    expect(error).toMatchObject({ code: 'WorkspaceNotFound' });
  });
});

describe('IncidentService.open: stored state', () => {
  it('stores the incident in status opening with the active playbook', async () => {
    const incident = await fx.open();
    expect(incident).toMatchObject({
      status: 'opening',
      kind: 'nude_photo',
      spaceId: null,
      playbookKey: 'stappenplan-sexting',
      playbookVersion: 3,
      createdAt: fx.clock.now(),
      closedAt: null,
      finishedAt: null,
    });
    expect(await fx.store.incidents.get(incident.id)).toEqual(incident);
  });

  it('audits the opening and every member, without the title or other free text', async () => {
    const incident = await fx.open({ title: 'Geheime titel XYZ' });
    const audit = await fx.store.audit.list(incident.id);
    expect(audit.map((a) => a.action)).toEqual([
      'incident.opened',
      'member.added',
      'member.added',
      'member.added',
    ]);
    expect(audit[0]).toMatchObject({ actorId: ANNA.userId, details: { playbook: 'stappenplan-sexting@3' } });
    expect(audit.slice(1).map((a) => a.details.user)).toEqual([ANNA.userId, BOB.userId, CARLA.userId]);
    const text = JSON.stringify(audit);
    expect(text).not.toContain('Geheime');
    expect(text).not.toContain('Anna');
  });

  it('the same requestId twice opens one incident', async () => {
    const first = await fx.incidents.open(command({ requestId: 'req-1' }));
    const auditCount = fx.store.state.audit.length;
    const second = await fx.incidents.open(command({ requestId: 'req-1', title: 'Iets anders' }));
    expect(first.changed).toBe(true);
    expect(second).toMatchObject({ changed: false, value: { id: first.value.id, title: first.value.title } });
    expect(fx.store.state.incidents).toHaveLength(1);
    expect(fx.store.state.steps).toHaveLength(31);
    expect(fx.store.state.audit).toHaveLength(auditCount);
    const third = await fx.incidents.open(command({ requestId: 'req-2' }));
    expect(third.changed).toBe(true);
    expect(third.value.number).toBe('2026-0002');
  });
});

describe('IncidentService.open: conditional steps', () => {
  async function stepsFor(facts: OpenIncidentCommand['facts']) {
    const incident = await fx.open({ facts });
    return fx.store.steps.list(incident.id);
  }

  it('all facts unknown → all 31 steps open, in playbook order', async () => {
    const steps = await stepsFor({});
    expect(steps).toHaveLength(31);
    expect(steps.every((s) => s.status === 'open' && !s.naByCondition && s.ownerId === null)).toBe(true);
    expect(steps.map((s) => s.position)).toEqual(Array.from({ length: 31 }, (_, i) => i + 1));
    expect(steps[0]).toMatchObject({ key: 'attention-victim', phaseKey: 'direct', revision: 0 });
  });

  it('perpetrator unknown to the school → the 6 perpetrator steps start not applicable', async () => {
    const steps = await stepsFor({ perpetratorKnown: 'no' });
    const na = steps.filter((s) => s.status === 'not_applicable');
    expect(na.map((s) => s.key).sort()).toEqual([...PERPETRATOR_STEPS].sort());
    expect(na.every((s) => s.naByCondition && s.naReason === null && s.ownerId === null)).toBe(true);
  });

  it('perpetrator at the same school → contact/align/feedback with the other school not applicable', async () => {
    const steps = await stepsFor({ perpetratorKnown: 'yes', perpetratorAtOtherSchool: 'no' });
    const na = steps.filter((s) => s.status === 'not_applicable').map((s) => s.key);
    expect(na.sort()).toEqual([...OTHER_SCHOOL_STEPS].sort());
  });

  it('spread within the class → informing other parents is not applicable', async () => {
    const steps = await stepsFor({ spread: 'class' });
    const na = steps.filter((s) => s.status === 'not_applicable').map((s) => s.key);
    expect(na).toEqual(['inform-other-parents']);
  });

  it('facts yes everywhere → nothing is set aside', async () => {
    const steps = await stepsFor({
      perpetratorKnown: 'yes',
      perpetratorAtOtherSchool: 'yes',
      spread: 'school',
    });
    expect(steps.filter((s) => s.status !== 'open')).toEqual([]);
  });
});
