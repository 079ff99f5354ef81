import { describe, expect, it } from 'vitest';
import { slackHarness, withSlackHarness } from './support/slack-harness.hooks.js';
import { ANNA, BAS, CEM, type Harness, openIncident } from './support/slack-harness.js';

/**
 * Slack's rate limits are per method (https://docs.slack.dev/apis/web-api/rate-limits), but the
 * Web API client pauses every call it holds while it waits out a 429. A dialog's trigger_id is
 * valid for 3 seconds, so a name lookup that is rate limited must not hold up a dialog.
 */
describe('a rate-limited name lookup', () => {
  const h = slackHarness();

  it('does not keep another teacher’s /incident nieuw from opening its dialog', async () => {
    await h.people.command(ANNA, 'nieuw');
    const view = await h.fake.waitFor(() => h.fake.state.views.find((v) => v.userId === ANNA));
    // Slack answers the lookups of Anna's opening with 429 and Retry-After: 5.
    h.fake.fail('users.info', { status: 429, retryAfter: 5 }, 2);
    await h.people.submit(ANNA, view, { kind: 'nude_photo', title: 'Drukte', invited: [BAS] });
    await h.fake.waitFor(() => h.fake.named('users.info').some((call) => call.error === 'http_429'));

    await h.people.command(CEM, 'nieuw');
    const opened = await h.fake.waitFor(() => h.fake.state.views.find((v) => v.userId === CEM), 8000);
    expect(opened).toBeDefined();
    expect(h.fake.named('views.open').map((call) => call.error ?? 'ok')).toEqual(['ok', 'ok']);
  });

  it('a card update answered 429 does not hold up the clicker’s answer', () =>
    withSlackHarness(clickWhileUpdatesWait));
});

async function clickWhileUpdatesWait(h: Harness): Promise<void> {
  const { card } = await openIncident(h, ANNA, { title: 'Kaart', invited: [BAS] });
  const from = h.fake.calls.length;
  // Slack asks the card updates to wait 4 seconds.
  h.fake.fail('chat.update', { status: 429, retryAfter: 4 });
  const responsesFrom = h.fake.responses.length;
  await h.people.click(BAS, card('phase:direct'), { kind: 'claim', step: 'attention-victim' });
  // The clicker's answer goes through the click's response_url, outside the Web API's limits.
  const answered = await h.fake.waitFor(() => h.fake.responses[responsesFrom], 15_000);
  const limited = h.fake.calls.slice(from).find((call) => call.error === 'http_429');
  const updated = await h.fake.waitFor(
    () => h.fake.calls.slice(from).find((call) => call.method === 'chat.update' && call.ok),
    15_000,
  );
  // The answer goes out while chat.update waits out its Retry-After, not after it.
  expect(limited).toBeDefined();
  expect(answered.at).toBeLessThan(updated.at);
  expect(answered.at - (limited?.at ?? 0)).toBeLessThan(4000);
}
