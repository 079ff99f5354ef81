import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../../src/core/i18n/catalogue.js';
import type { FakeView, Json } from './support/fake-slack.state.js';
import {
  ANNA,
  BAS,
  cards,
  type Harness,
  openIncident,
  startFakeSlack,
  startHarness,
} from './support/slack-harness.js';

/** "Feiten aanpassen" in the overview's menu, and "Alle notities" on a step, the Slack way. */
describe('editing the facts and reading every note (Slack)', () => {
  let h: Harness;
  let opened: Awaited<ReturnType<typeof openIncident>>;

  beforeAll(async () => {
    h = await startHarness(await startFakeSlack());
    opened = await openIncident(h, ANNA, { title: 'Foto 2B', invited: [BAS], spread: 'class' });
  });
  afterAll(async () => {
    await h?.close();
    await h?.fake.close();
  });

  const dialogFrom = async (user: string, kind: string, message = opened.card('overview'), step?: string) => {
    const before = h.fake.state.views.length;
    await h.people.click(user, message, { kind, ...(step ? { step } : {}) });
    return h.fake.waitFor(() => h.fake.state.views.slice(before).find((v) => v.userId === user));
  };
  const chosen = (view: FakeView, blockId: string) => {
    const block = (view.view.blocks as Json[]).find((b) => b.block_id === blockId);
    return ((block?.element as Json)?.initial_option as Json | undefined)?.value;
  };
  const timelineWith = (needle: string) =>
    h.fake.waitFor(() =>
      h.fake.state.thread(opened.channel.id, opened.card('overview').ts).find((m) => m.text.includes(needle)),
    );
  const cardText = (key: string) => JSON.stringify(cards(h.fake, opened.channel.id).get(key)?.blocks);

  it('the lead sees the same questions as when opening, with the facts as they are chosen', async () => {
    const view = await dialogFrom(ANNA, 'editFacts');
    expect(view.view.title).toMatchObject({ text: t('nl', 'slack.modal.facts') });
    expect(JSON.stringify(view.view)).toContain(t('nl', 'field.perpetratorAtOtherSchool'));
    expect(chosen(view, 'spread')).toBe('class');
    expect(chosen(view, 'perpetratorKnown')).toBe('unknown');
  });

  it('saving a wider spread: the step about other parents applies again, the cards and timeline follow', async () => {
    expect(cardText('phase:class-and-school')).toContain(t('nl', 'step.naByCondition'));
    expect(cardText('now')).not.toContain('Het beeldmateriaal staat openbaar online');
    const view = await dialogFrom(ANNA, 'editFacts');
    const answer = await h.people.submit(ANNA, view, { spread: 'public_online' });
    expect(answer.errors).toBeUndefined();
    const line = await timelineWith('feiten aangepast');
    expect(line.text).toContain(
      'Anna heeft de feiten aangepast: verspreiding nu openbaar online; 1 stap weer van toepassing.',
    );
    await h.fake.waitFor(() => !cardText('phase:class-and-school').includes(t('nl', 'step.naByCondition')));
    await h.fake.waitFor(() => cardText('now').includes('Het beeldmateriaal staat openbaar online'));
    const again = await dialogFrom(ANNA, 'editFacts');
    expect(chosen(again, 'spread')).toBe('public_online');
  });

  it('a colleague who is not the lead is told so before any dialog opens', async () => {
    const views = h.fake.state.views.length;
    const before = h.fake.state.ephemerals.length;
    await h.people.click(BAS, opened.card('overview'), { kind: 'editFacts' });
    const told = await h.fake.waitFor(() =>
      h.fake.state.ephemerals.slice(before).find((e) => e.user === BAS),
    );
    expect(told.text).toBe(t('nl', 'error.NotLead', { lead: 'Anna' }));
    expect(h.fake.state.views.slice(views).filter((v) => v.userId === BAS)).toEqual([]);
  });

  it('"Alle notities" shows every note of the step, newest first, in a dialog for the clicker', async () => {
    for (const [user, text] of [
      [ANNA, 'Mentor gesproken'],
      [BAS, 'Ouders gebeld'],
      [ANNA, 'Afspraak gemaakt'],
    ] as const) {
      const view = await dialogFrom(user, 'note', opened.card('phase:direct'), 'scope-impact');
      await h.people.submit(user, view, { note: text });
      await h.fake.waitFor(() => cardText('phase:direct').includes(text));
    }
    expect(cardText('phase:direct')).toContain(t('nl', 'step.moreNotes.other', { count: 2 }));
    const shown = await dialogFrom(BAS, 'notes', opened.card('phase:direct'), 'scope-impact');
    expect(shown.view.submit).toBeUndefined();
    const text = JSON.stringify(shown.view.blocks);
    const order = ['Afspraak gemaakt', 'Ouders gebeld', 'Mentor gesproken'].map((note) => text.indexOf(note));
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toMatch(/Bas · \d{1,2} \w{3} \d{4}, \d{2}:\d{2}/);
  });
});
