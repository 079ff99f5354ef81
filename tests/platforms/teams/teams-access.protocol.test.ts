import { beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../../src/core/i18n/catalogue.js';
import { encodeActionData } from '../../../src/platforms/teams/cards/action-data.codec.js';
import { VERBS } from '../../../src/platforms/teams/cards/adaptive.types.js';
import { type ClickAnswer, clicker } from './support/card-click.support.js';
import { actionData, cardText, findAll } from './support/card-reading.support.js';
import type { Person } from './support/fake-microsoft.js';
import type { Where } from './support/teams-activities.support.js';
import { messageActivity } from './support/teams-activities.support.js';
import { type Harness, quiet, teamsHarness } from './support/teams-harness.js';
import { type OpenedIncident, openIncident, requestOpeningForm } from './support/teams-open.support.js';
import { ANNA, BAS, CARLA, DIRK, GENERAL } from './support/teams-people.support.js';

const TITLE_A = 'Foto klas 2b gedeeld';
const TITLE_B = 'Filmpje in groepsapp sport';
const NOTE_B = 'Moeder van de leerling is gebeld om half vier';

/** An answer that is one calm sentence: no buttons, no incident content. */
function expectTextOnly({ card, text }: ClickAnswer, contains: string) {
  expect(text).toContain(contains);
  expect(text).not.toContain(TITLE_B);
  expect(text).not.toContain(NOTE_B);
  expect(JSON.stringify(card)).not.toContain(TITLE_B);
  expect(JSON.stringify(card)).not.toContain(NOTE_B);
  expect(findAll(card, (node) => String(node.type).startsWith('Action.'))).toEqual([]);
}

describe('Teams: cards and cancel buttons reach only the people and places they belong to', () => {
  const h = teamsHarness();
  const click = clicker(h);
  let a: OpenedIncident;
  let b: OpenedIncident;
  let bClaim: Record<string, unknown>;

  beforeAll(async () => {
    a = await openIncident(h, ANNA, { 'o:title': TITLE_A, 'o:kind': 'nude_photo', 'o:invited': 'aad-bas' });
    b = await openIncident(h, CARLA, { 'o:title': TITLE_B, 'o:kind': 'nude_photo' });
    const phase = b.cards[1]!;
    bClaim = actionData(phase.card, 'Oppakken');
    const more = findAll(phase.card, (n) => n.type === 'Action.ShowCard' && n.title === 'Meer')[1];
    const note = findAll(more, (n) => n.type === 'Action.ShowCard' && n.title === 'Notitie toevoegen')[0];
    const save = actionData(note, 'Opslaan');
    const noted = await click(
      CARLA,
      VERBS.action,
      { ...save, [`${save.k}:note`]: NOTE_B },
      { channel: b.spaceId, replyToId: phase.id },
    );
    expect(noted.text).toContain(NOTE_B);
    await quiet(h.microsoft);
  });

  /** B's claim button pressed by `person` at `where`, on the card and in its refresh: text only. */
  const expectBothTextOnly = async (person: Person, where: Where, contains: string) => {
    for (const verb of [VERBS.action, VERBS.cardView]) {
      expectTextOnly(await click(person, verb, bClaim, where), contains);
    }
  };

  it("a colleague in no incident forging a click with B's id from the general channel gets only text", async () => {
    for (const replyToId of [b.cards[0]!.id, b.cards[1]!.id]) {
      await expectBothTextOnly(DIRK, { channel: GENERAL, replyToId }, t('nl', 'error.NotAMember'));
    }
  });

  it("a non-member in B's own channel gets only text, not B's card", async () => {
    const where = { channel: b.spaceId, replyToId: b.cards[1]!.id };
    await expectBothTextOnly(DIRK, where, t('nl', 'error.NotAMember'));
  });

  it("a member of A clicking with B's id from A's channel gets no card of B", async () => {
    for (const replyToId of [b.cards[0]!.id, b.cards[1]!.id, a.cards[1]!.id]) {
      await expectBothTextOnly(BAS, { channel: a.spaceId, replyToId }, t('nl', 'error.NotAMember'));
    }
  });

  it("a member of B clicking B's button from another channel gets text, not B's card", async () => {
    const where = { channel: a.spaceId, replyToId: b.cards[1]!.id };
    await expectBothTextOnly(CARLA, where, t('nl', 'error.ActionContextMismatch'));
  });

  it('a member clicking in the incident’s own channel still gets the card with the answer on top', async () => {
    const shown = await click(CARLA, VERBS.cardView, bClaim, {
      channel: b.spaceId,
      replyToId: b.cards[1]!.id,
    });
    expect(shown.text).toContain(NOTE_B);
  });

  it("a forged cancel by a non-member leaves B's overview untouched", async () => {
    const overview = () => JSON.stringify(h.microsoft.activities.get(b.spaceId)?.get(b.cards[0]!.id));
    const before = overview();
    const puts = h.microsoft.named('PUT', /./).length;
    const closePayload = encodeActionData({
      action: { incidentId: (await incidentIds(h))[1]!, kind: 'close' },
      requester: { userId: DIRK.aad, name: '' },
    });
    const where = { channel: b.spaceId, replyToId: b.cards[0]!.id };
    for (const data of [{}, closePayload]) {
      const closed = await click(DIRK, VERBS.closeCancel, data, where);
      expectTextOnly(closed, t('nl', 'teams.notYourQuestion'));
    }
    const opened = await click(DIRK, VERBS.openCancel, {}, where);
    expectTextOnly(opened, t('nl', 'teams.notYourForm'));
    // Data naming himself changes only his own view: the message is not his opening form.
    const ownForm = encodeActionData({ requester: { userId: DIRK.aad, name: '' } });
    const forged = await click(DIRK, VERBS.openCancel, ownForm, where);
    expectTextOnly(forged, t('nl', 'teams.openCancelled'));
    await quiet(h.microsoft);
    expect(h.microsoft.named('PUT', /./)).toHaveLength(puts);
    expect(overview()).toBe(before);
  });

  it('the lead cancels her own close question: it is replaced for everyone; nobody else may', async () => {
    await h.say(CARLA, 'incident sluit', { channel: b.spaceId });
    const question = h.microsoft.cards(b.spaceId).at(-1)!;
    const cancel = actionData(question.card, 'Annuleren', VERBS.closeCancel);
    const where = { channel: b.spaceId, replyToId: question.id };
    const byDirk = await click(DIRK, VERBS.closeCancel, cancel, where);
    expectTextOnly(byDirk, t('nl', 'teams.notYourQuestion'));
    await quiet(h.microsoft);
    expect(cardText(h.microsoft.activities.get(b.spaceId)?.get(question.id)?.attachments)).toContain(
      'sluiten?',
    );
    const byCarla = await click(CARLA, VERBS.closeCancel, cancel, where);
    expect(byCarla.text).toContain(t('nl', 'teams.closeCancelled'));
    const replaced = h.microsoft.activities.get(b.spaceId)?.get(question.id);
    expect(cardText(replaced?.attachments)).toContain(t('nl', 'teams.closeCancelled'));
  });

  it('answers an oversized body with 413 and a sentence that says so', async () => {
    const huge = messageActivity(h.microsoft, DIRK, `incident help ${'x'.repeat(1_100_000)}`, {
      channel: GENERAL,
    });
    const response = await fetch(`${h.app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(huge),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      error: 'payload_too_large',
      message: 'The request body is larger than the 1 MB this endpoint accepts.',
    });
  });

  it('the asker cancels the opening form: the channel’s card says so; a colleague may not', async () => {
    const { pendingId, form, where } = await requestOpeningForm(h, ANNA);
    const cancel = actionData(form, 'Annuleren', VERBS.openCancel);
    const byDirk = await click(DIRK, VERBS.openCancel, cancel, where);
    expectTextOnly(byDirk, t('nl', 'teams.notYourForm'));
    await quiet(h.microsoft);
    expect(cardText(h.microsoft.activities.get(GENERAL)?.get(pendingId)?.attachments)).toContain(
      'Anna vult het formulier',
    );
    const byAnna = await click(ANNA, VERBS.openCancel, cancel, where);
    expect(byAnna.text).toContain(t('nl', 'teams.openCancelled'));
    const replaced = h.microsoft.activities.get(GENERAL)?.get(pendingId);
    expect(cardText(replaced?.attachments)).toContain(t('nl', 'teams.openCancelled'));
  });
});

/** Incident ids, oldest first. */
async function incidentIds(h: Harness): Promise<string[]> {
  const rows = await h.app.database.db.selectFrom('incident').select('id').orderBy('number').execute();
  return rows.map((row) => row.id);
}
