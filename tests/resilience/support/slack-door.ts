import { SIGNING_SECRET, TEAM_ID } from '../../platforms/slack/support/fake-slack.js';
import type { FakeMessage, FakeView, Json } from '../../platforms/slack/support/fake-slack.state.js';
import { postSigned, type SignedPost } from '../../platforms/slack/support/signed-request.js';

/** What Slack posts to /slack/events, before mutation: the four kinds of request. */
export type SlackRequest =
  | { kind: 'action'; payload: Json }
  | { kind: 'view'; payload: Json }
  | { kind: 'command'; fields: Json }
  | { kind: 'event'; envelope: Json };

export function blockAction(userId: string, message: FakeMessage, action: Json): SlackRequest {
  return {
    kind: 'action',
    payload: {
      type: 'block_actions',
      team: { id: TEAM_ID, domain: 'school' },
      user: { id: userId, username: userId, name: userId, team_id: TEAM_ID },
      api_app_id: 'A0APP',
      token: 'legacy',
      container: {
        type: 'message',
        message_ts: message.ts,
        channel_id: message.channel,
        is_ephemeral: false,
      },
      trigger_id: `${Date.now()}.trigger`,
      channel: { id: message.channel, name: 'incident' },
      message: { type: 'message', ts: message.ts, text: message.text, blocks: message.blocks },
      response_url: 'http://127.0.0.1:9/respond/1',
      actions: [{ ...action, action_ts: `${Date.now() / 1000}` }],
    },
  };
}

export function viewSubmission(userId: string, opened: FakeView, values: Json): SlackRequest {
  return {
    kind: 'view',
    payload: {
      type: 'view_submission',
      team: { id: TEAM_ID, domain: 'school' },
      user: { id: userId, username: userId, name: userId, team_id: TEAM_ID },
      api_app_id: 'A0APP',
      token: 'legacy',
      trigger_id: `${Date.now()}.trigger`,
      view: { ...opened.view, id: opened.id, team_id: TEAM_ID, state: { values }, hash: `h-${opened.id}` },
      response_urls: [],
    },
  };
}

export function command(userId: string, channelId: string, text: string): SlackRequest {
  return {
    kind: 'command',
    fields: {
      token: 'legacy',
      team_id: TEAM_ID,
      team_domain: 'school',
      channel_id: channelId,
      channel_name: 'x',
      user_id: userId,
      user_name: userId,
      command: '/incident',
      text,
      api_app_id: 'A0APP',
      response_url: 'http://127.0.0.1:9/respond/2',
      trigger_id: `${Date.now()}.trigger`,
    },
  };
}

export function event(event: Json): SlackRequest {
  return {
    kind: 'event',
    envelope: {
      token: 'legacy',
      team_id: TEAM_ID,
      api_app_id: 'A0APP',
      type: 'event_callback',
      event_id: `Ev${Math.random().toString(36).slice(2, 10).toUpperCase()}`,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ team_id: TEAM_ID, user_id: 'UBOT0001', is_bot: true }],
      event,
    },
  };
}

/** Sends a (mutated) request the way Slack does: signed with the app's signing secret. */
export function sendSigned(url: string, request: SlackRequest): Promise<SignedPost> {
  switch (request.kind) {
    case 'action':
    case 'view':
      return postSigned(url, `payload=${encodeURIComponent(safeJson(request.payload))}`, {
        secret: SIGNING_SECRET,
        contentType: 'application/x-www-form-urlencoded',
      });
    case 'command': {
      const body = new URLSearchParams();
      for (const [key, value] of Object.entries(request.fields)) {
        body.append(key, typeof value === 'string' ? value : safeJson(value));
      }
      return postSigned(url, body.toString(), {
        secret: SIGNING_SECRET,
        contentType: 'application/x-www-form-urlencoded',
      });
    }
    case 'event':
      return postSigned(url, safeJson(request.envelope), {
        secret: SIGNING_SECRET,
        contentType: 'application/json',
      });
  }
}

/** JSON of anything the fuzzer makes (undefined becomes null, as on the wire). */
export function safeJson(value: unknown): string {
  return JSON.stringify(value ?? null) ?? 'null';
}
