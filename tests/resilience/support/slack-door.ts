import { BOT_USER_ID, SIGNING_SECRET } from '../../platforms/slack/support/fake-slack.js';
import type { FakeMessage, FakeView, Json } from '../../platforms/slack/support/fake-slack.state.js';
import { postSigned, type SignedPost } from '../../platforms/slack/support/signed-request.js';
import {
  blockActions,
  eventCallback,
  type Reply,
  slashCommand,
  viewSubmission as submission,
} from '../../platforms/slack/support/slack-payloads.js';

/** What Slack posts to /slack/events, before mutation: the four kinds of request. */
export type SlackRequest =
  | { kind: 'action'; payload: Json }
  | { kind: 'view'; payload: Json }
  | { kind: 'command'; fields: Json }
  | { kind: 'event'; envelope: Json };

/** Deliveries the fuzzer makes up: the app's answers to these go nowhere. */
function reply(n: number): Reply {
  return { triggerId: `${Date.now()}.trigger`, responseUrl: `http://127.0.0.1:9/respond/${n}` };
}

const as = (userId: string) => ({ id: userId, name: userId });

export function blockAction(userId: string, message: FakeMessage, action: Json): SlackRequest {
  return { kind: 'action', payload: blockActions(as(userId), message, action, reply(1)) };
}

export function viewSubmission(userId: string, opened: FakeView, values: Json): SlackRequest {
  return { kind: 'view', payload: submission(as(userId), opened, values, reply(0).triggerId) };
}

export function command(userId: string, channelId: string, text: string): SlackRequest {
  return { kind: 'command', fields: slashCommand(as(userId), { id: channelId, name: 'x' }, text, reply(2)) };
}

export function event(event: Json): SlackRequest {
  return { kind: 'event', envelope: eventCallback(event, BOT_USER_ID) };
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
