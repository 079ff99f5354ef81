/**
 * The two bare-Bolt baselines of the Slack benchmark. Both use the bot's receiver and the bot's
 * Web API client settings (the same transport, retries and time limit as the harness gives the
 * bot), each on an HTTP server of its own in the benchmark's process:
 *
 * - `ack`: the listener only acks; what Bolt and the receiver cost before any work.
 * - `update`: the listener acks and then sends one chat.update of the clicked message with a
 *   phase card rendered once up front; the least any bot can do to show a click on a card.
 *
 * The ready cards are drawn by the bot's own renderer, one per phase of the built-in playbook;
 * a click gets the card of its step's phase. So the baseline sends cards of the same size as
 * the bot does for the same click (a phase of three steps is half the size of one of six).
 */
import { type BlockAction, App as BoltApp, type webApi } from '@slack/bolt';
import { buildPhaseCard } from '../src/core/cards/phase.card.js';
import type { Incident, IncidentView, Member, Step } from '../src/core/incidents/incident.types.js';
import { DEFAULT_PLAYBOOK } from '../src/core/playbook/builtin/index.js';
import { HttpServer } from '../src/http/http-server.js';
import { createLogger } from '../src/logging/logger.js';
import { httpFetch } from '../src/platforms/slack/api/http-fetch.js';
import { callSlack } from '../src/platforms/slack/api/slack-api.js';
import { type BlockKitMessage, toBlockKit } from '../src/platforms/slack/block-kit/block-kit.renderer.js';
import { boltLogger } from '../src/platforms/slack/bolt-logger.js';
import { mountHttpReceiver } from '../src/platforms/slack/http.receiver.js';
import { BOT_TOKEN, SIGNING_SECRET } from '../tests/platforms/slack/support/fake-slack.js';

/** A bare Bolt app listening on loopback. */
export interface BareBolt {
  url: string;
  close(): Promise<void>;
}

/**
 * What startSlackApp (tests/platforms/slack/support/slack-harness.ts) hands the bot's
 * SlackModule, which turns it into these WebClient options; keep the two alike.
 */
const BOT_CLIENT_OPTIONS: webApi.WebClientOptions = {
  retryConfig: { retries: 3, factor: 1, minTimeout: 20, maxTimeout: 50 },
  timeout: 5000,
  fetch: httpFetch as unknown as typeof fetch,
};

/** A ready phase card per step key. */
export type ReadyCards = ReadonlyMap<string, BlockKitMessage>;

/**
 * Bolt on the bot's receiver. Acks every card button; given `cards`, it then sends the ready
 * card of the clicked step's phase as a chat.update of the clicked message.
 */
export async function startBareBolt(apiUrl: string, cards?: ReadyCards): Promise<BareBolt> {
  const logger = createLogger('silent');
  const server = new HttpServer(logger);
  const { receiver } = mountHttpReceiver(server, {
    signingSecret: SIGNING_SECRET,
    logger: boltLogger(logger),
  });
  const app = new BoltApp({
    token: BOT_TOKEN,
    receiver,
    logger: boltLogger(logger),
    clientOptions: { ...BOT_CLIENT_OPTIONS, slackApiUrl: apiUrl },
    convoStore: false,
    deferInitialization: true,
  });
  await app.init();
  app.action<BlockAction>(/^sp:/, async ({ ack, action, body, client }) => {
    await ack();
    if (!cards) return;
    // Card buttons are named sp:<kind>:<step key> (src/platforms/slack/block-kit/step.blocks.ts).
    const card = cards.get(action.action_id.split(':')[2] ?? '');
    if (!card) throw new Error(`No ready card for ${action.action_id}`);
    await callSlack(client, 'chat.update', { channel: body.channel?.id, ts: body.message?.ts, ...card });
  });
  const address = await server.listen(0, '127.0.0.1');
  return { url: `http://127.0.0.1:${address.port}`, close: () => server.close() };
}

/** Every phase card of an open incident with `members` colleagues, every step open, by step key. */
export function readyPhaseCards(members: number): ReadyCards {
  const playbook = DEFAULT_PLAYBOOK;
  const now = new Date();
  const incidentId = '00000000-0000-4000-8000-000000000001';
  const incident: Incident = {
    id: incidentId,
    workspaceId: '00000000-0000-4000-8000-000000000002',
    number: `${now.getFullYear()}-0001`,
    title: 'Benchmark',
    kind: 'nude_photo',
    facts: {
      madeVoluntarily: 'unknown',
      perpetratorKnown: 'unknown',
      perpetratorAtOtherSchool: 'unknown',
      spread: 'unknown',
    },
    status: 'open',
    leadId: 'U0ANNA',
    openedBy: 'U0ANNA',
    playbookKey: playbook.key,
    playbookVersion: playbook.version,
    spaceId: 'C0BENCH',
    createdAt: now,
    updatedAt: now,
    closedAt: null,
    finishedAt: null,
    purgedAt: null,
  };
  const people: Member[] = Array.from({ length: members }, (_, i) => ({
    incidentId,
    userId: i === 0 ? 'U0ANNA' : `U0M${String(i).padStart(4, '0')}`,
    displayName: i === 0 ? 'Anna' : `Collega ${i}`,
    addedBy: 'U0ANNA',
    addedAt: now,
  }));
  const keys = playbook.phases.flatMap((phase) => phase.steps.map((step) => [step.key, phase.key]));
  const steps: Step[] = keys.map(([key = '', phaseKey = ''], position) => ({
    incidentId,
    key,
    phaseKey,
    position,
    status: 'open',
    ownerId: null,
    assignedBy: null,
    dueAt: null,
    naReason: null,
    naByCondition: false,
    completedAt: null,
    updatedAt: now,
    revision: 1,
  }));
  const view: IncidentView = { incident, members: people, steps, notes: [], forms: [], noteCounts: {} };
  const ctx = { view, playbook, locale: 'nl' as const, timeZone: 'Europe/Amsterdam', now };
  const cards = new Map<string, BlockKitMessage>();
  for (const phase of playbook.phases) {
    const card = toBlockKit(buildPhaseCard(ctx, phase.key), { locale: 'nl' });
    for (const step of phase.steps) cards.set(step.key, card);
  }
  return cards;
}
