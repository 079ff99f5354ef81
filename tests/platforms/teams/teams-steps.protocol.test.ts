import { beforeAll, describe, expect, it } from 'vitest';
import { decodeAction, encodeAction } from '../../../src/core/cards/action-payload.js';
import { t } from '../../../src/core/i18n/catalogue.js';
import { VERBS } from '../../../src/platforms/teams/cards/adaptive.types.js';
import { clicker } from './support/card-click.support.js';
import { actionData, answeredCard, cardText, findAll, shown } from './support/card-reading.support.js';
import { clickActivity, messageActivity } from './support/teams-activities.support.js';
import { eventually, type Harness, quiet, teamsHarness } from './support/teams-harness.js';
import { type OpenedIncident, openIncident } from './support/teams-open.support.js';
import { ANNA, BAS, DIRK, GENERAL } from './support/teams-people.support.js';

const HOSTILE_TITLE = '**Foto** <at>Dirk</at> [x](https://e.nl)';

describe('Teams: working on the steps', () => {
  const h = teamsHarness({ people: [ANNA, { aad: 'aad-bas', name: 'Bas **vet** <at>x</at>' }, DIRK] });
  const click = clicker(h);
  let incident: OpenedIncident;
  let phaseId: string;
  let claim: Record<string, unknown>;

  beforeAll(async () => {
    incident = await openIncident(h, ANNA, {
      'o:title': HOSTILE_TITLE,
      'o:kind': 'nude_photo',
      'o:invited': 'aad-bas',
    });
    const phase = incident.cards[1]!;
    phaseId = phase.id;
    claim = actionData(phase.card, 'Oppakken');
  });

  const inChannel = (replyToId: string) => ({ channel: incident.spaceId, replyToId });

  it('renders the title literally: no markdown, no mention, only in TextRuns', () => {
    const overview = incident.cards[0]!.card;
    expect(cardText(overview)).toContain(`Incident 2026-0001: ${HOSTILE_TITLE}`);
    expect(JSON.stringify(overview)).not.toContain('"type":"TextBlock"');
    expect(JSON.stringify(overview)).not.toContain('"entities"');
  });

  it('Bas claims a step: he gets the card back with the answer on top, everyone gets the update', async () => {
    const { text } = await click(BAS, VERBS.action, claim, inChannel(phaseId));
    expect(text).toContain(t('nl', 'feedback.claim', { step: 'Aandacht voor het slachtoffer' }));
    expect(text).toContain(t('nl', 'step.owner', { owner: 'Bas **vet** <at>x</at>' }));
    await eventually(() => h.microsoft.named('PUT', new RegExp(`activities/${phaseId}$`)).length > 0);
    const updated = h.microsoft.postedCards(incident.spaceId).find((card) => card.id === phaseId);
    expect(cardText(updated?.card)).toContain('Opgepakt door Bas');
    // The timeline line is a reply under the overview, with the name escaped for Teams' markdown.
    const line = await eventually(() =>
      h.microsoft.texts(incident.spaceId).find((text) => text.replyToId === incident.cards[0]!.id),
    );
    expect(line.text).toContain('Bas \\*\\*vet\\*\\* &lt;at&gt;x&lt;/at&gt; heeft');
  });

  it('"Nu eerst" follows the Direct steps, and its own buttons answer with that card', async () => {
    const nowId = incident.now.id;
    expect(cardText(incident.now.card)).toContain('Nu eerst · incident 2026-0001');
    expect(cardText(incident.now.card)).toContain('niet doorsturen, niet bewaren, niet laten zien');
    await eventually(() => h.microsoft.named('PUT', new RegExp(`activities/${nowId}$`)).length > 0);
    const redrawn = h.microsoft.postedCards(incident.spaceId).find((card) => card.id === nowId)!;
    expect(cardText(redrawn.card)).toContain('Opgepakt door Bas');
    const next = findAll(redrawn.card, (n) => n.type === 'Action.Execute' && n.title === 'Oppakken')
      .map((n) => n.data as Record<string, unknown>)
      .find((data) => decodeAction(data.p).stepKey === 'check-protocols')!;
    const { text: answer } = await click(ANNA, VERBS.action, next, inChannel(nowId));
    expect(answer).toContain(t('nl', 'feedback.claim', { step: 'Check bestaande protocollen' }));
    expect(answer).toContain('Nu eerst · incident 2026-0001');
    expect(answer).toContain('Opgepakt door Anna');
  });

  it('Anna clicks the same claim: she is told Bas has it, nothing changes', async () => {
    await quiet(h.microsoft);
    const puts = h.microsoft.named('PUT', /./).length;
    const { text } = await click(ANNA, VERBS.action, claim, inChannel(phaseId));
    expect(text).toContain(t('nl', 'error.StepAlreadyClaimed', { owner: 'Bas **vet** <at>x</at>' }));
    await quiet(h.microsoft);
    expect(h.microsoft.named('PUT', /./)).toHaveLength(puts);
  });

  it('a retried delivery and a double click change nothing', async () => {
    const first = clickActivity(h.microsoft, BAS, VERBS.action, claim, inChannel(phaseId));
    const again = await h.post(first);
    expect(cardText(answeredCard(again))).toContain(t('nl', 'feedback.unchanged'));
    const retry = await h.post(first);
    expect(cardText(answeredCard(retry))).toContain('Dit was al zo');
  });

  it('answers in English when the clicker uses Teams in English', async () => {
    const { text } = await click(ANNA, VERBS.action, claim, { ...inChannel(phaseId), locale: 'en-US' });
    expect(text).toContain('has already picked up this step.');
  });

  it('refuses a colleague who is not a member of the incident', async () => {
    const { text } = await click(DIRK, VERBS.action, claim, inChannel(phaseId));
    expect(text).toContain(t('nl', 'error.NotAMember'));
  });

  it('refuses the same button data replayed from another channel, and forged data', async () => {
    const done = actionData(incident.cards[1]!.card, 'Gereed');
    const replayed = await click(BAS, VERBS.action, done, { channel: GENERAL, replyToId: 'x' });
    expect(replayed.text).toContain(t('nl', 'error.ActionContextMismatch'));
    const forged = await click(
      BAS,
      VERBS.action,
      { p: '{"v":1,"i":"../../etc","a":"claim"}' },
      inChannel(phaseId),
    );
    expect(forged.text).toContain(t('nl', 'error.InvalidAction'));
    const unknownVerb = await click(BAS, 'something.else', {}, inChannel(phaseId));
    expect(unknownVerb.text).toContain(t('nl', 'error.InvalidAction'));
    const otherIncident = encodeAction({
      incidentId: '00000000-0000-4000-8000-000000000000',
      kind: 'claim',
      stepKey: 'x',
    });
    const missing = await click(BAS, VERBS.action, { p: otherIncident }, inChannel(phaseId));
    expect(missing.text).toContain(t('nl', 'error.IncidentNotFound'));
  });

  it('not applicable asks a reason inline; an empty reason is answered, a real one saved', async () => {
    const card = incident.cards[1]!.card;
    const naData = actionData(card, 'Opslaan', VERBS.action);
    const prefix = String(naData.k);
    const withReason = (reason: string) =>
      click(BAS, VERBS.action, { ...naData, [`${prefix}:reason`]: reason }, inChannel(phaseId));
    expect((await withReason('  ')).text).toContain('Reden: vul dit in.');
    expect((await withReason('Geen slachtoffer bekend')).text).toContain('Op niet van toepassing gezet');
  });

  it('the "Meer" set assigns a step to a colleague and adds a note', async () => {
    const card = incident.cards[1]!.card;
    const more = findAll(card, (n) => n.type === 'Action.ShowCard' && n.title === 'Meer')[1];
    const assign = findAll(
      more,
      (n) => n.type === 'Action.ShowCard' && n.title === 'Toewijzen aan collega',
    )[0];
    const choices = findAll(assign, (n) => n.type === 'Input.ChoiceSet')[0] as {
      id: string;
      choices: Array<{ value: string }>;
    };
    expect(choices.choices.map((c) => c.value)).toEqual(['aad-anna', 'aad-bas']);
    const save = actionData(assign, 'Opslaan');
    const assigned = await click(
      BAS,
      VERBS.action,
      { ...save, [choices.id]: 'aad-anna' },
      inChannel(phaseId),
    );
    expect(assigned.text).toContain(
      t('nl', 'feedback.assign', { step: 'Bepaal omvang en impact', assignee: 'Anna' }),
    );
    const note = findAll(more, (n) => n.type === 'Action.ShowCard' && n.title === 'Notitie toevoegen')[0];
    const noteSave = actionData(note, 'Opslaan');
    const noted = await click(
      BAS,
      VERBS.action,
      { ...noteSave, [`${noteSave.k}:note`]: 'Ouders zijn gebeld' },
      inChannel(phaseId),
    );
    expect(noted.text).toContain(t('nl', 'feedback.note'));
    expect(noted.text).toContain('Ouders zijn gebeld');
  });

  it('a form opens for the clicker only, refuses bad answers on the form and saves good ones', async () => {
    const planPhase = incident.cards
      .slice(1, 8)
      .find((card) => cardText(card.card).includes('Zet acties op een rijtje'));
    expect(planPhase).toBeDefined();
    const open = actionData(planPhase!.card, 'Invullen');
    const onPlan = inChannel(planPhase!.id);
    const formCard = await click(BAS, VERBS.formView, open, onPlan);
    expect(formCard.text).toContain('Acties op een rijtje');
    const save = actionData(formCard.card, 'Opslaan');
    const bad = await click(BAS, VERBS.action, { ...save, 'f:items.0.what': 'Gesprek met ouders' }, onPlan);
    expect(bad.text).toContain('Wie (rij 1): vul dit in.');
    expect(JSON.stringify(bad.card)).toContain('Gesprek met ouders');
    const good = await click(
      BAS,
      VERBS.action,
      { ...save, 'f:items.0.who': 'Mentor', 'f:items.0.what': 'Gesprek met ouders' },
      onPlan,
    );
    expect(good.text).toContain(t('nl', 'feedback.form', { step: 'Zet acties op een rijtje' }));
    const stranger = await click(DIRK, VERBS.formView, open, onPlan);
    expect(stranger.text).toContain(t('nl', 'error.NotAMember'));
  });

  it('the action list grows a row at a time, keeps what was typed and shows an error under its row', async () => {
    const planPhase = incident.cards
      .slice(1, 8)
      .find((card) => cardText(card.card).includes('Zet acties op een rijtje'))!;
    const where = inChannel(planPhase.id);
    const formCard = answeredCard(
      await h.click(BAS, VERBS.formView, actionData(planPhase.card, 'Invullen'), where),
    );
    // One stored row (saved above) and one empty row, each under its heading.
    expect(cardText(formCard)).toContain('Actie 1');
    expect(cardText(formCard)).toContain('Actie 2');
    expect(cardText(formCard)).not.toContain('Actie 3');
    const add = actionData(formCard, 'Actie toevoegen', VERBS.formView);
    const grown = answeredCard(
      await h.click(
        BAS,
        VERBS.formView,
        {
          ...add,
          'f:items.0.who': 'Mentor',
          'f:items.0.what': 'Gesprek met ouders',
          'f:items.1.who': 'Zorg',
        },
        where,
      ),
    );
    expect(cardText(grown)).toContain('Actie 3');
    const inputs = findAll(
      grown,
      (node) => typeof node.id === 'string' && String(node.id).startsWith('f:items.'),
    );
    expect(inputs.map((node) => node.id)).toContain('f:items.2.who');
    expect(inputs.find((node) => node.id === 'f:items.1.who')?.value).toBe('Zorg');
    const save = actionData(grown, 'Opslaan');
    const bad = answeredCard(
      await h.click(
        BAS,
        VERBS.action,
        {
          ...save,
          'f:items.0.who': 'Mentor',
          'f:items.0.what': 'Gesprek met ouders',
          'f:items.1.who': 'Zorg',
          'f:items.1.what': 'Plan maken',
          'f:items.2.what': 'Brief aan ouders',
        },
        where,
      ),
    );
    const text = cardText(bad);
    const error = text.indexOf('Wie (rij 3): vul dit in.');
    expect(error).toBeGreaterThan(text.indexOf('Actie 3'));
    expect(text.indexOf('Actie 3')).toBeGreaterThan(text.indexOf('Actie 2'));
    // Only the row in error carries the message; what was typed stays in every input.
    expect(text.match(/vul dit in/g)).toHaveLength(1);
    expect(findAll(bad, (node) => node.id === 'f:items.2.what')[0]?.value).toBe('Brief aan ouders');
    expect(findAll(bad, (node) => node.id === 'f:items.1.what')[0]?.value).toBe('Plan maken');
    const good = await h.click(
      BAS,
      VERBS.action,
      {
        ...actionData(bad, 'Opslaan'),
        'f:items.0.who': 'Mentor',
        'f:items.0.what': 'Gesprek met ouders',
        'f:items.1.who': 'Zorg',
        'f:items.1.what': 'Plan maken',
        'f:items.2.who': 'Directie',
        'f:items.2.what': 'Brief aan ouders',
      },
      where,
    );
    expect(cardText(answeredCard(good))).toContain('Wie: Directie · Wat: Brief aan ouders');
  });

  it('logs two contacts with parents on their step, and the card shows them', async () => {
    const parents = incident.cards
      .slice(1, 8)
      .find((card) => cardText(card.card).includes('Slachtoffer en ouders'))!;
    const where = inChannel(parents.id);
    const open = findAll(
      parents.card,
      (node) =>
        node.title === 'Invullen' &&
        decodeAction((node.data as Record<string, unknown>).p).stepKey === 'talk-victim-parents',
    )[0]!.data as Record<string, unknown>;
    const formCard = answeredCard(await h.click(BAS, VERBS.formView, open, where));
    expect(cardText(formCard)).toContain('Contacten met ouders');
    expect(cardText(formCard)).toContain('Contact 1');
    const first = {
      'f:contacts.0.date': '2026-11-27',
      'f:contacts.0.role': 'victim_mother',
      'f:contacts.0.via': 'phone',
      'f:contacts.0.agreed': 'Gesprek op school maandag',
    };
    const grown = answeredCard(
      await h.click(BAS, VERBS.formView, { ...actionData(formCard, 'Contact toevoegen'), ...first }, where),
    );
    expect(cardText(grown)).toContain('Contact 2');
    const saved = await h.click(
      BAS,
      VERBS.action,
      {
        ...actionData(grown, 'Opslaan'),
        ...first,
        'f:contacts.1.date': '2026-11-30',
        'f:contacts.1.role': 'victim_father',
        'f:contacts.1.via': 'meeting',
        'f:contacts.1.followUp': 'Over een week bellen',
      },
      where,
    );
    const answer = cardText(answeredCard(saved));
    expect(answer).toContain('Opgeslagen: Voer gesprek met ouders van slachtoffer.');
    expect(answer).toContain('2 contacten, laatste 30 nov 2026 (gesprek)');
    expect(answer).toContain('Met wie: Moeder van het slachtoffer');
    expect(answer).toContain('Vervolg: Over een week bellen');
  });

  it('a file shared in the incident channel gets the warning, and is never downloaded', async () => {
    const before = h.microsoft.calls.length;
    await h.post({
      ...messageActivity(h.microsoft, BAS, 'kijk', { channel: incident.spaceId }),
      entities: [],
      text: 'kijk',
      attachments: [
        { contentType: 'image/png', contentUrl: `${h.microsoft.url}/files/secret.png`, name: 'foto.png' },
      ],
    });
    const warning = h.microsoft
      .texts(incident.spaceId)
      .find((text) => text.text.includes('Deel hier nooit beelden'));
    expect(warning?.entities).toEqual([
      expect.objectContaining({ type: 'mention', mentioned: expect.objectContaining({ id: '29:aad-bas' }) }),
    ]);
    expect(h.microsoft.calls.slice(before).some((call) => call.path.includes('/files/'))).toBe(false);
    expect(await h.app.context.store.audit.list((await firstIncidentId(h)) ?? '')).toContainEqual(
      expect.objectContaining({ action: 'incident.file_shared' }),
    );
  });

  it('ignores ordinary channel talk that does not mention the bot', async () => {
    const before = h.microsoft.texts(incident.spaceId).length;
    await h.post({
      ...messageActivity(h.microsoft, BAS, 'hoi', { channel: incident.spaceId }),
      entities: [],
      text: 'hoi',
    });
    expect(h.microsoft.texts(incident.spaceId)).toHaveLength(before);
  });

  it('status in the channel shows the overview; help explains the commands', async () => {
    await h.say(BAS, 'incident status', { channel: incident.spaceId });
    const overview = h.microsoft.cards(incident.spaceId).at(-1);
    expect(cardText(overview?.card)).toContain('Voortgang per fase');
    await h.say(BAS, 'incident help', { channel: incident.spaceId, locale: 'en-GB' });
    expect(shown(h.microsoft.texts(incident.spaceId).at(-1)?.text)).toContain(
      'Stappenplan sexting: how it works',
    );
  });

  it('closing: only the lead, after confirming', async () => {
    await h.say(BAS, 'incident sluit', { channel: incident.spaceId });
    expect(shown(h.microsoft.texts(incident.spaceId).at(-1)?.text)).toContain(
      'Alleen de regisseur van dit incident kan dit doen: Anna.',
    );
    // Evaluation and aftercare are done already: closing finishes the incident and may archive.
    const id = (await firstIncidentId(h)) as string;
    for (const step of await h.app.context.store.steps.list(id)) {
      if (step.phaseKey !== 'evaluation-aftercare' || step.status !== 'open') continue;
      await h.app.context.steps.act(
        { incidentId: id, stepKey: step.key, actor: { userId: ANNA.aad } },
        { kind: 'done' },
      );
    }
    await h.say(ANNA, 'incident sluit', { channel: incident.spaceId });
    const question = h.microsoft.cards(incident.spaceId).at(-1)!;
    expect(cardText(question.card)).toContain('Wil je de acute fase van incident 2026-0001 sluiten?');
    expect(cardText(question.card)).toContain('Er zijn geen nazorgmomenten gepland.');
    expect(cardText(question.card)).toContain(
      'Evaluatie en nazorg zijn al klaar: het incident wordt meteen afgerond.',
    );
    const confirm = actionData(question.card, 'Ja, sluiten');
    const byBas = await click(BAS, VERBS.closeConfirm, confirm, inChannel(question.id));
    expect(byBas.text).toContain('Alleen de regisseur');
    const byAnna = await click(
      ANNA,
      VERBS.closeConfirm,
      { ...confirm, 'c:archive': 'true' },
      inChannel(question.id),
    );
    expect(byAnna.text).toContain('Incident 2026-0001 is gesloten en afgerond');
    await eventually(() => h.microsoft.named('POST', /\/archive$/).length === 1);
    const later = await click(
      BAS,
      VERBS.action,
      actionData(incident.cards[2]!.card, 'Oppakken'),
      inChannel(incident.cards[2]!.id),
    );
    expect(later.text).toContain('Incident 2026-0001 is afgerond.');
  });
});

async function firstIncidentId(h: Harness): Promise<string | undefined> {
  const rows = await h.app.database.db.selectFrom('incident').select('id').execute();
  return rows[0]?.id;
}
