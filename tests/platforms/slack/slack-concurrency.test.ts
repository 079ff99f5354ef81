import { describe, expect, inject, it } from 'vitest';
import { stepText } from './support/card-steps.js';
import { slackHarness } from './support/slack-harness.hooks.js';
import { ANNA, memberId, openIncident, TEAM_ID } from './support/slack-harness.js';

const adminUrl = inject('postgresUrl');

/** Twenty colleagues press Oppakken on the same step at the same moment, on a real PostgreSQL server. */
describe.skipIf(adminUrl === null)('20 members claiming one step at once [postgres]', () => {
  const h = slackHarness({ colleagues: 19, database: 'postgres' });

  it('gives the step exactly one owner and tells the other 19 who has it', async () => {
    const colleagues = Array.from({ length: 19 }, (_, i) => memberId(h.fake, i + 1));
    const { channel, card } = await openIncident(h, ANNA, { title: 'Drukte', invited: colleagues });
    const everyone = [ANNA, ...colleagues];
    const direct = card('phase:direct');
    const before = h.fake.state.ephemerals.length;

    const answers = await Promise.all(
      everyone.map((userId) => h.people.click(userId, direct, { kind: 'claim', step: 'scope-impact' })),
    );
    expect(answers.map((answer) => answer.status)).toEqual(everyone.map(() => 200));
    const told = await h.fake.waitFor(() => {
      const fresh = h.fake.state.ephemerals.slice(before);
      return fresh.length >= 20 ? fresh : null;
    });

    const winners = told.filter(
      (answer) => answer.text === 'Je hebt deze stap opgepakt: Bepaal omvang en impact.',
    );
    expect(winners).toHaveLength(1);
    const owner = h.fake.state.users.get(winners[0]!.user)!.displayName;
    const losers = told.filter((answer) => answer.user !== winners[0]!.user);
    expect(losers).toHaveLength(19);
    expect(new Set(losers.map((answer) => answer.text))).toEqual(
      new Set([`${owner} heeft deze stap al opgepakt.`]),
    );

    const workspace = await h.app.context.store.workspaces.ensure('slack', TEAM_ID, {
      locale: 'nl',
      timezone: 'Europe/Amsterdam',
    });
    const incident = await h.app.context.store.incidents.findBySpace(workspace.id, channel.id);
    const step = await h.app.context.store.steps.get(incident!.id, 'scope-impact');
    expect(step).toMatchObject({ status: 'claimed', ownerId: winners[0]!.user, revision: 1 });
    const claims = (await h.app.context.store.audit.list(incident!.id)).filter(
      (event) => event.action === 'step.claimed',
    );
    expect(claims).toHaveLength(1);
    await h.fake.waitFor(() => stepText(h, direct, 'scope-impact').includes(`Opgepakt door ${owner}`));
  });
});
