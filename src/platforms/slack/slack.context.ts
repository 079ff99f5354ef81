import type { webApi } from '@slack/bolt';
import type { AppContext } from '../../app-module.js';
import { isDomainError } from '../../core/errors/domain-error.js';
import { errorMessage, t } from '../../core/i18n/catalogue.js';
import type { Workspace } from '../../core/incidents/incident.types.js';
import type { Locale } from '../../core/playbook/playbook.types.js';
import { AskedOnce } from '../../core/privacy/privacy-check.js';
import { callSlack, SlackApiError } from './api/slack-api.js';
import { messageText } from './block-kit/block-kit.renderer.js';
import type { SlackGateway } from './slack.gateway.js';
import type { UserDirectory } from './user-directory.js';

type WebClient = webApi.WebClient;

/** Slack refusals a person can do something about, in their words. */
export function slackProblem(error: unknown, locale: Locale): string | null {
  if (!(error instanceof SlackApiError)) return null;
  if (error.code === 'missing_scope' || error.code === 'not_allowed_token_type') {
    return t(locale, 'slack.missingScope', { scope: error.needed ?? error.method });
  }
  if (error.code === 'ratelimited') return t(locale, 'slack.busy');
  return null;
}

/** What every Slack handler needs: the core, the Web API client and a few lookups. */
export class SlackContext {
  private readonly retries = new Set<NodeJS.Timeout>();
  /** Dialogs that showed the pupil-name question, so their next send is saved. */
  readonly privacy: AskedOnce;

  readonly client: WebClient;
  /** views.open only: never paused by another method's 429 while a trigger_id runs out. */
  readonly dialogClient: WebClient;
  /** The Web API base URL; response URLs on the same host are trusted too (tests, proxies). */
  private readonly apiUrl: string;
  /** The workspace's gateway, with what only Slack offers (the opening confirmation). */
  readonly gateway: (workspace: Workspace) => SlackGateway;

  constructor(
    readonly app: AppContext,
    clients: { main: WebClient; dialogs: WebClient },
    readonly directory: UserDirectory,
    readonly botUserId: string,
    where: { apiUrl: string; gateway: (workspace: Workspace) => SlackGateway },
  ) {
    this.client = clients.main;
    this.dialogClient = clients.dialogs;
    this.apiUrl = where.apiUrl;
    this.gateway = where.gateway;
    this.privacy = new AskedOnce(app.clock);
  }

  /** Only Slack's own response URLs are ever called back. */
  isResponseUrl(url: string): boolean {
    try {
      const parsed = new URL(url);
      if (parsed.protocol === 'https:' && parsed.hostname === 'hooks.slack.com') return true;
      return parsed.origin === new URL(this.apiUrl).origin;
    } catch {
      return false;
    }
  }

  /**
   * Tries an interrupted opening again later (after 30 s, 2 and 10 minutes), so a passing Slack
   * problem does not wait for the next restart. Finishing is idempotent.
   */
  scheduleOpeningRetry(incidentId: string, delays: number[] = [30_000, 120_000, 600_000]): void {
    const [delay, ...rest] = delays;
    if (delay === undefined) return;
    const timer = setTimeout(() => {
      this.retries.delete(timer);
      this.app.spaces.finishOpening(incidentId).catch((error: unknown) => {
        this.logger.warn({ err: error, incident: incidentId }, 'opening an incident failed again');
        this.scheduleOpeningRetry(incidentId, rest);
      });
    }, delay);
    timer.unref();
    this.retries.add(timer);
  }

  /** Stops pending retries (the next start resumes unfinished openings anyway). */
  stop(): void {
    for (const timer of this.retries) clearTimeout(timer);
    this.retries.clear();
  }

  get logger() {
    return this.app.logger;
  }

  /** The language for answers when not even the workspace can be read (the database is down). */
  get defaultLocale(): Locale {
    return this.app.config.defaultLocale;
  }

  /** The workspace of a Slack team, made with the defaults on first sight; kept briefly. */
  workspace(teamId: string): Promise<Workspace> {
    return this.app.workspaces.ensure('slack', teamId);
  }

  /**
   * The sentence for a failure: a domain error in the user's words (with names), a Slack
   * problem they can act on, or the calm generic message. Unexpected errors are logged by id.
   */
  async describe(error: unknown, locale: Locale, incidentId: string | null, where: string): Promise<string> {
    if (isDomainError(error)) {
      return incidentId
        ? this.app.interactions.describeError(error, incidentId, locale)
        : errorMessage(error, locale);
    }
    const problem = slackProblem(error, locale);
    this.logger.error({ err: error, incident: incidentId, where }, 'slack interaction failed');
    return problem ?? errorMessage(error, locale);
  }

  /**
   * A message only the person sees, in the channel they are in. Through the interaction's
   * `response_url` when there is one: Slack lets it be used five times in 30 minutes, outside the
   * Web API's per-workspace limits (https://docs.slack.dev/interactivity/handling-user-interaction#message_responses),
   * so a clicker's answer does not queue behind everyone's card updates. Else chat.postEphemeral;
   * where the bot cannot post there (not in that channel), their direct messages with the bot.
   */
  async tell(channelId: string | null, userId: string, text: string, responseUrl?: string): Promise<void> {
    const body = messageText(text);
    if (responseUrl && (await this.respond(responseUrl, body))) return;
    try {
      if (!channelId) throw new SlackApiError('chat.postEphemeral', 'channel_not_found');
      await callSlack(this.client, 'chat.postEphemeral', { channel: channelId, user: userId, text: body });
    } catch (error) {
      try {
        await callSlack(this.client, 'chat.postMessage', { channel: userId, text: body });
      } catch (direct) {
        this.logger.warn({ err: direct, first: error }, 'could not answer a Slack user');
      }
    }
  }

  /** Posts an ephemeral answer to a response_url Slack gave; false when that did not work. */
  private async respond(responseUrl: string, text: string): Promise<boolean> {
    if (!this.isResponseUrl(responseUrl)) return false;
    try {
      const response = await fetch(responseUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, text }),
        signal: AbortSignal.timeout(RESPONSE_URL_TIMEOUT_MS),
      });
      return response.ok;
    } catch {
      return false;
    }
  }
}

/** A response_url that does not answer quickly is given up for the next way to reach the person. */
const RESPONSE_URL_TIMEOUT_MS = 5_000;

/** Waits for `work` up to `ms`: Slack wants an answer to an interaction within 3 seconds. */
export async function settleWithin<T>(
  work: Promise<T>,
  ms: number,
): Promise<{ done: true; value: T } | { done: false }> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<{ done: false }>((resolve) => {
    timer = setTimeout(() => resolve({ done: false }), ms);
  });
  try {
    return await Promise.race([work.then((value) => ({ done: true as const, value })), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Channels that are an incident's space; a direct message (`D…`) is not. */
export function spaceOf(channelId: string | null | undefined): string | null {
  return channelId && !channelId.startsWith('D') ? channelId : null;
}
