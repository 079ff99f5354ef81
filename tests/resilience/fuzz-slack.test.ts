import fc from 'fast-check';
import { beforeAll, describe, it } from 'vitest';
import { dialogFor } from '../platforms/slack/support/card-steps.js';
import type { FakeMessage, FakeView, Json } from '../platforms/slack/support/fake-slack.state.js';
import { slackHarness } from '../platforms/slack/support/slack-harness.hooks.js';
import {
  ANNA,
  BAS,
  CEM,
  cards,
  eventually,
  openIncident,
  TEAM_ID,
  XANDER,
} from '../platforms/slack/support/slack-harness.js';
import { fuzzDoor } from './support/fuzz-door.js';
import {
  diffCount,
  FUZZ_RUNS,
  type Mutation,
  mutate,
  settle,
  snapshotIncident,
} from './support/fuzz-values.js';
import {
  blockAction,
  command,
  event,
  type SlackRequest,
  sendSigned,
  viewSubmission,
} from './support/slack-door.js';

/**
 * Mutated, correctly signed requests to /slack/events from people who are not members of
 * incident B: block actions, view submissions, commands and events, built from real cards and
 * dialogs of incidents A and B, with huge strings, wrong types, deep nesting, unicode edge cases
 * and other incidents' and users' ids.
 */
describe('fuzzing /slack/events', () => {
  const h = slackHarness();
  let incidentB: string;
  let cardB: FakeMessage;
  const actions: Array<{ message: FakeMessage; action: Json }> = [];
  const views: FakeView[] = [];
  const ids: string[] = [];

  beforeAll(async () => {
    const a = await openIncident(h, ANNA, { title: 'Incident A', invited: [BAS] });
    const b = await openIncident(h, CEM, { title: 'Incident B' });
    cardB = b.card('phase:direct');
    const workspace = await h.app.context.workspaces.ensure('slack', TEAM_ID);
    const store = h.app.context.store.incidents;
    const idA = (await store.findBySpace(workspace.id, a.channel.id))?.id ?? '';
    incidentB = (await store.findBySpace(workspace.id, b.channel.id))?.id ?? '';
    // Real dialogs: a note on A (Bas), a note on B (Cem, its member), and the opening modal.
    views.push(await dialogFor(h, BAS, a.card('phase:direct'), { kind: 'note', step: 'scope-impact' }));
    views.push(await dialogFor(h, CEM, b.card('phase:direct'), { kind: 'note', step: 'scope-impact' }));
    await h.people.command(BAS, 'nieuw');
    views.push(
      await h.fake.waitFor(() => h.fake.state.views.find((v) => v.userId === BAS && !views.includes(v))),
    );
    for (const channel of [a.channel, b.channel]) {
      for (const message of cards(h.fake, channel.id).values()) {
        for (const action of actionsOf(message)) actions.push({ message, action });
      }
    }
    ids.push(idA, incidentB, a.channel.id, b.channel.id, ANNA, BAS, CEM, XANDER, 'CGENERAL', TEAM_ID);
    ids.push(...actions.slice(0, 40).map(({ action }) => String(action.value ?? '')));
    ids.push(...views.map((view) => String(view.view.private_metadata ?? '')));
  }, 60_000);

  it(`answers ${FUZZ_RUNS} mutated requests without a 5xx, a crash, or a change to B`, async () => {
    const url = `${h.app.url}/slack/events`;
    const sender = fc.constantFrom(BAS, XANDER, ANNA, 'U0NOBODY');
    const request: fc.Arbitrary<SlackRequest> = fc.oneof(
      fc
        .tuple(sender, fc.constantFrom(...actions))
        .map(([user, { message, action }]) => blockAction(user, message, action)),
      fc
        .tuple(sender, fc.constantFrom(...views))
        .map(([user, view]) => viewSubmission(user, view, valuesFor(view))),
      fc
        .tuple(sender, fc.constantFrom(...ids), fc.constantFrom('nieuw', 'status', 'overzicht', 'help', ''))
        .map(([user, channel, text]) => command(user, channel, text)),
      fc
        .tuple(sender, fc.constantFrom(...ids), fc.nat(4))
        .map(([user, channel, which]) => event(slackEvent(which, user, channel))),
    );
    const everything = await fuzzDoor({
      name: '/slack/events (signed, mutated)',
      app: h.app,
      incidentId: incidentB,
      requests: request,
      ids,
      runs: FUZZ_RUNS,
      send: (sent) => sendSigned(url, sent),
      mutate: mutateRequest,
      settle: () => settle(() => h.fake.calls.length + h.logs.length),
      // A file shared in B's channel is recorded whoever shared it (the bot warns in the channel,
      // and Slack only reports it for someone in that channel): evidence, not the sender's change.
      allowed: {
        name: "file shares recorded in B's audit trail (allowed)",
        line: (line) => line.includes('"action":"incident.file_shared"'),
      },
    });
    // The diff sees a real change: B's own member claims a step.
    await h.people.click(CEM, cardB, { kind: 'claim', step: 'attention-victim' });
    await eventually(async () => diffCount(everything, await snapshotIncident(h.app, incidentB)) > 0);
  }, 600_000);
});

/** One of the events the app subscribes to, from `user` in `channel`. */
function slackEvent(which: number, user: string, channel: string): Json {
  const events: Json[] = [
    { type: 'message', channel, user, text: 'hallo', ts: '1.2' },
    { type: 'app_mention', channel, user, text: '<@UBOT0001> status', ts: '1.3' },
    { type: 'member_joined_channel', channel, user },
    { type: 'member_left_channel', channel, user },
    { type: 'file_shared', file_id: 'F1', user_id: user, channel_id: channel },
  ];
  return events[which] ?? {};
}

/** Buttons and menu options on a card, as Slack sends them back in `actions`. */
function actionsOf(message: FakeMessage): Json[] {
  const out: Json[] = [];
  for (const block of (message.blocks ?? []) as Json[]) {
    const elements = [
      ...((block.elements as Json[]) ?? []),
      ...(block.accessory ? [block.accessory as Json] : []),
    ];
    for (const element of elements) {
      if (element.type === 'button') {
        out.push({
          type: 'button',
          action_id: element.action_id,
          block_id: block.block_id,
          value: element.value,
        });
      }
      for (const option of (element.options as Json[]) ?? []) {
        out.push({
          type: element.type,
          action_id: element.action_id,
          block_id: block.block_id,
          selected_option: option,
        });
      }
    }
  }
  return out;
}

/** Plain answers for every input of a dialog (the mutations make them wrong). */
function valuesFor(view: FakeView): Json {
  const values: Json = {};
  for (const block of (view.view.blocks as Json[]) ?? []) {
    if (block.type !== 'input') continue;
    const element = block.element as Json;
    values[String(block.block_id)] = { [String(element.action_id)]: { type: element.type, value: 'Tekst' } };
  }
  return values;
}

function mutateRequest(base: SlackRequest, list: readonly Mutation[]): SlackRequest {
  switch (base.kind) {
    case 'action':
    case 'view':
      return { ...base, payload: mutate(base.payload, list) };
    case 'command':
      return { ...base, fields: mutate(base.fields, list) };
    case 'event':
      return { ...base, envelope: mutate(base.envelope, list) };
  }
}
