import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { VERBS } from '../../../../src/platforms/teams/cards/adaptive.types.js';
import { freshPostgres } from '../../../support/fresh-postgres.js';
import { actionData, answeredCard, shown } from '../support/card-reading.support.js';
import { FakeMicrosoft } from '../support/fake-microsoft.js';
import { clickActivity, messageActivity } from '../support/teams-activities.support.js';
import { eventually, quiet } from '../support/teams-harness.js';
import { ANNA, BAS, CARLA, DIRK, GENERAL } from '../support/teams-people.support.js';
import { type BotProcess, entries, startBotProcess } from './bot-process.js';
import { LocalIssuer } from './local-issuer.js';
import {
  APP_ID,
  bearer,
  CONNECTOR_SCOPE,
  channelClaims,
  fromTenant,
  OTHER_APP_ID,
  OTHER_TENANT,
  postActivity,
  SCHOOL_TENANT,
} from './signin.support.js';

const SECRET = randomBytes(16).toString('hex');
const PERSONAL = `a:personal-${ANNA.aad}`;

describe('Teams: the real sign-in path, end to end', () => {
  let microsoft: FakeMicrosoft;
  let issuer: LocalIssuer;
  let bot: BotProcess;
  let database: { url: string; drop(): Promise<void> } | null = null;

  beforeAll(async () => {
    microsoft = new FakeMicrosoft([ANNA, BAS, CARLA, DIRK]);
    await microsoft.start();
    issuer = new LocalIssuer({ id: APP_ID, secret: SECRET });
    await issuer.start();
    // The PostgreSQL server when this run has one (the bot is ready sooner), else the embedded one.
    const adminUrl = inject('postgresUrl');
    database = adminUrl ? await freshPostgres(adminUrl) : null;
    bot = await startBotProcess({
      PORT: '0',
      HOST: '127.0.0.1',
      ...(database ? { DATABASE_URL: database.url } : { DATA_DIR: 'memory://' }),
      LOG_LEVEL: 'info',
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: SECRET,
      TEAMS_ALLOWED_TENANTS: SCHOOL_TENANT,
      ToBotFromChannelOpenIdMetadataUrl: issuer.openIdMetadataUrl,
      ToBotFromChannelTokenIssuer: issuer.channelIssuer,
      ToChannelFromBotLoginUrl: issuer.loginUrl,
      ToChannelFromBotOAuthScope: CONNECTOR_SCOPE,
      GRAPH_API_URL: `${microsoft.url}/graph`,
      GRAPH_TOKEN_URL: issuer.tokenUrlTemplate,
      NODE_EXTRA_CA_CERTS: issuer.caFile,
    });
  });
  afterAll(async () => {
    await bot?.stop();
    await database?.drop();
    await issuer?.stop();
    await microsoft?.stop();
  });

  const valid = () => bearer(issuer, channelClaims(issuer, microsoft));
  const help = (tenant = SCHOOL_TENANT) =>
    fromTenant(messageActivity(microsoft, ANNA, 'incident help'), tenant);

  it('accepts a token the issuer signed and replies with a token from the login authority', async () => {
    const response = await postActivity(bot.url, help(), valid());
    expect(response.status).toBe(200);
    const reply = await eventually(() => microsoft.texts(PERSONAL)[0]);
    expect(shown(reply.text)).toContain('Stappenplan sexting: zo werkt het.');

    const issued = issuer.tokensFor(`${CONNECTOR_SCOPE}/.default`);
    expect(issued).toHaveLength(1);
    expect(issuer.tokenRequests[0]).toMatchObject({ tenant: 'botframework.com', clientId: APP_ID });
    const posts = microsoft.named('POST', /^\/connector\/v3\/conversations\/[^/]+\/activities/);
    expect(posts).toHaveLength(1);
    expect(posts[0]?.authorization).toBe(`Bearer ${issued[0]}`);
  });

  const now = () => Math.floor(Date.now() / 1000);
  const refused: Array<[string, () => string | undefined]> = [
    ['no Authorization header', () => undefined],
    ['a wrong audience', () => bearer(issuer, channelClaims(issuer, microsoft, { aud: OTHER_APP_ID }))],
    [
      "another issuer (the public cloud's)",
      () => bearer(issuer, channelClaims(issuer, microsoft, { iss: 'https://api.botframework.com' })),
    ],
    [
      'an expired token (beyond the five minutes of clock skew)',
      () => bearer(issuer, channelClaims(issuer, microsoft, { nbf: now() - 7200, exp: now() - 3600 })),
    ],
    ['alg: none', () => bearer(issuer, channelClaims(issuer, microsoft), { alg: 'none' })],
    [
      'alg: none under the listed key id',
      () => bearer(issuer, channelClaims(issuer, microsoft), { alg: 'none', kid: issuer.kid }),
    ],
    [
      'HS256 with the public key as secret',
      () => bearer(issuer, channelClaims(issuer, microsoft), { alg: 'HS256' }),
    ],
    [
      'a key the issuer does not list, under the listed key id',
      () => bearer(issuer, channelClaims(issuer, microsoft), { key: issuer.unlistedKey }),
    ],
    [
      'a key the issuer does not list, under its own key id',
      () => bearer(issuer, channelClaims(issuer, microsoft), { key: issuer.unlistedKey, kid: 'unlisted' }),
    ],
    [
      'a token for another service URL',
      () => bearer(issuer, channelClaims(issuer, microsoft, { serviceurl: 'https://smba.example/teams/' })),
    ],
  ];

  it.each(refused)(
    'refuses %s with 401 and an empty answer, and does nothing',
    async (_case, authorization) => {
      const header = authorization();
      const calls = microsoft.calls.length;
      const replies = microsoft.texts(PERSONAL).length;
      const response = await postActivity(bot.url, help(), header);
      expect(response.status).toBe(401);
      expect(response.body).toEqual({ error: 'unauthorized' });
      await quiet(microsoft, 150);
      expect(microsoft.calls.length).toBe(calls);
      expect(microsoft.texts(PERSONAL)).toHaveLength(replies);
      const token = header?.split(' ')[1];
      if (token) {
        expect(bot.logs.join('\n')).not.toContain(token);
        expect(bot.stderr.join('')).not.toContain(token);
      }
    },
  );

  it('refuses a valid token for an activity of a channel its key is not endorsed for', async () => {
    const webchat = { ...help(), channelId: 'webchat' };
    const response = await postActivity(bot.url, webchat, valid());
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ error: 'unauthorized' });
    await eventually(() =>
      refusals().some((e) => String(e.refusal).includes('Could not validate endorsement')),
    );
  });

  const refusals = () =>
    entries(bot.logs).filter((e) => e.msg === 'teams request refused: token not accepted');

  it('logs each refusal at warn, naming the reason but never the token', async () => {
    const warnings = await eventually(() => (refusals().length >= refused.length + 1 ? refusals() : null));
    expect(warnings).toHaveLength(refused.length + 1);
    const said = warnings.map((e) => String(e.refusal)).join('\n');
    for (const reason of [
      'Request is not authorized',
      'Invalid AppId passed on token',
      'No valid identity',
      'The token has expired',
      'Signing Key could not be retrieved',
      'jwt signature is required',
      'JsonWebTokenError: invalid algorithm',
      'JsonWebTokenError: invalid signature',
      'ServiceUrl claim do not match',
    ]) {
      expect(said).toContain(reason);
    }
    expect(warnings.every((e) => e.level === 40 && typeof e.refusal === 'string')).toBe(true);
  });

  it('refuses an activity from a tenant not on the list with 403, before any handler', async () => {
    const calls = microsoft.calls.length;
    const other = await postActivity(bot.url, help(OTHER_TENANT), valid());
    expect(other.status).toBe(403);
    expect(other.text).toBe('{"error":"forbidden"}');
    // A tenant named in only one of the two places counts too.
    const mixed = help();
    (mixed.conversation as Record<string, unknown>).tenantId = OTHER_TENANT;
    expect((await postActivity(bot.url, mixed, valid())).status).toBe(403);
    const nameless: Record<string, unknown> = { ...help(), channelData: {} };
    delete (nameless.conversation as Record<string, unknown>).tenantId;
    expect((await postActivity(bot.url, nameless, valid())).status).toBe(403);
    // An invoke as well: no card and no form reach another school.
    const invoke = fromTenant(clickActivity(microsoft, ANNA, VERBS.openForm, { i: 'x' }), OTHER_TENANT);
    const answer = await postActivity(bot.url, invoke, valid());
    expect(answer.status).toBe(403);
    expect(answer.text).toBe('{"error":"forbidden"}');
    await quiet(microsoft, 150);
    expect(microsoft.calls.length).toBe(calls);

    const tenantWarnings = () =>
      entries(bot.logs).filter((e) => e.msg === 'teams activity from a tenant not allowed');
    const warnings = await eventually(() => (tenantWarnings().length >= 4 ? tenantWarnings() : null));
    expect(warnings.map((e) => e.tenantId)).toEqual([OTHER_TENANT, OTHER_TENANT, null, OTHER_TENANT]);
    expect(warnings.every((e) => e.level === 40)).toBe(true);
  });

  it('checks the token before the tenant: no token from another tenant is still 401', async () => {
    expect((await postActivity(bot.url, help(OTHER_TENANT))).status).toBe(401);
  });

  it("calls Graph with the school tenant's token from the same login authority", async () => {
    const inChannel = (activity: Record<string, unknown>) => fromTenant(activity, SCHOOL_TENANT);
    await postActivity(
      bot.url,
      inChannel(messageActivity(microsoft, ANNA, 'incident nieuw', { channel: GENERAL })),
      valid(),
    );
    const pending = await eventually(() => microsoft.cards(GENERAL).at(-1));
    const data = (pending.card.refresh as { action: { data: object } }).action.data;
    const where = { channel: GENERAL, replyToId: pending.id };
    const form = answeredCard(
      await postActivity(
        bot.url,
        inChannel(clickActivity(microsoft, ANNA, VERBS.openForm, { ...data }, where)),
        valid(),
      ),
    );
    const values = { 'o:title': 'Foto 2B', 'o:kind': 'nude_photo', 'o:invited': BAS.aad };
    const submit = clickActivity(
      microsoft,
      ANNA,
      VERBS.openSubmit,
      { ...actionData(form, 'Openen'), ...values },
      where,
    );
    expect((await postActivity(bot.url, inChannel(submit), valid())).status).toBe(200);

    // The default incident space: a group chat made through Graph.
    const created = await eventually(() => microsoft.named('POST', /^\/graph\/chats$/)[0]);
    const graphTokens = issuer.tokenRequests.filter(
      (r) => r.scope === 'https://graph.microsoft.com/.default',
    );
    expect(graphTokens).toHaveLength(1);
    expect(graphTokens[0]).toMatchObject({ tenant: SCHOOL_TENANT, clientId: APP_ID });
    expect(created.authorization).toBe(`Bearer ${graphTokens[0]?.token}`);
    for (const call of microsoft.calls.filter((c) => c.path.startsWith('/graph/'))) {
      expect(call.authorization).toBe(`Bearer ${graphTokens[0]?.token}`);
    }
    // Every Connector call, in and out of a turn, carried the Connector token.
    const connectorToken = `Bearer ${issuer.tokensFor(`${CONNECTOR_SCOPE}/.default`)[0]}`;
    const connectorCalls = microsoft.calls.filter((c) => c.path.startsWith('/connector/'));
    expect(connectorCalls.length).toBeGreaterThan(3);
    expect(connectorCalls.every((c) => c.authorization === connectorToken)).toBe(true);
  });
});
