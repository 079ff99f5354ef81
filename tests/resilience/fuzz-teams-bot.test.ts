import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { findAll } from '../platforms/teams/support/card-reading.support.js';
import { TENANT } from '../platforms/teams/support/fake-microsoft.js';
import { clickActivity, messageActivity } from '../platforms/teams/support/teams-activities.support.js';
import { eventually, quiet, teamsHarness } from '../platforms/teams/support/teams-harness.js';
import { type OpenedIncident, openIncident } from '../platforms/teams/support/teams-open.support.js';
import { ANNA, BAS, CARLA, DIRK, GENERAL } from '../platforms/teams/support/teams-people.support.js';
import { fuzzDoor, unknownInvoke } from './support/fuzz-door.js';
import { FUZZ_RUNS } from './support/fuzz-values.js';

type Json = Record<string, unknown>;
/** Requests here open incidents, group chats and all their cards: 200 in a normal test run. */
const RUNS = process.env.FUZZ_RUNS ? FUZZ_RUNS : 200;

/**
 * The Teams module itself (group chats, Graph and the Connector faked by FakeMicrosoft), with no
 * sign-in configured as in the local test harness: mutated activities and Action.Execute invokes
 * from Anna, Bas and Dirk, none of them a member of Carla's incident B.
 */
describe('fuzzing /api/messages (the Teams module, test harness without sign-in)', () => {
  const h = teamsHarness({ space: 'chat' });
  let a: OpenedIncident;
  let b: OpenedIncident;
  let incidentB = '';
  const executes: Array<{ space: string; replyToId: string; verb: string; data: Json }> = [];
  const ids: string[] = [];

  beforeAll(async () => {
    a = await openIncident(h, ANNA, {
      'o:title': 'Incident A',
      'o:kind': 'nude_photo',
      'o:invited': 'aad-bas',
    });
    b = await openIncident(h, CARLA, { 'o:title': 'Incident B', 'o:kind': 'nude_photo' });
    const incidents = await eventually(async () => {
      const open = await h.app.context.store.incidents.listByStatus('open', 10);
      return open.length === 2 ? open : null;
    });
    incidentB = incidents.find((incident) => incident.title === 'Incident B')?.id ?? '';
    for (const opened of [a, b]) {
      for (const posted of opened.cards) {
        for (const node of findAll(posted.card, (n) => n.type === 'Action.Execute')) {
          executes.push({
            space: opened.spaceId,
            replyToId: posted.id,
            verb: String(node.verb),
            data: (node.data as Json) ?? {},
          });
        }
      }
    }
    ids.push(...incidents.map((incident) => incident.id), a.spaceId, b.spaceId, GENERAL, TENANT);
    ids.push(
      ...[ANNA, BAS, CARLA, DIRK].map((p) => p.aad),
      ...a.cards.map((c) => c.id),
      ...b.cards.map((c) => c.id),
    );
  }, 60_000);

  it(`answers ${RUNS} mutated activities without a 5xx, a crash, or a change to B`, async () => {
    expect(executes.length).toBeGreaterThan(10);
    const sender = fc.constantFrom(ANNA, BAS, DIRK);
    const activity: fc.Arbitrary<Json> = fc.oneof(
      fc
        .tuple(sender, fc.constantFrom(...executes), fc.constantFrom(a.spaceId, b.spaceId, GENERAL))
        .map(([person, action, channel]) =>
          clickActivity(h.microsoft, person, action.verb, action.data, {
            channel,
            replyToId: action.replyToId,
          }),
        ),
      fc
        .tuple(sender, fc.constantFrom('nieuw', 'status', 'overzicht', 'help', 'x'), fc.boolean())
        .map(([person, text, inChannel]) =>
          messageActivity(h.microsoft, person, `incident ${text}`, inChannel ? { channel: GENERAL } : {}),
        ),
    );
    await fuzzDoor({
      name: '/api/messages (the Teams module, no sign-in)',
      app: h.app,
      incidentId: incidentB,
      requests: activity,
      ids,
      runs: RUNS,
      send: async (body) => {
        const answer = await h.post(body);
        return { status: answer.status, text: JSON.stringify(answer.body ?? '').slice(0, 200) };
      },
      concurrency: 8,
      prescribed: unknownInvoke,
      settle: () => quiet(h.microsoft, 300, 60_000),
    });
  }, 600_000);
});
