import { beforeAll, describe, expect, it } from 'vitest';
import { shown } from './support/card-reading.support.js';
import type { Person } from './support/fake-microsoft.js';
import { eventually, quiet, teamsHarness } from './support/teams-harness.js';
import { FOTO_2B_WITH_BAS, type OpenedIncident, openIncident } from './support/teams-open.support.js';
import { ANNA, BAS, DIRK } from './support/teams-people.support.js';

const CONSENT = 'application/vnd.microsoft.teams.card.file.consent';
const FILE_INFO = 'application/vnd.microsoft.teams.card.file.info';

type Attachment = { contentType: string; name?: string; content?: Record<string, unknown> };

/** The dossier in Teams: file consent cards in the requester's personal chat, through the fake Connector. */
describe('Teams: the dossier', () => {
  const h = teamsHarness();
  let incident: OpenedIncident;
  let number: string;

  beforeAll(async () => {
    incident = await openIncident(h, ANNA, FOTO_2B_WITH_BAS);
    number = (await h.app.context.incidents.findBySpace((await workspaceId()) ?? '', incident.spaceId))!
      .number;
  });

  async function workspaceId() {
    const row = await h.app.database.db.selectFrom('incident').select('workspace_id').executeTakeFirst();
    return row?.workspace_id;
  }
  const personal = (person: Person) => `a:personal-${person.aad}`;
  const attachments = (person: Person): Attachment[] =>
    [...(h.microsoft.activities.get(personal(person))?.values() ?? [])].flatMap(
      (activity) => (activity.attachments as Attachment[] | undefined) ?? [],
    );
  const offers = (person: Person) => attachments(person).filter((a) => a.contentType === CONSENT);
  const texts = (conversation: string) => h.microsoft.texts(conversation).map((text) => shown(text.text));
  const ask = async (person: Person) => {
    const before = texts(incident.spaceId).length;
    const response = await h.say(person, 'incident dossier', { channel: incident.spaceId });
    expect(response.status).toBe(200);
    return eventually(() => texts(incident.spaceId)[before]);
  };
  const consent = (person: Person, offer: Attachment, action: 'accept' | 'decline') =>
    h.post({
      type: 'invoke',
      name: 'fileConsent/invoke',
      id: `consent-${Math.random()}`,
      channelId: 'msteams',
      serviceUrl: h.microsoft.serviceUrl,
      locale: 'nl-NL',
      from: { id: `29:${person.aad}`, name: person.name, aadObjectId: person.aad },
      recipient: { id: '28:bot', name: 'Stappenplan' },
      conversation: { id: personal(person), conversationType: 'personal', tenantId: 'tenant-1' },
      channelData: { tenant: { id: 'tenant-1' } },
      value: {
        type: 'fileUpload',
        action,
        context: offer.content?.acceptContext,
        ...(action === 'accept' ? { uploadInfo: h.microsoft.onedrive.open(String(offer.name)) } : {}),
      },
    });

  it('a member asking in the incident channel gets two consent cards in the personal chat', async () => {
    const answer = await ask(BAS);
    expect(answer).toContain(
      `Ik heb je het dossier van incident ${number} aangeboden in je persoonlijke chat`,
    );
    const cards = offers(BAS);
    expect(cards.map((card) => card.name)).toEqual([`dossier-${number}.pdf`, `dossier-${number}.md`]);
    expect(cards[0]?.content).toMatchObject({ description: `Dossier incident ${number} (vertrouwelijk)` });
    expect(Number(cards[0]?.content?.sizeInBytes)).toBeGreaterThan(1000);
    const audit = await h.app.context.store.audit.list(
      (await h.app.context.incidents.findBySpace((await workspaceId())!, incident.spaceId))!.id,
    );
    expect(audit.filter((e) => e.action === 'dossier.generated').map((e) => e.actorId)).toEqual([BAS.aad]);
  });

  it('accepted: the PDF bytes go to the upload URL, a file card follows, the chat hears who received it', async () => {
    const pdf = offers(BAS)[0]!;
    const response = await consent(BAS, pdf, 'accept');
    expect(response.status).toBe(200);
    const session = [...h.microsoft.onedrive.sessions.values()].find((s) => s.name === pdf.name)!;
    expect(session.bytes?.subarray(0, 5).toString()).toBe('%PDF-');
    expect(session.bytes?.length).toBe(pdf.content?.sizeInBytes);
    expect(session.contentRange).toBe(`bytes 0-${session.bytes!.length - 1}/${session.bytes!.length}`);
    const info = attachments(BAS).find((a) => a.contentType === FILE_INFO);
    expect(info).toMatchObject({ name: pdf.name, content: { uniqueId: session.id, fileType: 'pdf' } });
    expect(texts(personal(BAS)).at(-1)).toContain(`Het dossier staat in je OneDrive: ${pdf.name}`);
    const told = await eventually(() =>
      texts(incident.spaceId).find((text) => text.includes('heeft het dossier van incident')),
    );
    expect(told).toBe(
      `Bas heeft het dossier van incident ${number} ontvangen (${pdf.name}) in de persoonlijke chat met Stappenplan.`,
    );
  });

  it('an offer is used once, and only by the person it was made to', async () => {
    const pdf = offers(BAS)[0]!;
    const sessions = h.microsoft.onedrive.sessions.size;
    await consent(BAS, pdf, 'accept');
    expect(texts(personal(BAS)).at(-1)).toContain('Dit aanbod is verlopen');
    const markdown = offers(BAS)[1]!;
    await consent(DIRK, markdown, 'accept');
    expect(texts(personal(DIRK)).at(-1)).toContain('Dit aanbod is verlopen');
    const uploaded = [...h.microsoft.onedrive.sessions.values()].filter((s) => s.bytes);
    expect(uploaded).toHaveLength(1);
    expect(h.microsoft.onedrive.sessions.size).toBe(sessions + 2);
  });

  it('declined: nothing is uploaded, the person is told, and the offer is gone', async () => {
    const markdown = offers(BAS)[1]!;
    expect((await consent(BAS, markdown, 'decline')).status).toBe(200);
    expect(texts(personal(BAS)).at(-1)).toContain('Je hebt het dossier niet opgeslagen');
    await consent(BAS, markdown, 'accept');
    expect(texts(personal(BAS)).at(-1)).toContain('Dit aanbod is verlopen');
    expect([...h.microsoft.onedrive.sessions.values()].filter((s) => s.bytes)).toHaveLength(1);
  });

  it('a personal chat that cannot be reached is said plainly', async () => {
    h.microsoft.unreachable.add(ANNA.aad);
    try {
      const answer = await ask(ANNA);
      expect(answer).toContain('Ik kan je persoonlijke chat met Stappenplan niet bereiken');
      expect(offers(ANNA)).toEqual([]);
    } finally {
      h.microsoft.unreachable.delete(ANNA.aad);
    }
  });

  it('someone who is not a member is refused and gets no offer', async () => {
    const answer = await ask(DIRK);
    expect(answer).toContain('Je bent geen lid van dit incident');
    await quiet(h.microsoft);
    expect(offers(DIRK)).toEqual([]);
  });
});
