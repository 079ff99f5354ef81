import { beforeAll, describe, expect, it } from 'vitest';
import { CALLBACK } from '../../../src/platforms/slack/modals/modal-state.js';
import { FakeSlack } from './support/fake-slack.js';
import type { FakeFile } from './support/fake-slack.state.js';
import { slackHarness, withSlackHarness } from './support/slack-harness.hooks.js';
import { ANNA, BAS, BOT_USER, cards, MANIFEST, openIncident, XANDER, YEAR } from './support/slack-harness.js';
import { manifestScopes } from './support/slack-scopes.js';

/** The dossier in Slack: asked for in the incident channel, uploaded there with files.uploadV2. */
describe('the dossier in Slack', () => {
  const h = slackHarness();
  let opened: Awaited<ReturnType<typeof openIncident>>;

  beforeAll(async () => {
    opened = await openIncident(h, ANNA, { title: 'Foto 2B', invited: [BAS] });
  });

  const reply = async (userId: string, text: string, channelId?: string) => {
    const before = h.fake.responses.length;
    expect((await h.people.command(userId, text, channelId)).status).toBe(200);
    return String((await h.fake.waitFor(() => h.fake.responses[before], 10_000, text)).body.text);
  };
  const shared = (): FakeFile[] => [...h.fake.state.files.values()].filter((file) => file.channel);

  it('`/incident dossier` puts the PDF and the Markdown in the incident channel', async () => {
    const answer = await reply(BAS, 'dossier', opened.channel.id);
    expect(answer).toContain(`Het dossier van incident ${YEAR}-0001 staat nu in dit kanaal`);
    const files = shared();
    expect(files.map((file) => [file.filename, file.channel])).toEqual([
      [`dossier-${YEAR}-0001.pdf`, opened.channel.id],
      [`dossier-${YEAR}-0001.md`, opened.channel.id],
    ]);
    expect(files[0]?.bytes?.subarray(0, 5).toString()).toBe('%PDF-');
    expect(files[1]?.bytes?.toString('utf8')).toContain(`${YEAR}-0001`);
    expect(files[0]?.initialComment).toBe(`Dossier incident ${YEAR}-0001 (vertrouwelijk)`);
    const calls = h.fake.calls
      .filter((call) => call.method.startsWith('files.'))
      .map((c) => [c.method, c.ok]);
    expect(calls).toEqual([
      ['files.getUploadURLExternal', true],
      ['files.getUploadURLExternal', true],
      ['files.completeUploadExternal', true],
    ]);
    const audit = await h.app.context.store.audit.list(incidentId());
    expect(audit.filter((event) => event.action === 'dossier.generated').map((e) => e.actorId)).toEqual([
      BAS,
    ]);
  });

  it('the message Slack sends for the bot’s own upload gets no file warning', async () => {
    const [pdf] = shared();
    const response = await h.people.event({
      type: 'message',
      subtype: 'file_share',
      channel: opened.channel.id,
      channel_type: 'group',
      user: BOT_USER,
      bot_id: 'BBOT0001',
      text: `Dossier incident ${YEAR}-0001 (vertrouwelijk)`,
      ts: `${Date.now() / 1000}`,
      files: [{ id: pdf?.id, name: pdf?.filename, mimetype: 'application/pdf' }],
    });
    expect(response.status).toBe(200);
    // A colleague's file afterwards is warned about: once that warning is there, the bot's was handled.
    await h.people.event({
      type: 'message',
      subtype: 'file_share',
      channel: opened.channel.id,
      channel_type: 'group',
      user: BAS,
      text: '',
      ts: `${Date.now() / 1000}`,
      files: [{ id: 'F-BAS-1', name: 'foto.jpg', mimetype: 'image/jpeg' }],
    });
    await h.fake.waitFor(() =>
      h.fake.state.messages.some((m) => m.text.includes('Er is een bestand gedeeld')),
    );
    const shares = (await h.app.context.store.audit.list(incidentId())).filter(
      (event) => event.action === 'incident.file_shared',
    );
    expect(shares.map((event) => event.actorId)).toEqual([BAS]);
  });

  it('someone who is not a member is refused and nothing is uploaded', async () => {
    const before = h.fake.calls.length;
    const answer = await reply(XANDER, 'dossier', opened.channel.id);
    expect(answer).toContain('Je bent geen lid van dit incident');
    expect(h.fake.calls.slice(before).some((call) => call.method.startsWith('files.'))).toBe(false);
  });

  it('outside an incident channel the command says where to use it', async () => {
    expect(await reply(BAS, 'dossier')).toBe('Gebruik dit commando in het kanaal van het incident.');
  });

  it('**Dossier** in the overview menu uploads it too', async () => {
    const before = shared().length;
    await h.people.click(ANNA, opened.card('overview'), { kind: 'dossier' });
    await h.fake.waitFor(() => shared().length === before + 2, 10_000, 'upload');
    const answer = await h.fake.waitFor(() =>
      h.fake.state.ephemerals.find((e) => e.user === ANNA && e.text.includes('staat nu in dit kanaal')),
    );
    expect(answer.channel).toBe(opened.channel.id);
  });

  it('closing posts the offer "Dossier maken?" with a button that works', async () => {
    expect((await h.people.command(ANNA, 'sluit', opened.channel.id)).status).toBe(200);
    const view = await h.fake.waitFor(() =>
      h.fake.state.views.find((v) => v.userId === ANNA && v.view.callback_id === CALLBACK.close),
    );
    await h.people.submit(ANNA, view, {});
    const offer = await h.fake.waitFor(
      () => cards(h.fake, opened.channel.id).get('dossier-offer'),
      10_000,
      'offer',
    );
    expect(JSON.stringify(offer.blocks)).toContain('Dossier maken?');
    const before = shared().length;
    await h.people.click(BAS, offer, { kind: 'dossier' });
    await h.fake.waitFor(() => shared().length === before + 2, 10_000, 'upload after closing');
  });

  function incidentId(): string {
    const payload = opened.card('overview').metadata?.event_payload as { incident?: string } | undefined;
    return String(payload?.incident);
  }
});

describe('the dossier in a Slack app installed before it existed', () => {
  it('without files:write the answer names the missing permission and nothing is shared', async () => {
    const fake = await FakeSlack.start(manifestScopes(MANIFEST).filter((scope) => scope !== 'files:write'));
    fake.state.addUser({ id: ANNA, name: 'anna', displayName: 'Anna' });
    fake.state.addUser({ id: BAS, name: 'bas', displayName: 'Bas' });
    await withSlackHarness(
      async (h) => {
        const opened = await openIncident(h, ANNA, { title: 'Foto 2B', invited: [BAS] });
        const before = h.fake.responses.length;
        await h.people.command(BAS, 'dossier', opened.channel.id);
        const answer = String((await h.fake.waitFor(() => h.fake.responses[before], 10_000)).body.text);
        expect(answer).toContain('De Slack-app mist het recht “files:write”');
        const asked = h.fake.named('files.getUploadURLExternal');
        expect(asked.length).toBeGreaterThan(0);
        expect(asked.every((call) => call.error === 'missing_scope')).toBe(true);
        expect(h.fake.named('files.completeUploadExternal')).toEqual([]);
        expect([...h.fake.state.files.values()]).toEqual([]);
      },
      { fake },
    );
  });
});
