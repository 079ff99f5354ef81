import { beforeAll, describe, expect, it } from 'vitest';
import { addRow, dialogFor, offered, submitFor } from './support/card-steps.js';
import type { FakeChannel, FakeMessage } from './support/fake-slack.state.js';
import { scheduledSlackHarness } from './support/slack-harness.hooks.js';
import { ANNA, BAS, openIncident } from './support/slack-harness.js';

/**
 * Closing ends the acute phase only (issue 12, bug 2): on Slack, the aftercare moments planned
 * before closing still reach the colleague to remind, the ZAT evaluation form can still be filled
 * in, and the incident is finished by the lead with a reason, after which nothing is sent.
 */
const { clock, scheduler, h, text, directs } = scheduledSlackHarness();
let channel: FakeChannel;
let card: (key: string) => FakeMessage;

beforeAll(async () => {
  ({ channel, card } = await openIncident(h, ANNA, { title: 'Foto 3C', invited: [BAS] }));
});

describe('closing an incident with planned aftercare moments', () => {
  it('plans three aftercare moments for Bas', async () => {
    const aftercare = card('phase:evaluation-aftercare');
    const dialog = await dialogFor(h, ANNA, aftercare, { kind: 'form', step: 'plan-aftercare' });
    await addRow(h, ANNA, dialog, { 'l:0:date': '2026-12-02', 'l:0:about': 'victim', 'l:0:remind': BAS });
    await addRow(h, ANNA, dialog, { 'l:1:date': '2026-12-16', 'l:1:about': 'class', 'l:1:remind': BAS });
    const saved = await submitFor(h, ANNA, dialog, {
      'l:2:date': '2027-01-06',
      'l:2:about': 'everyone',
      'l:2:remind': BAS,
    });
    expect(saved.answer).toBe('Opgeslagen: Plan momenten in voor nazorg aan alle betrokkenen.');
    await h.fake.waitFor(() => text(card('overview')).includes('2 dec 2026'), 5000, 'next moment');
  });

  it('the close dialog says what happens to open steps and planned moments', async () => {
    const before = h.fake.state.views.length;
    await h.people.command(ANNA, 'sluit', channel.id);
    const dialog = await h.fake.waitFor(() =>
      h.fake.state.views.slice(before).find((v) => v.userId === ANNA),
    );
    const shown = JSON.stringify(dialog.view);
    expect(shown).toContain('Wil je de acute fase van incident 2026-0001 sluiten?');
    expect(shown).toContain('3 geplande nazorgmomenten blijven staan; de herinneringen gaan gewoon uit.');
    expect(shown).toMatch(/\d+ open stappen in de acute fase worden gesloten/);
    const closed = await submitFor(h, ANNA, dialog, {});
    expect(closed.answer).toBe(
      'De acute fase van incident 2026-0001 is gesloten. Evaluatie en nazorg lopen door.',
    );
  });

  it('after closing, the acute steps are locked but evaluation and aftercare keep their buttons', async () => {
    await h.fake.waitFor(() => offered(h, card('phase:direct'), 'scope-impact').length === 0, 5000, 'locked');
    expect(offered(h, card('phase:evaluation-aftercare'), 'evaluate-zat')).toEqual(
      expect.arrayContaining(['claim', 'done', 'notApplicable', 'form']),
    );
    const overview = text(card('overview'));
    expect(overview).toContain('Acute fase gesloten, evaluatie en nazorg lopen door');
    expect(overview).toContain('2 dec 2026');
    expect(overview).not.toContain('Nog niet gepland');
  });

  it('the aftercare reminder still reaches Bas on its day', async () => {
    const before = directs().length; // the opening notice to Anna
    clock.set('2026-12-02T08:00:00Z');
    expect(await scheduler.tick()).toMatchObject({ sent: 1 });
    const sent = directs().slice(before);
    expect(sent.map((message) => message.text)).toEqual(['Nazorg bij incident 2026-0001']);
    expect(sent[0]?.channel).toBe(h.fake.state.directMessages.get(BAS));
  });

  it('the ZAT evaluation can still be filled in', async () => {
    const aftercare = card('phase:evaluation-aftercare');
    const dialog = await dialogFor(h, BAS, aftercare, { kind: 'form', step: 'evaluate-zat' });
    const saved = await submitFor(h, BAS, dialog, {
      'f:date': '2026-12-02',
      'f:wentWell': 'Snel een team bij elkaar',
      'f:couldBeBetter': 'Ouders eerder bellen',
    });
    expect(saved.answer).toBe(
      'Opgeslagen: Evalueer het proces in het ZAT-overleg met alle professionele betrokkenen.',
    );
    await h.fake.waitFor(() => text(aftercare).includes('Snel een team bij elkaar'), 5000, 'evaluation');
  });

  it('the lead finishes it with a reason from the overview menu; then no reminder goes out', async () => {
    const dialog = await dialogFor(h, ANNA, card('overview'), { kind: 'finish' });
    expect(JSON.stringify(dialog.view)).toContain('Waarom rond je evaluatie en nazorg nu af?');
    const finished = await submitFor(h, ANNA, dialog, { reason: 'Verdere nazorg via de jeugdarts' });
    expect(finished.answer).toBe('Incident 2026-0001 is afgerond. Er gaan geen herinneringen meer uit.');
    await h.fake.waitFor(() => text(card('overview')).includes('Afgerond'), 5000, 'finished');
    expect(offered(h, card('phase:evaluation-aftercare'), 'update-protocol')).toEqual([]);
    const before = directs().length;
    clock.set('2026-12-16T08:00:00Z');
    expect(await scheduler.tick()).toMatchObject({ sent: 0 });
    expect(directs()).toHaveLength(before);
  });

  it('never had a message refused by Slack', () => {
    expect(h.fake.calls.filter((call) => !call.ok)).toEqual([]);
  });
});
