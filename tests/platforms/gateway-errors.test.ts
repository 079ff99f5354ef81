import { describe, expect, it } from 'vitest';
import { isGatewayError } from '../../src/core/ports/gateway-error.js';
import { SlackApiError } from '../../src/platforms/slack/api/slack-api.js';
import { asGatewayError } from '../../src/platforms/teams/connector/connector.access.js';
import { GraphError } from '../../src/platforms/teams/graph/graph.client.js';

// Reminders give up at once on a permanent failure and retry a temporary one.
describe('platform failures as the reminders read them', () => {
  it.each([
    ['channel_not_found', true],
    ['is_archived', true],
    ['user_not_found', true],
    ['account_inactive', true],
    ['ratelimited', false],
    ['internal_error', false],
    ['fatal_error', false],
  ])('Slack %s → permanent %s', (code, permanent) => {
    const error = new SlackApiError('chat.postMessage', code);
    expect(isGatewayError(error)).toBe(true);
    expect(error).toMatchObject({ code, permanent });
  });

  it.each([
    [404, true],
    [403, true],
    [401, true],
    [429, false],
    [503, false],
  ])('Microsoft Graph %i → permanent %s', (status, permanent) => {
    expect(new GraphError(status, 'x')).toMatchObject({ permanent, code: `graph_${status}` });
  });

  it.each([
    [404, 'not_found', true],
    [403, 'no_access', true],
    [429, 'rate_limited', false],
    [502, 'unavailable', false],
  ])('Bot Framework Connector %i → %s, permanent %s', (statusCode, code, permanent) => {
    const error = asGatewayError(Object.assign(new Error('connector'), { statusCode }));
    expect(error).toMatchObject({ code, permanent });
  });

  it('leaves other errors alone, so they count as temporary', () => {
    const plain = new Error('socket hang up');
    expect(asGatewayError(plain)).toBe(plain);
  });
});
