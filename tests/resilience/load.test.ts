import { beforeAll, describe, expect, inject, it } from 'vitest';
import { RateLimits, SLACK_TIERS } from '../platforms/slack/support/fake-slack.rate-limits.js';
import type { FakeMessage } from '../platforms/slack/support/fake-slack.state.js';
import { slackHarness } from '../platforms/slack/support/slack-harness.hooks.js';
import {
  cards,
  eventually,
  type Harness,
  memberId,
  TEAM_ID,
} from '../platforms/slack/support/slack-harness.js';
import { BUILTIN_CARD_KEYS } from '../support/core-fixture.js';

/** Every card of an incident on the built-in playbook (Nu eerst, overview, phases, tips). */
const CARDS = BUILTIN_CARD_KEYS.length;

const adminUrl = inject('postgresUrl');
/** Incidents opened at once: LOAD_INCIDENTS (npm run test:resilience sets 50); 2 in a normal run. */
const INCIDENTS = Number(process.env.LOAD_INCIDENTS ?? 2);
const MEMBERS = 10;
/** Each member claims a step and releases it again: 20 clicks per incident. */
const CLICKS = 2 * MEMBERS;
/** How long a click waits for its card to be redrawn (LOAD_REDRAW_WAIT_MS). */
const REDRAW_WAIT_MS = Number(process.env.LOAD_REDRAW_WAIT_MS ?? 300_000);

interface Opened {
  lead: string;
  members: string[];
  channelId: string;
  incidentId: string;
  msToCards: number;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/**
 * Many incidents at once on the PostgreSQL server, against the fake Slack with Slack's own rate
 * limits (429 with Retry-After): every card posted, every click recorded exactly once.
 */
describe.skipIf(adminUrl === null)('load: incidents opened at once, then clicks [postgres]', () => {
  const h = slackHarness({ colleagues: INCIDENTS * MEMBERS, database: 'postgres' });
  beforeAll(() => {
    h.fake.rateLimits = new RateLimits();
  });

  it(`opens ${INCIDENTS} incidents of ${MEMBERS} members with all their cards and records every click once`, async () => {
    let peakRss = process.memoryUsage().rss;
    let peakWaiting = 0;
    let samplesWaiting = 0;
    let samples = 0;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      const pool = h.app.database.poolStats?.();
      samples += 1;
      if (pool && pool.waiting > 0) samplesWaiting += 1;
      peakWaiting = Math.max(peakWaiting, pool?.waiting ?? 0);
    }, 20);
    const workspace = await h.app.context.workspaces.ensure('slack', TEAM_ID);
    const teams = Array.from({ length: INCIDENTS }, (_, i) =>
      Array.from({ length: MEMBERS }, (_, j) => memberId(h.fake, i * MEMBERS + j + 1)),
    );
    const opened = await Promise.all(
      teams.map(async (members, i): Promise<Opened> => {
        const lead = members[0] ?? '';
        const started = performance.now();
        const commanded = await h.people.command(lead, 'nieuw');
        const view = await h.fake
          .waitFor(() => h.fake.state.views.find((v) => v.userId === lead), 60_000, `the modal for ${lead}`)
          .catch((error: Error) => {
            const opened = h.fake.named('views.open').length;
            throw new Error(
              `${error.message} (command answered ${commanded.status} ${commanded.text.slice(0, 80)}; views.open ×${opened}); failed calls: ${failedCalls(h)}`,
            );
          });
        await h.people.submit(lead, view, {
          kind: 'nude_photo',
          title: `Last ${i + 1}`,
          invited: members.slice(1),
        });
        const channel = await h.fake.waitFor(
          () =>
            [...h.fake.state.channels.values()].find(
              (c) => c.name.startsWith('incident-') && c.members.has(lead),
            ),
          600_000,
          'channel',
        );
        await h.fake.waitFor(() => cards(h.fake, channel.id).size === CARDS, 600_000, 'cards');
        const msToCards = performance.now() - started;
        const incident = await h.app.context.store.incidents.findBySpace(workspace.id, channel.id);
        return { lead, members, channelId: channel.id, incidentId: incident?.id ?? '', msToCards };
      }),
    );

    // Twenty clicks per incident: each member claims a step of their own, then releases it once
    // the redrawn card offers that (card updates may wait out 429s first). A card that is not
    // redrawn within REDRAW_WAIT_MS is counted, not waited for.
    let notRedrawn = 0;
    let released = 0;
    let unanswered = 0;
    // Each incident's step keys, read once: the clicks below should load the bot, not the test.
    const stepKeys = new Map<string, string[]>();
    for (const { incidentId } of opened) {
      stepKeys.set(
        incidentId,
        (await h.app.context.store.steps.list(incidentId)).map((step) => step.key),
      );
    }
    const clickAll = (kind: 'claim' | 'release') =>
      Promise.all(
        opened.flatMap(({ members, channelId, incidentId }) =>
          members.map(async (userId, j) => {
            const stepKey = stepKeys.get(incidentId)?.[j] ?? '';
            const card = cardWithStep(h, channelId, stepKey);
            const before = h.fake.state.ephemerals.filter((e) => e.user === userId).length;
            const answer = await eventually(async () => {
              try {
                return await h.people.click(userId, card, { kind, step: stepKey });
              } catch {
                return null;
              }
            }, REDRAW_WAIT_MS).catch(() => null);
            if (!answer) {
              notRedrawn += 1;
              return;
            }
            if (kind === 'release') released += 1;
            expect(answer.status).toBe(200);
            const told = await h.fake
              .waitFor(
                () => h.fake.state.ephemerals.filter((e) => e.user === userId).length > before,
                REDRAW_WAIT_MS,
              )
              .catch(() => false);
            if (!told) unanswered += 1;
          }),
        ),
      );
    const clicksStarted = performance.now();
    await clickAll('claim');
    const claimSeconds = (performance.now() - clicksStarted) / 1000;
    await clickAll('release');
    const clickSeconds = (performance.now() - clicksStarted) / 1000;
    clearInterval(sampler);

    const recorded = await Promise.all(
      opened.map(async ({ incidentId }) => {
        const audit = await h.app.context.store.audit.list(incidentId);
        return {
          claimed: audit.filter((event) => event.action === 'step.claimed').length,
          released: audit.filter((event) => event.action === 'step.released').length,
        };
      }),
    );
    const times = opened.map((o) => o.msToCards);
    // Slack lets one workspace update about 50 messages a minute (chat.update, tier 3): each
    // click redraws at least its step's card, so beyond that a redraw waits its turn at Slack.
    const redrawsPerWait = (SLACK_TIERS['chat.update'] ?? 50) * (REDRAW_WAIT_MS / 60_000);
    const withinSlackLimits = INCIDENTS * CLICKS <= redrawsPerWait;
    const limited = [...h.fake.rateLimits!.limited].map(([method, n]) => `${method} ${n}`).join(', ');
    console.log(
      [
        '',
        `── Load: ${INCIDENTS} incidents × ${MEMBERS} members at once, then ${CLICKS} clicks each (PostgreSQL, fake Slack with rate limits) ──`,
        `time to all ${CARDS} cards posted     p50 ${(percentile(times, 50) / 1000).toFixed(1)} s, p99 ${(percentile(times, 99) / 1000).toFixed(1)} s`,
        `claims                          ${INCIDENTS * MEMBERS} answered in ${claimSeconds.toFixed(1)} s; all ${INCIDENTS * MEMBERS + released} clicks in ${clickSeconds.toFixed(1)} s`,
        `answers not there in ${REDRAW_WAIT_MS / 1000} s      ${unanswered}`,
        `cards not redrawn in ${REDRAW_WAIT_MS / 1000} s        ${notRedrawn} (their release could not be clicked)`,
        `Slack's chat.update limit        ${withinSlackLimits ? 'not reached' : `${INCIDENTS * CLICKS} clicks need at least ${Math.ceil((INCIDENTS * CLICKS) / (SLACK_TIERS['chat.update'] ?? 50))} min of card redraws in one workspace: redraw and answer times are figures, not checks`}`,
        `peak RSS (app, fake Slack and test in one process)   ${(peakRss / 2 ** 20).toFixed(0)} MB`,
        `pool waits                      peak ${peakWaiting} waiting, some waiting in ${samplesWaiting} of ${samples} samples (20 ms)`,
        `answered 429 by the fake Slack  ${limited || 'none'}`,
        `failed Web API calls            ${failedCalls(h)}`,
        `cards posted                    ${opened.filter((o) => cards(h.fake, o.channelId).size === CARDS).length} of ${INCIDENTS} incidents complete`,
        `clicks recorded                 ${recorded.reduce((sum, r) => sum + r.claimed + r.released, 0)} of ${INCIDENTS * MEMBERS + released} sent`,
        '',
      ].join('\n'),
    );
    for (const o of opened) {
      expect(h.fake.state.topLevel(o.channelId)).toHaveLength(CARDS);
      expect(cards(h.fake, o.channelId).size).toBe(CARDS);
    }
    // Every click sent is recorded exactly once: nothing is lost, nothing doubled.
    expect(recorded.reduce((sum, r) => sum + r.claimed, 0)).toBe(INCIDENTS * MEMBERS);
    expect(recorded.reduce((sum, r) => sum + r.released, 0)).toBe(released);
    if (withinSlackLimits) {
      // Every card shows what happened and every clicker got an answer in time.
      expect(notRedrawn).toBe(0);
      expect(unanswered).toBe(0);
      expect(recorded).toEqual(opened.map(() => ({ claimed: MEMBERS, released: MEMBERS })));
    }
  }, 1_800_000);
});

/** The card in a channel that shows a step. */
function cardWithStep(h: Harness, channelId: string, stepKey: string): FakeMessage {
  for (const message of cards(h.fake, channelId).values()) {
    if (
      (message.blocks ?? []).some((block) => (block as { block_id?: string }).block_id === `step:${stepKey}`)
    ) {
      return message;
    }
  }
  throw new Error(`No card shows ${stepKey}`);
}

/** Failed Web API calls so far, counted by method and error. */
function failedCalls(h: Harness): string {
  const counts = new Map<string, number>();
  for (const call of h.fake.calls.filter((c) => !c.ok)) {
    const key = `${call.method} ${call.error}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([key, n]) => `${key} ×${n}`).join(', ') || 'none';
}
