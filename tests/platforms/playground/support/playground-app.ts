import { Writable } from 'node:stream';
import { type App, startApp } from '../../../../src/app.js';
import { loadConfig } from '../../../../src/config/config.js';
import type { Clock } from '../../../../src/core/ports/clock.js';
import { createDossierModule } from '../../../../src/features/dossier/dossier.module.js';
import { createLogger } from '../../../../src/logging/logger.js';
import { PlaygroundModule } from '../../../../src/platforms/playground/playground.module.js';
import {
  BOT,
  PLAYGROUND_TEAM_ID,
  PLAYGROUND_TENANT,
} from '../../../../src/platforms/playground/playground.people.js';
import type { StoredMessage } from '../../../../src/platforms/playground/playground.state.js';

export type Json = Record<string, unknown>;

/** The app with the playground as its only platform, on the embedded database, logging nowhere. */
export async function startPlaygroundApp(
  options: { clock?: Clock; dossier?: boolean } = {},
): Promise<{ app: App; playground: PlaygroundModule }> {
  const playground = new PlaygroundModule();
  const logs = new Writable({ write: (_chunk, _encoding, done) => done() });
  const app = await startApp(loadConfig({ PORT: '0', DATA_DIR: 'memory://' }), {
    logger: createLogger('info', logs),
    ...(options.clock ? { clock: options.clock } : {}),
    modules: [playground, ...(options.dossier ? [createDossierModule()] : [])],
  });
  return { app, playground };
}

/** Posts an activity to the bot as the page does; the answer as it came. */
export async function toBot(app: App, activity: unknown): Promise<{ status: number; text: string }> {
  const response = await fetch(`${app.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity ?? null) ?? 'null',
  });
  return { status: response.status, text: await response.text() };
}

/** Who sends an activity: a colleague of the playground, answered through its own connector. */
export function from(app: App, user: string, name = user): Json {
  return {
    channelId: 'msteams',
    serviceUrl: `${app.url}/playground/connector/`,
    from: { id: `29:${user}`, name, aadObjectId: user },
    recipient: BOT,
  };
}

/** The team's channel, on the message `replyToId` (Teams names it in the conversation id). */
export function inTeamChannel(replyToId: string): Json {
  return {
    replyToId,
    conversation: {
      id: `${PLAYGROUND_TEAM_ID};messageid=${replyToId}`,
      conversationType: 'channel',
      tenantId: PLAYGROUND_TENANT,
    },
    channelData: {
      team: { id: PLAYGROUND_TEAM_ID },
      channel: { id: PLAYGROUND_TEAM_ID },
      tenant: { id: PLAYGROUND_TENANT },
    },
  };
}

/** `@Stappenplan <text>`, the mention as the page sends it. */
export function mentioning(text: string): Json {
  return {
    type: 'message',
    text: `<at>Stappenplan</at> ${text}`,
    entities: [{ type: 'mention', mentioned: BOT, text: '<at>Stappenplan</at>' }],
  };
}

/** A press on an Action.Execute button. */
export function pressing(verb: string, data: Json): Json {
  return {
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb, data } },
  };
}

/** What **Openen** sends for `lead`'s opening form: a nude photo, one colleague invited. */
export function openingForm(lead: string, title: string, invited: string): Json {
  return { k: 'o', u: lead, 'o:title': title, 'o:kind': 'nude_photo', 'o:invited': invited };
}

/**
 * `@Stappenplan <text>` in the team's channel the way the page sends it: the message is kept in
 * the channel first, then told to the bot. The bot's card under it, if it put one there.
 */
export async function sayInTeamChannel(
  { app, playground }: { app: App; playground: PlaygroundModule },
  user: { id: string; name: string },
  text: string,
  id: string,
): Promise<StoredMessage | undefined> {
  const said = { ...from(app, user.id, user.name), ...inTeamChannel(id), id, ...mentioning(text) };
  await fetch(`${app.url}/playground/record`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user: user.id, conversation: PLAYGROUND_TEAM_ID, activity: said }),
  });
  await toBot(app, said);
  return playground.state.list(PLAYGROUND_TEAM_ID).find((message) => message.replyToId === id);
}

/** **Openen** pressed by `lead` on the opening form under `pendingId`: a nude photo, `invited` asked in. */
export function pressOpen(
  app: App,
  lead: { id: string; name: string },
  pendingId: string,
  title: string,
  invited: string,
): Promise<{ status: number; text: string }> {
  return toBot(app, {
    ...from(app, lead.id, lead.name),
    ...inTeamChannel(pendingId),
    id: `a-${Math.random()}`,
    ...pressing('stappenplan.open', openingForm(lead.id, title, invited)),
  });
}
