import { TEAM_ID } from './fake-slack.js';
import type { FakeMessage, FakeView, Json } from './fake-slack.state.js';

// What Slack posts to the app, field for field, for the people tests and the fuzzer alike; who
// fills in trigger ids and response URLs (the fake Slack, or a fixed value) is up to the caller.

/** Someone in the school's workspace, as Slack names them in a payload. */
export interface SlackUser {
  id: string;
  name: string;
}

/** What Slack attaches to a delivery so the app can answer it: a dialog trigger and a reply URL. */
export interface Reply {
  triggerId: string;
  responseUrl: string;
}

/** The fields every interaction payload starts with: the workspace, the person and the app. */
function interaction(user: SlackUser): Json {
  return {
    team: { id: TEAM_ID, domain: 'school' },
    user: { id: user.id, username: user.name, name: user.name, team_id: TEAM_ID },
    api_app_id: 'A0APP',
    token: 'legacy',
  };
}

/** A button or menu option on `message` pressed: a `block_actions` payload. */
export function blockActions(user: SlackUser, message: FakeMessage, action: Json, reply: Reply): Json {
  return {
    type: 'block_actions',
    ...interaction(user),
    container: { type: 'message', message_ts: message.ts, channel_id: message.channel, is_ephemeral: false },
    trigger_id: reply.triggerId,
    channel: { id: message.channel, name: 'incident' },
    message: {
      type: 'message',
      user: message.user,
      ts: message.ts,
      text: message.text,
      blocks: message.blocks,
    },
    response_url: reply.responseUrl,
    actions: [{ ...action, action_ts: `${Date.now() / 1000}` }],
  };
}

/** A dialog sent in with `values` (by block id and action id): a `view_submission` payload. */
export function viewSubmission(user: SlackUser, opened: FakeView, values: Json, triggerId: string): Json {
  return {
    type: 'view_submission',
    ...interaction(user),
    trigger_id: triggerId,
    view: viewAsSent(opened, values),
    response_urls: [],
  };
}

/** A button inside an open modal: the modal as it is, typed values included, and no response_url. */
export function viewBlockAction(
  user: SlackUser,
  opened: FakeView,
  values: Json,
  triggerId: string,
  action: Json,
): Json {
  return {
    type: 'block_actions',
    ...interaction(user),
    container: { type: 'view', view_id: opened.id },
    trigger_id: triggerId,
    view: viewAsSent(opened, values),
    actions: [action],
  };
}

function viewAsSent(opened: FakeView, values: Json): Json {
  return {
    ...opened.view,
    id: opened.id,
    team_id: TEAM_ID,
    state: { values },
    hash: opened.hash ?? `h-${opened.id}`,
  };
}

/** `/incident <text>` typed in `channel`: the form fields of a slash command. */
export function slashCommand(
  user: SlackUser,
  channel: { id: string; name: string },
  text: string,
  reply: Reply,
): Record<string, string> {
  return {
    token: 'legacy',
    team_id: TEAM_ID,
    team_domain: 'school',
    channel_id: channel.id,
    channel_name: channel.name,
    user_id: user.id,
    user_name: user.name,
    command: '/incident',
    text,
    api_app_id: 'A0APP',
    response_url: reply.responseUrl,
    trigger_id: reply.triggerId,
  };
}

/** An Events API delivery of `event`, addressed to the app's bot user. */
export function eventCallback(event: Json, botUserId: string, eventId?: string): Json {
  return {
    token: 'legacy',
    team_id: TEAM_ID,
    api_app_id: 'A0APP',
    type: 'event_callback',
    event_id: eventId ?? `Ev${Math.random().toString(36).slice(2, 10).toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: TEAM_ID, user_id: botUserId, is_bot: true }],
    event,
  };
}
