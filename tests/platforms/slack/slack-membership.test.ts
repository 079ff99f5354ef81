import { beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../../src/core/i18n/catalogue.js';
import { slackHarness } from './support/slack-harness.hooks.js';
import { ANNA, BAS, CEM, cards, openIncident, YEAR } from './support/slack-harness.js';

/** The overview's menu: colleagues join and leave, the lead is handed over; the channel follows. */
describe('people joining and leaving (Slack)', () => {
  const h = slackHarness();
  let opened: Awaited<ReturnType<typeof openIncident>>;

  beforeAll(async () => {
    opened = await openIncident(h, ANNA, { title: 'Foto 2B', invited: [BAS] });
  });

  /** Clicks a menu entry that needs a dialog and waits for the dialog Slack opens. */
  const dialogFrom = async (user: string, kind: string, message = opened.card('overview'), step?: string) => {
    const before = h.fake.state.views.length;
    await h.people.click(user, message, { kind, ...(step ? { step } : {}) });
    return h.fake.waitFor(() => h.fake.state.views.slice(before).find((v) => v.userId === user));
  };

  const directTo = (user: string, needle: string) =>
    h.fake.waitFor(() => {
      const dm = h.fake.state.directMessages.get(user);
      return h.fake.state.messages.find(
        (m) => m.channel === dm && JSON.stringify(m.blocks ?? m.text).includes(needle),
      );
    });

  it('the overview offers "Collega toevoegen", "Collega verwijderen" and "Regie overdragen"', () => {
    const overview = JSON.stringify(opened.card('overview').blocks);
    for (const label of ['action.addMember', 'action.removeMember', 'action.transferLead'] as const) {
      expect(overview).toContain(t('nl', label));
    }
  });

  it('Bas adds Cem: Cem joins the channel, the timeline says so and Cem gets a link', async () => {
    const view = await dialogFrom(BAS, 'addMember');
    const answer = await h.people.submit(BAS, view, { colleagues: [CEM] });
    expect(answer.errors).toBeUndefined();
    await h.fake.waitFor(() => opened.channel.members.has(CEM));
    const timeline = await h.fake.waitFor(() =>
      h.fake.state.thread(opened.channel.id, opened.card('overview').ts).find((m) => m.text.includes('Cem')),
    );
    expect(timeline.text).toContain(t('nl', 'timeline.addMember', { actor: 'Bas', names: 'Cem' }));
    const dm = await directTo(CEM, `<#${opened.channel.id}>`);
    expect(JSON.stringify(dm.blocks)).toContain(
      t('nl', 'personal.added', { actor: 'Bas', number: `${YEAR}-0001` }),
    );
    const members = await h.app.context.incidents.members(
      (await h.app.context.incidents.findBySpace(
        (
          await h.app.context.workspaces.ensure('slack', 'T0SCHOOL')
        ).id,
        opened.channel.id,
      ))!.id,
    );
    expect(members.map((m) => m.displayName).sort()).toEqual(['Anna', 'Bas', 'Cem']);
  });

  it('an assignment reads "Toegewezen aan Cem door Anna" and Cem is told personally', async () => {
    const view = await dialogFrom(ANNA, 'assign', opened.card('phase:direct'), 'check-protocols');
    await h.people.submit(ANNA, view, { assignee: CEM });
    await h.fake.waitFor(() =>
      JSON.stringify(cards(h.fake, opened.channel.id).get('phase:direct')?.blocks).includes(
        t('nl', 'step.assignedBy', { owner: 'Cem', by: 'Anna' }),
      ),
    );
    const dm = await directTo(CEM, 'toegewezen');
    expect(JSON.stringify(dm.blocks)).toContain(`<#${opened.channel.id}>`);
  });

  it('Anna hands the lead to Bas; Bas is told personally', async () => {
    const view = await dialogFrom(ANNA, 'transferLead');
    expect(view.view.title).toMatchObject({ text: t('nl', 'action.transferLead') });
    await h.people.submit(ANNA, view, { assignee: BAS });
    await directTo(BAS, t('nl', 'personal.lead', { actor: 'Anna', number: `${YEAR}-0001` }));
    await h.fake.waitFor(() => JSON.stringify(opened.card('overview').blocks).includes('*Regisseur*\\nBas'));
  });

  it('removing Cem, who holds a step, asks what happens to it: the step goes to the lead', async () => {
    const view = await dialogFrom(BAS, 'removeMember');
    expect(JSON.stringify(view.view)).toContain(t('nl', 'removal.lead'));
    await h.people.submit(BAS, view, { memberId: CEM, stepsTo: 'lead' });
    await h.fake.waitFor(() => !opened.channel.members.has(CEM));
    const direct = await h.fake.waitFor(() => {
      const blocks = JSON.stringify(cards(h.fake, opened.channel.id).get('phase:direct')?.blocks);
      return blocks.includes(t('nl', 'step.owner', { owner: 'Bas' })) ? blocks : null;
    });
    expect(direct).not.toContain('Cem');
    const timeline = await h.fake.waitFor(() =>
      h.fake.state
        .thread(opened.channel.id, opened.card('overview').ts)
        .find((m) => m.text.includes('uit het incident gehaald')),
    );
    expect(timeline.text).toContain(
      t('nl', 'timeline.removeMemberSteps', { actor: 'Bas', name: 'Cem', count: 1, to: 'Bas' }),
    );
  });

  it('a colleague who is not the lead cannot remove anyone, and is told why', async () => {
    const before = h.fake.state.ephemerals.length;
    const view = await dialogFrom(ANNA, 'removeMember');
    await h.people.submit(ANNA, view, { memberId: BAS, stepsTo: 'release' });
    const told = await h.fake.waitFor(() =>
      h.fake.state.ephemerals.slice(before).find((e) => e.user === ANNA),
    );
    expect(told.text).toBe(t('nl', 'error.NotLead', { lead: 'Bas' }));
    expect(opened.channel.members.has(BAS)).toBe(true);
  });
});
