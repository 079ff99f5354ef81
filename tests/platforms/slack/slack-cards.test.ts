import { beforeAll, describe, expect, it } from 'vitest';
import {
  addRow,
  clickFor,
  dialogFor,
  isoDaysFromNow,
  offered,
  stepText,
  submitFor,
  valueIn,
  waitForUpdate,
} from './support/card-steps.js';
import type { FakeChannel, FakeMessage } from './support/fake-slack.state.js';
import { mentionsIn, textsOf } from './support/fake-slack.state.js';
import { slackHarness } from './support/slack-harness.hooks.js';
import { ANNA, BAS, CEM, openIncident, TEAM_ID } from './support/slack-harness.js';

const h = slackHarness();
let channel: FakeChannel;
let card: (key: string) => FakeMessage;

beforeAll(async () => {
  ({ channel, card } = await openIncident(h, ANNA, { title: 'Foto 3C', invited: [BAS, CEM] }));
});

const overviewText = () => textsOf(h.fake.state.message(channel.id, card('overview').ts).blocks).join('\n');

describe('buttons on the phase cards', () => {
  it('claim: answers the clicker, redraws the phase card and the overview in place, adds a timeline line', async () => {
    const direct = card('phase:direct');
    expect(overviewText()).toContain('• Bepaal omvang en impact');
    const answer = await clickFor(h, BAS, direct, { kind: 'claim', step: 'scope-impact' });
    expect(answer).toBe('Je hebt deze stap opgepakt: Bepaal omvang en impact.');
    await waitForUpdate(h, direct, (text) => text.includes('Opgepakt door Bas'));
    // "Nu eerst" shows the same Direct step, so it is redrawn in place too.
    await waitForUpdate(h, card('now'), (text) => text.includes('Opgepakt door Bas'));
    expect(offered(h, direct, 'scope-impact')).toEqual([
      'assign',
      'release',
      'setDue',
      'note',
      'done',
      'notApplicable',
    ]);
    await h.fake.waitFor(
      () => !overviewText().includes('• Bepaal omvang en impact'),
      5000,
      'overview update',
    );
    const thread = await h.fake.waitFor(() => h.fake.state.thread(channel.id, card('overview').ts)[0]);
    expect(thread.text).toBe('Bas heeft “Bepaal omvang en impact” opgepakt.');
    expect(h.fake.state.topLevel(channel.id)).toHaveLength(10);
  });

  it('tells a slower colleague who was faster, and changes nothing', async () => {
    const direct = card('phase:direct');
    const stale = valueIn(direct.blocks, { kind: 'done', step: 'scope-impact' });
    const claimValue = stale.replace('~done~', '~claim~');
    const before = h.fake.state.ephemerals.length;
    await h.people.clickRaw(CEM, direct, claimValue);
    const answer = await h.fake.waitFor(() =>
      h.fake.state.ephemerals.slice(before).find((e) => e.user === CEM),
    );
    expect(answer.text).toBe('Bas heeft deze stap al opgepakt.');
    expect(stepText(h, direct, 'scope-impact')).toContain('Opgepakt door Bas');
  });

  it('done, reopen and the progress bar on the overview', async () => {
    const direct = card('phase:direct');
    expect(await clickFor(h, BAS, direct, { kind: 'done', step: 'scope-impact' })).toBe(
      'Afgerond: Bepaal omvang en impact. Dank je wel.',
    );
    await waitForUpdate(h, direct, (text) => text.includes('Afgerond door Bas'));
    await h.fake.waitFor(
      () => overviewText().includes('1 gereed · 0 n.v.t. · 0 bezig · 5 open'),
      5000,
      'progress',
    );
    expect(await clickFor(h, BAS, direct, { kind: 'reopen', step: 'scope-impact' })).toBe(
      'Heropend: Bepaal omvang en impact.',
    );
    await waitForUpdate(h, direct, (text) => !text.includes('Afgerond door Bas'));
  });

  it('n.v.t. asks for a reason first and shows it on the card', async () => {
    const direct = card('phase:direct');
    const dialog = await dialogFor(h, ANNA, direct, { kind: 'notApplicable', step: 'police-advice' });
    expect(JSON.stringify(dialog.view)).toContain('Waarom is deze stap niet van toepassing?');
    expect(await submitFor(h, ANNA, dialog, { reason: '   ' })).toEqual({
      errors: { reason: 'Reden: vul dit in.' },
    });
    const done = await submitFor(h, ANNA, dialog, { reason: 'Al besproken met de wijkagent' });
    expect(done.answer).toBe('Op niet van toepassing gezet: Betrek politie voor advies.');
    await waitForUpdate(h, direct, (text) =>
      text.includes('Niet van toepassing: Al besproken met de wijkagent'),
    );
  });

  it('assign lists only the members and names the new owner; release gives the step back', async () => {
    const direct = card('phase:direct');
    const dialog = await dialogFor(h, ANNA, direct, { kind: 'assign', step: 'check-protocols' });
    const select = (
      dialog.view.blocks as Array<{
        element?: { options?: Array<{ value: string; text: { text: string } }> };
      }>
    )[0]!.element!;
    expect(select.options!.map((option) => option.text.text).sort()).toEqual(['Anna', 'Bas', 'Cem']);
    const done = await submitFor(h, ANNA, dialog, { assignee: CEM });
    expect(done.answer).toBe('Je hebt Check bestaande protocollen toegewezen aan Cem.');
    // Issue 12: an assignment says who gave the step, not "Opgepakt door".
    await waitForUpdate(h, direct, (text) => text.includes('Toegewezen aan Cem door Anna'));
    expect(await clickFor(h, CEM, direct, { kind: 'release', step: 'check-protocols' })).toBe(
      'Je hebt deze stap vrijgegeven: Check bestaande protocollen.',
    );
    await waitForUpdate(h, direct, (text) => !text.includes('Toegewezen aan Cem'));
  });

  it('a very long note is stored whole and shortened on the card, which Slack accepts', async () => {
    const direct = card('phase:direct');
    const dialog = await dialogFor(h, BAS, direct, { kind: 'note', step: 'attention-victim' });
    const note = `<!here> ${'heel lang verhaal '.repeat(110)}`.slice(0, 1999).trim();
    expect((await submitFor(h, BAS, dialog, { note })).answer).toBe('Je notitie is opgeslagen.');
    const updated = await waitForUpdate(h, direct, (text) => text.includes('Laatste notitie van Bas'));
    expect(stepText(h, updated, 'attention-victim')).toContain('&lt;!here&gt; heel lang verhaal');
    expect(stepText(h, updated, 'attention-victim')).toContain('…');
    expect(mentionsIn(JSON.stringify(updated.blocks))).toEqual([]);
    const notes = await h.app.context.store.notes.list((await incidentId())!, 5);
    expect(notes[0]?.text).toBe(note);
  });

  it('sets a due date with the date picker', async () => {
    const direct = card('phase:direct');
    const dialog = await dialogFor(h, ANNA, direct, { kind: 'setDue', step: 'involve-care-coordinator' });
    const date = isoDaysFromNow(3);
    expect((await submitFor(h, ANNA, dialog, { dueAt: date })).answer).toBe(
      'Deadline aangepast: Betrek zorgcoördinator en/of vertrouwenspersoon.',
    );
    await waitForUpdate(h, direct, (text) => /Deadline: \d/.test(text));
  });
});

describe('forms', () => {
  it('fills in the action list: errors inline on the row, then the answers on the card and in the modal', async () => {
    const direct = card('phase:direct');
    const dialog = await dialogFor(h, ANNA, direct, { kind: 'form', step: 'action-list' });
    const bad = await submitFor(h, ANNA, dialog, { 'l:0:what': 'Bellen met ouders' });
    expect(bad.errors).toEqual({ 'l:0:who': 'Wie (rij 1): vul dit in.' });
    // One empty row at a time: the second row comes with "Actie toevoegen", keeping the first.
    expect(JSON.stringify(dialog.view)).not.toContain('l:1:who');
    await addRow(h, ANNA, dialog, { 'l:0:who': 'Mentor', 'l:0:what': 'Bellen met ouders' });
    expect(JSON.stringify(dialog.view)).toContain('"text":"Actie 2"');
    expect(JSON.stringify(dialog.view)).toContain('"initial_value":"Mentor"');
    const good = await submitFor(h, ANNA, dialog, {
      'l:1:who': 'Zorg',
      'l:1:what': 'Plan maken',
    });
    expect(good.answer).toBe('Opgeslagen: Zet acties op een rijtje.');
    await waitForUpdate(h, direct, (text) => text.includes('Wie: Mentor · Wat: Bellen met ouders'));
    const again = await dialogFor(h, ANNA, direct, { kind: 'form', step: 'action-list' });
    expect(JSON.stringify(again.view)).toContain('"initial_value":"Bellen met ouders"');
    expect(JSON.stringify(again.view)).toContain('"initial_value":"Plan maken"');
    expect(JSON.stringify(again.view)).toContain('l:2:who');
    expect(JSON.stringify(again.view)).not.toContain('l:3:who');
  });

  it('an error in a later row is shown on that row’s own field, and what was typed stays', async () => {
    const direct = card('phase:direct');
    const dialog = await dialogFor(h, ANNA, direct, { kind: 'form', step: 'action-list' });
    await addRow(h, ANNA, dialog, { 'l:2:who': 'Directie', 'l:2:what': 'Brief' });
    expect(JSON.stringify(dialog.view)).toContain('"text":"Actie 4"');
    const bad = await submitFor(h, ANNA, dialog, { 'l:3:what': 'Bellen' });
    expect(bad.errors).toEqual({ 'l:3:who': 'Wie (rij 4): vul dit in.' });
    expect(JSON.stringify(dialog.view)).toContain('"initial_value":"Directie"');
  });

  it('logs two contacts with parents on their step, and the card shows them', async () => {
    const parents = card('phase:victim-and-parents');
    const dialog = await dialogFor(h, ANNA, parents, { kind: 'form', step: 'talk-victim-parents' });
    const shown = JSON.stringify(dialog.view);
    expect(shown).toContain('"text":"Contact 1"');
    expect(shown).toContain('Moeder van het slachtoffer');
    await addRow(h, ANNA, dialog, {
      'l:0:date': '2026-11-27',
      'l:0:role': 'victim_mother',
      'l:0:via': 'phone',
      'l:0:agreed': 'Gesprek op school maandag',
    });
    const saved = await submitFor(h, ANNA, dialog, {
      'l:1:date': '2026-11-30',
      'l:1:role': 'victim_father',
      'l:1:via': 'meeting',
      'l:1:followUp': 'Over een week bellen',
    });
    expect(saved.answer).toBe('Opgeslagen: Voer gesprek met ouders van slachtoffer.');
    const updated = await waitForUpdate(h, parents, (text) => text.includes('2 contacten'));
    const text = JSON.stringify(updated.blocks);
    expect(text).toContain('2 contacten, laatste 30 nov 2026 (gesprek)');
    expect(text).toContain('Met wie: Moeder van het slachtoffer');
    expect(text).toContain('Vervolg: Over een week bellen');
  });

  it('plans aftercare with colleagues to remind and shows the next moment on the overview', async () => {
    const evaluation = card('phase:evaluation-aftercare');
    const dialog = await dialogFor(h, ANNA, evaluation, { kind: 'form', step: 'plan-aftercare' });
    const date = isoDaysFromNow(14);
    const saved = await submitFor(h, ANNA, dialog, {
      'l:0:date': date,
      'l:0:about': 'victim',
      'l:0:remind': BAS,
    });
    expect(saved.answer).toBe('Opgeslagen: Plan momenten in voor nazorg aan alle betrokkenen.');
    await waitForUpdate(h, evaluation, (text) => text.includes('Bas'));
    await h.fake.waitFor(() => !overviewText().includes('Nog niet gepland'), 5000, 'next aftercare');
  });

  it('sends a card as a direct message, whose buttons work there too', async () => {
    const workspace = await h.app.context.store.workspaces.ensure('slack', TEAM_ID, {
      locale: 'nl',
      timezone: 'Europe/Amsterdam',
    });
    const id = (await incidentId())!;
    const phase = await h.app.context.spaces.buildCard(id, 'phase:victim-and-parents');
    const sent = await h.app.context.spaces.gatewayOf(workspace).sendDirect(CEM, phase);
    const dm = h.fake.state.messages.find((message) => message.ts === sent.messageId)!;
    expect(dm.channel.startsWith('D')).toBe(true);
    expect(h.fake.state.channels.get(dm.channel)?.members.has(CEM)).toBe(true);
    expect(await clickFor(h, CEM, dm, { kind: 'claim', step: 'talk-victim-parents' })).toMatch(
      /^Je hebt deze stap opgepakt/,
    );
    await waitForUpdate(h, card('phase:victim-and-parents'), (text) => text.includes('Opgepakt door Cem'));
  });

  it('never had a card refused by Slack', () => {
    const refused = h.fake.calls.filter((call) => !call.ok);
    expect(refused).toEqual([]);
  });
});

async function incidentId(): Promise<string | undefined> {
  const workspace = await h.app.context.store.workspaces.ensure('slack', 'T0SCHOOL', {
    locale: 'nl',
    timezone: 'Europe/Amsterdam',
  });
  return (await h.app.context.store.incidents.findBySpace(workspace.id, channel.id))?.id;
}
