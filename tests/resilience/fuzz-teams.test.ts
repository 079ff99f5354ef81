import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import type { PlaygroundModule } from '../../src/platforms/playground/playground.module.js';
import { PLAYGROUND_TEAM_ID, PLAYGROUND_TENANT } from '../../src/platforms/playground/playground.people.js';
import {
  from,
  type Json,
  mentioning,
  pressing,
  pressOpen,
  sayInTeamChannel,
  startPlaygroundApp,
  toBot,
} from '../platforms/playground/support/playground-app.js';
import { eventually } from '../platforms/slack/support/slack-harness.js';
import { BUILTIN_CARD_KEYS } from '../support/core-fixture.js';
import { fuzzDoor, unknownInvoke } from './support/fuzz-door.js';
import { FUZZ_RUNS, settle } from './support/fuzz-values.js';

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
  const envelope = (user: string, conversation: string, replyToId: string): Json => ({
    id: `a-${Math.random()}`,
    ...from(app, user),
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
    const as = { id: lead, name: lead };
    const pending = await sayInTeamChannel({ app, playground }, as, 'incident nieuw', `m-${title}`);
    if (!pending) throw new Error('no opening form');
    await pressOpen(app, as, pending.id, title, invited);
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
    ({ app, playground } = await startPlaygroundApp());
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
    const sender = fc.constantFrom(...SENDERS);
    const activity: fc.Arbitrary<Json> = fc.oneof(
      fc
        .tuple(sender, fc.constantFrom(...executes), fc.constantFrom(...ids))
        .map(([user, action, where]) => ({
          ...envelope(user, action.conversation, action.replyToId),
          ...(where.startsWith('19:') ? { conversation: { id: where, conversationType: 'groupChat' } } : {}),
          ...pressing(action.verb, action.data),
        })),
      fc
        .tuple(sender, fc.constantFrom(...ids), fc.constantFrom('nieuw', 'status', 'overzicht', 'help', 'x'))
        .map(([user, where, text]) => ({ ...envelope(user, where, ''), ...mentioning(`incident ${text}`) })),
      fc.tuple(sender, fc.constantFrom(...ids)).map(([user, where]) => ({
        ...envelope(user, where, ''),
        type: 'conversationUpdate',
        membersAdded: [{ id: `29:${user}`, aadObjectId: user }],
      })),
    );
    await fuzzDoor({
      name: '/api/messages (Teams activities and invokes, playground)',
      app,
      incidentId: incidentB,
      requests: activity,
      ids,
      runs: FUZZ_RUNS,
      send: (body) => toBot(app, body),
      concurrency: 8,
      prescribed: unknownInvoke,
      settle: (report) =>
        settle(() => [...playground.state.conversations.keys()].length + report.requests, 300),
    });
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
