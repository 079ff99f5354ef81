import { describe, expect, it } from 'vitest';
import { SIGNING_SECRET } from './support/fake-slack.js';
import { postSigned } from './support/signed-request.js';
import { slackHarness } from './support/slack-harness.hooks.js';
import { TEAM_ID } from './support/slack-harness.js';

/** Correctly signed requests whose shape Bolt cannot read: the request is at fault, not the app. */
describe('a signed but malformed Slack request', () => {
  const h = slackHarness();

  const signed = (body: string, contentType = 'application/json') =>
    postSigned(`${h.app.url}/slack/events`, body, { secret: SIGNING_SECRET, contentType });

  it('gets 400, not a 500 that Slack would retry, and the app keeps answering', async () => {
    const envelope = { token: 'legacy', team_id: TEAM_ID, api_app_id: 'A0APP', type: 'event_callback' };
    const notAnObject = await signed(JSON.stringify({ ...envelope, event_id: 'Ev1', event: 'U0CEM' }));
    expect(notAnObject.status).toBe(400);
    const badAuthorizations = await signed(
      JSON.stringify({ ...envelope, event_id: 'Ev2', authorizations: [false], event: 'x' }),
    );
    expect(badAuthorizations.status).toBe(400);
    expect((await fetch(`${h.app.url}/readyz`)).status).toBe(200);
  });
});
