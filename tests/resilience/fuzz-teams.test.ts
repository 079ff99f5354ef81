import { Writable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, startApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/logging/logger.js';
import { PlaygroundModule } from '../../src/platforms/playground/playground.module.js';
import { PLAYGROUND_TEAM_ID, PLAYGROUND_TENANT } from '../../src/platforms/playground/playground.people.js';
import { eventually } from '../platforms/slack/support/slack-harness.js';
import { BUILTIN_CARD_KEYS } from '../support/core-fixture.js';
import {
  crashCounter,
  diffCount,
  FUZZ_RUNS,
  type FuzzReport,
  fire,
  mutate,
  mutations,
  printReport,
  settle,
  snapshotIncident,
} from './support/fuzz-values.js';

type Json = Record<string, unknown>;
/** The lead and the member of incident B: never a sender below. */
const B_PEOPLE = ['demo-teamleider', 'demo-zorg'];
const SENDERS = ['demo-mentor', 'demo-directie', 'aad-stranger'];

/**
 * Mutated Teams activities and Action.Execute invokes to /api/messages through the playground
 * (the Teams path without sign-in), from people who are not members of incident B, built from
 * the real cards of incidents A and B.
 */
describe('fuzzing /api/messages (Teams, through the playground)', () => {
  let app: App;
  let playground: PlaygroundModule;
  let incidentB = '';
  const executes: Array<{ conversation: string; replyToId: string; verb: string; data: Json }> = [];
  const ids: string[] = [];
  const post = async (body: unknown) => {
    const response = await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body ?? null) ?? 'null',
    });
    return { status: response.status, text: await response.text() };
  };
  const envelope = (user: string, conversation: string, replyToId: string): Json => ({
    id: `a-${Math.random()}`,
    channelId: 'msteams',
    serviceUrl: `${app.url}/playground/connector/`,
    from: { id: `29:${user}`, name: user, aadObjectId: user },
    recipient: { id: 'stappenplan', name: 'Stappenplan' },
    replyToId,
    conversation: { id: conversation, conversationType: 'channel', tenantId: PLAYGROUND_TENANT },
    channelData: {
      team: { id: PLAYGROUND_TEAM_ID },
      channel: { id: conversation },
      tenant: { id: PLAYGROUND_TENANT },
    },
  });

  /** Opens an incident the way the playground's page does; returns its conversation id. */
  async function open(lead: string, invited: string, title: string): Promise<string> {
    const said = {
      ...envelope(lead, PLAYGROUND_TEAM_ID, `m-${title}`),
      id: `m-${title}`,
      type: 'message',
      text: '<at>Stappenplan</at> incident nieuw',
      entities: [
        {
          type: 'mention',
          mentioned: { id: 'stappenplan', name: 'Stappenplan' },
          text: '<at>Stappenplan</at>',
        },
      ],
    };
    await fetch(`${app.url}/playground/record`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: lead, conversation: PLAYGROUND_TEAM_ID, activity: said }),
    });
    await post(said);
    const pending = playground.state.list(PLAYGROUND_TEAM_ID).find((m) => m.replyToId === `m-${title}`);
    if (!pending) throw new Error('no opening form');
    await post({
      ...envelope(lead, PLAYGROUND_TEAM_ID, pending.id),
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: {
        action: {
          type: 'Action.Execute',
          verb: 'stappenplan.open',
          data: { k: 'o', u: lead, 'o:title': title, 'o:kind': 'nude_photo', 'o:invited': invited },
        },
      },
    });
    const chat = await eventually(async () => chatOf(lead, invited)?.id, 10_000);
    // Every card is in the chat (Nu eerst, overview, phases, tips).
    await eventually(async () => playground.state.list(chat).length >= BUILTIN_CARD_KEYS.length, 10_000);
    return chat;
  }
  const chatOf = (lead: string, invited: string) =>
    [...playground.state.conversations.values()].find(
      (c) => c.kind === 'chat' && c.members?.has(lead) && c.members.has(invited),
    );

  beforeAll(async () => {
    playground = new PlaygroundModule();
    const logs = new Writable({ write: (_chunk, _encoding, done) => done() });
    app = await startApp(loadConfig({ PORT: '0', DATA_DIR: 'memory://' }), {
      logger: createLogger('info', logs),
      modules: [playground],
    });
    const chatA = await open('demo-mentor', 'demo-directie', 'Incident A');
    const chatB = await open(B_PEOPLE[0] ?? '', B_PEOPLE[1] ?? '', 'Incident B');
    // The cards are in the chat a moment before the incident is marked open.
    const incidents = await eventually(async () => {
      const open = await app.context.store.incidents.listByStatus('open', 10);
      return open.length === 2 ? open : null;
    }, 10_000);
    incidentB = incidents.find((incident) => incident.title === 'Incident B')?.id ?? '';
    if (!incidentB)
      throw new Error(`no incident B: ${JSON.stringify(incidents.map((i) => [i.title, i.leadId]))}`);
    for (const conversation of [chatA, chatB]) {
      for (const message of playground.state.list(conversation)) {
        for (const action of executesIn(message.activity)) {
          executes.push({ conversation, replyToId: message.id, ...action });
        }
      }
    }
    ids.push(...incidents.map((incident) => incident.id), chatA, chatB, PLAYGROUND_TEAM_ID);
    ids.push(...B_PEOPLE, ...SENDERS, ...executes.slice(0, 20).map((e) => e.replyToId));
  }, 60_000);
  afterAll(async () => app?.close());

  it(`answers ${FUZZ_RUNS} mutated activities without a 5xx, a crash, or a change to B`, async () => {
    expect(executes.length).toBeGreaterThan(10);
    const before = await snapshotIncident(app, incidentB);
    const crashes = crashCounter();
    const sender = fc.constantFrom(...SENDERS);
    const activity: fc.Arbitrary<Json> = fc.oneof(
      fc
        .tuple(sender, fc.constantFrom(...executes), fc.constantFrom(...ids))
        .map(([user, action, where]) => ({
          ...envelope(user, action.conversation, action.replyToId),
          ...(where.startsWith('19:') ? { conversation: { id: where, conversationType: 'groupChat' } } : {}),
          type: 'invoke',
          name: 'adaptiveCard/action',
          value: { action: { type: 'Action.Execute', verb: action.verb, data: action.data } },
        })),
      fc
        .tuple(sender, fc.constantFrom(...ids), fc.constantFrom('nieuw', 'status', 'overzicht', 'help', 'x'))
        .map(([user, where, text]) => ({
          ...envelope(user, where, ''),
          type: 'message',
          text: `<at>Stappenplan</at> incident ${text}`,
          entities: [{ type: 'mention', mentioned: { id: 'stappenplan' }, text: '<at>Stappenplan</at>' }],
        })),
      fc.tuple(sender, fc.constantFrom(...ids)).map(([user, where]) => ({
        ...envelope(user, where, ''),
        type: 'conversationUpdate',
        membersAdded: [{ id: `29:${user}`, aadObjectId: user }],
      })),
    );
    const mutated = fc.tuple(activity, mutations(ids)).map(([base, list]) => mutate(base, list));
    let report: FuzzReport;
    try {
      // An invoke whose name the bot does not handle gets botbuilder's 501 Not Implemented (no
      // InvokeResponse was set); Teams itself only sends the names the manifest declares.
      const unknownInvoke = (sent: Json, status: number) =>
        status === 501 && sent.type === 'invoke' && sent.name !== 'adaptiveCard/action';
      report = await fire(mutated, FUZZ_RUNS, post, 8, unknownInvoke);
      await settle(() => [...playground.state.conversations.keys()].length + report.requests, 300);
    } finally {
      crashes.stop();
    }
    const after = await snapshotIncident(app, incidentB);
    printReport(
      '/api/messages (Teams activities and invokes, playground)',
      report,
      crashes.count(),
      diffCount(before, after),
    );
    expect(report.failures).toEqual([]);
    expect(crashes.count()).toBe(0);
    expect(after).toEqual(before);
  }, 600_000);
});

/** Every Action.Execute in an activity's cards: what Teams would send back when it is pressed. */
function executesIn(
  value: unknown,
  out: Array<{ verb: string; data: Json }> = [],
): Array<{ verb: string; data: Json }> {
  if (typeof value !== 'object' || value === null) return out;
  const node = value as Json;
  if (node.type === 'Action.Execute' && typeof node.verb === 'string') {
    out.push({ verb: node.verb, data: (node.data as Json) ?? {} });
  }
  for (const child of Object.values(node)) executesIn(child, out);
  return out;
}
