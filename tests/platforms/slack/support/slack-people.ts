import { decodeActionValue } from '../../../../src/platforms/slack/block-kit/action-value.js';
import { type FakeSlack, SIGNING_SECRET } from './fake-slack.js';
import type { FakeMessage, FakeView, Json } from './fake-slack.state.js';
import { postSigned, type SignedPost } from './signed-request.js';
import {
  blockActions,
  eventCallback,
  type Reply,
  type SlackUser,
  slashCommand,
  viewBlockAction,
  viewSubmission,
} from './slack-payloads.js';

/** A value typed or picked in a modal field, by the field's block id. */
export type Fill = string | string[];

export interface Target {
  /** Action kind, e.g. claim, done, notApplicable, assign. */
  kind: string;
  step?: string;
}

export interface Submitted extends SignedPost {
  errors?: Record<string, string>;
}

/**
 * People using Slack: what their clicks, commands and modal submissions look like when Slack
 * delivers them to the app — signed, with fresh trigger ids — built only from what the fake Slack
 * actually shows them (the latest version of a message, the modal as opened).
 */
export class SlackPeople {
  constructor(
    private readonly fake: FakeSlack,
    private readonly eventsUrl: string,
    private readonly secret = SIGNING_SECRET,
  ) {}

  command(userId: string, text: string, channelId = 'CGENERAL'): Promise<SignedPost> {
    const channel = { id: channelId, name: 'algemeen' };
    const body = new URLSearchParams(slashCommand(this.user(userId), channel, text, this.reply(userId)));
    return this.send(body.toString(), 'application/x-www-form-urlencoded');
  }

  /** Clicks the button (or overflow option) for `target` on the message as it is now. */
  click(userId: string, message: FakeMessage, target: Target): Promise<SignedPost> {
    const current = this.fake.state.message(message.channel, message.ts);
    const found = findAction(current.blocks ?? [], target);
    if (!found) throw new Error(`No ${target.kind} for ${target.step ?? '-'} on this message`);
    return this.sendAction(userId, current, found);
  }

  /** Sends a block action with any value: for forged and replayed payloads. */
  clickRaw(
    userId: string,
    message: FakeMessage,
    value: string,
    channelId = message.channel,
  ): Promise<SignedPost> {
    const action = {
      type: 'button',
      action_id: 'sp:claim:forged',
      block_id: 'forged',
      text: { type: 'plain_text', text: 'x' },
      value,
    };
    return this.sendAction(userId, { ...message, channel: channelId }, action);
  }

  /** Fills in and submits a modal the way Slack's client would; refuses what the client refuses. */
  async submit(userId: string, opened: FakeView, fill: Record<string, Fill> = {}): Promise<Submitted> {
    const view = opened.view;
    const values = viewState(view, fill, true);
    const payload = viewSubmission(this.user(userId), opened, values, this.fake.state.issueTrigger(userId));
    const posted = await this.send(
      `payload=${encodeURIComponent(JSON.stringify(payload))}`,
      'application/x-www-form-urlencoded',
    );
    const answer = posted.text ? (JSON.parse(posted.text) as Json) : {};
    return answer.response_action === 'errors'
      ? { ...posted, errors: answer.errors as Record<string, string> }
      : posted;
  }

  /**
   * Clicks a button inside an open modal (after typing `fill`): Slack sends a block action with
   * the modal as it is, its typed values included, and no response_url.
   */
  clickInView(userId: string, opened: FakeView, actionId: string, fill: Record<string, Fill> = {}) {
    const view = opened.view;
    const block = ((view.blocks as Json[]) ?? []).find((candidate) =>
      ((candidate.elements as Json[]) ?? []).some((element) => element.action_id === actionId),
    );
    if (!block) throw new Error(`No ${actionId} in this modal`);
    const element = ((block.elements as Json[]) ?? []).find((candidate) => candidate.action_id === actionId);
    const values = viewState(view, fill, false);
    const payload = viewBlockAction(this.user(userId), opened, values, this.fake.state.issueTrigger(userId), {
      ...element,
      block_id: block.block_id,
      action_ts: `${Date.now() / 1000}`,
    });
    return this.send(
      `payload=${encodeURIComponent(JSON.stringify(payload))}`,
      'application/x-www-form-urlencoded',
    );
  }

  event(event: Json, options: { eventId?: string; retryNum?: number } = {}): Promise<SignedPost> {
    const body = JSON.stringify(eventCallback(event, this.fake.state.botUserId, options.eventId));
    const headers: Record<string, string> =
      options.retryNum !== undefined
        ? { 'x-slack-retry-num': String(options.retryNum), 'x-slack-retry-reason': 'http_timeout' }
        : {};
    return postSigned(this.eventsUrl, body, {
      secret: this.secret,
      contentType: 'application/json',
      headers,
    });
  }

  /** The modal most recently opened for this person. */
  lastView(userId: string): FakeView {
    const view = this.fake.state.views.filter((candidate) => candidate.userId === userId).at(-1);
    if (!view) throw new Error(`No modal was opened for ${userId}`);
    return view;
  }

  private sendAction(userId: string, message: FakeMessage, action: Json): Promise<SignedPost> {
    const payload = blockActions(this.user(userId), message, action, this.reply(userId, message.channel));
    return this.send(
      `payload=${encodeURIComponent(JSON.stringify(payload))}`,
      'application/x-www-form-urlencoded',
    );
  }

  /** A fresh trigger id and response URL from the fake Slack, as each delivery gets. */
  /** A click's response_url shows its answers to that person in that channel (`channelId`). */
  private reply(userId: string, channelId?: string): Reply {
    const responseUrl = channelId ? this.fake.newResponseUrl(userId, channelId) : this.fake.newResponseUrl();
    return { triggerId: this.fake.state.issueTrigger(userId), responseUrl };
  }

  private user(userId: string): SlackUser {
    return { id: userId, name: this.nameOf(userId) };
  }

  private send(body: string, contentType: string): Promise<SignedPost> {
    return postSigned(this.eventsUrl, body, { secret: this.secret, contentType });
  }

  private nameOf(userId: string): string {
    return this.fake.state.users.get(userId)?.name ?? userId.toLowerCase();
  }
}

/** The payload a button or overflow option carries, read the way the app wrote it. */
export function payloadOf(value: unknown): Json | null {
  if (typeof value !== 'string') return null;
  try {
    return { ...decodeActionValue(value).payload };
  } catch {
    return null;
  }
}

function findAction(blocks: Json[], target: Target): Json | null {
  const matches = (value: unknown) => {
    const payload = payloadOf(value);
    return payload?.kind === target.kind && (target.step === undefined || payload?.stepKey === target.step);
  };
  for (const block of blocks) {
    const elements = [
      ...((block.elements as Json[]) ?? []),
      ...(block.accessory ? [block.accessory as Json] : []),
    ];
    for (const element of elements) {
      if (element.type === 'button' && matches(element.value)) {
        return {
          type: 'button',
          action_id: element.action_id,
          block_id: block.block_id,
          text: element.text,
          value: element.value,
        };
      }
      if (element.type === 'overflow' || element.type === 'static_select') {
        const option = ((element.options as Json[]) ?? []).find((candidate) => matches(candidate.value));
        if (option)
          return {
            type: element.type,
            action_id: element.action_id,
            block_id: block.block_id,
            selected_option: option,
          };
      }
    }
  }
  return null;
}

/** A modal's typed values as Slack sends them; `submitting` refuses what the client refuses. */
function viewState(view: Json, fill: Record<string, Fill>, submitting: boolean) {
  const values: Record<string, Record<string, Json>> = {};
  const inputs = new Set(((view.blocks as Json[]) ?? []).map((block) => String(block.block_id)));
  // Nobody can type into a field the modal does not show.
  for (const blockId of Object.keys(fill))
    if (!inputs.has(blockId)) throw new Error(`The modal shows no field ${blockId}`);
  for (const block of (view.blocks as Json[]) ?? []) {
    if (block.type !== 'input') continue;
    const blockId = String(block.block_id);
    const element = block.element as Json;
    const state = elementState(element, fill[blockId]);
    if (submitting && !block.optional && isEmpty(state))
      throw new Error(`Slack would not submit: ${blockId} is required`);
    const maxLength = element.max_length as number | undefined;
    if (submitting && maxLength && typeof state.value === 'string' && state.value.length > maxLength) {
      throw new Error(`Slack would not submit: ${blockId} is longer than ${maxLength}`);
    }
    values[blockId] = { [String(element.action_id)]: state };
  }
  return values;
}

function elementState(element: Json, fill: Fill | undefined): Json {
  const options = (element.options as Json[]) ?? [];
  const pick = (value: string) => {
    const option = options.find((candidate) => candidate.value === value);
    if (!option) throw new Error(`Slack offers no option ${value}`);
    return option;
  };
  switch (element.type) {
    case 'plain_text_input':
      return {
        type: element.type,
        value: fill !== undefined ? String(fill) : ((element.initial_value as string) ?? null),
      };
    case 'static_select':
    case 'radio_buttons':
      return {
        type: element.type,
        selected_option: fill !== undefined ? pick(String(fill)) : (element.initial_option ?? null),
      };
    case 'users_select':
      return {
        type: element.type,
        selected_user: fill !== undefined ? String(fill) : (element.initial_user ?? null),
      };
    case 'multi_users_select':
      return {
        type: element.type,
        selected_users: fill !== undefined ? [fill].flat() : (element.initial_users ?? []),
      };
    case 'datepicker':
      return {
        type: element.type,
        selected_date: fill !== undefined ? String(fill) : (element.initial_date ?? null),
      };
    case 'checkboxes':
      return {
        type: element.type,
        selected_options: fill !== undefined ? [fill].flat().map(pick) : (element.initial_options ?? []),
      };
    default:
      throw new Error(`Unknown element ${String(element.type)}`);
  }
}

function isEmpty(state: Json): boolean {
  if ('value' in state) return state.value === null || state.value === '';
  if ('selected_option' in state) return state.selected_option === null;
  if ('selected_user' in state) return state.selected_user === null;
  if ('selected_users' in state) return (state.selected_users as unknown[]).length === 0;
  if ('selected_date' in state) return state.selected_date === null || state.selected_date === '';
  if ('selected_options' in state) return (state.selected_options as unknown[]).length === 0;
  return true;
}
