import { ConfigError, type Env, text } from '../../config/config.js';

/** How the bot hears from Slack: a WebSocket it opens itself, or HTTP requests Slack sends. */
export type SlackMode = 'socket' | 'http';

/** Slack settings, read from SLACK_* variables (documented in .env.example). */
export interface SlackConfig {
  mode: SlackMode;
  /** `xoxb-…`: the bot token, used for every Web API call. */
  botToken: string;
  /** `xapp-…`: the app-level token for Socket Mode; null in HTTP mode. */
  appToken: string | null;
  /** Checks that HTTP requests come from Slack; null in Socket Mode. */
  signingSecret: string | null;
  /** Base URL of the Web API, ending in a slash. */
  apiUrl: string;
}

export const DEFAULT_SLACK_API_URL = 'https://slack.com/api/';

/**
 * Slack runs when SLACK_BOT_TOKEN is set. Socket Mode when SLACK_APP_TOKEN is set (no public URL
 * needed), HTTP mode with SLACK_SIGNING_SECRET otherwise. Returns null when Slack is not configured;
 * throws ConfigError (one line, naming the variable) for anything missing or malformed.
 */
export function loadSlackConfig(env: Env): SlackConfig | null {
  const botToken = text(env, 'SLACK_BOT_TOKEN');
  const appToken = text(env, 'SLACK_APP_TOKEN');
  const signingSecret = text(env, 'SLACK_SIGNING_SECRET');
  const apiUrl = slackApiUrl(env);
  if (botToken === null) {
    if (appToken !== null || signingSecret !== null) {
      const other = appToken !== null ? 'SLACK_APP_TOKEN' : 'SLACK_SIGNING_SECRET';
      throw new ConfigError(
        'SLACK_BOT_TOKEN',
        `must be set when ${other} is set (the bot token starts with xoxb-).`,
      );
    }
    return null;
  }
  if (!botToken.startsWith('xoxb-')) {
    throw new ConfigError('SLACK_BOT_TOKEN', 'must be the bot token that starts with xoxb-.');
  }
  if (appToken !== null) {
    if (!appToken.startsWith('xapp-')) {
      throw new ConfigError(
        'SLACK_APP_TOKEN',
        'must be the app-level token that starts with xapp- (scope connections:write).',
      );
    }
    return { mode: 'socket', botToken, appToken, signingSecret, apiUrl };
  }
  if (signingSecret === null) {
    throw new ConfigError(
      'SLACK_APP_TOKEN',
      'or SLACK_SIGNING_SECRET is missing: set SLACK_APP_TOKEN for Socket Mode (no public URL needed) or SLACK_SIGNING_SECRET for HTTP mode.',
    );
  }
  return { mode: 'http', botToken, appToken: null, signingSecret, apiUrl };
}

function slackApiUrl(env: Env): string {
  const raw = text(env, 'SLACK_API_URL');
  if (raw === null) return DEFAULT_SLACK_API_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(
      'SLACK_API_URL',
      `is not a valid URL (got "${raw}"; for example https://slack.com/api/).`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError('SLACK_API_URL', `must start with https:// or http:// (got "${url.protocol}//").`);
  }
  return raw.endsWith('/') ? raw : `${raw}/`;
}
