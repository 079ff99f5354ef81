import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/config.js';
import { selectModules } from '../../../src/modules.js';
import { loadSlackConfig } from '../../../src/platforms/slack/slack.config.js';
import { configProblem } from '../../support/config-problem.js';

const BOT = 'xoxb-1-2-abc';

const problem = (env: Record<string, string>) => configProblem(() => loadSlackConfig(env));

describe('Slack configuration', () => {
  it('is off without any SLACK_ variable', () => {
    expect(loadSlackConfig({})).toBeNull();
    expect(selectModules({}, loadConfig({})).map((module) => module.name)).not.toContain('slack');
  });

  it('uses Socket Mode when SLACK_APP_TOKEN is set, even with a signing secret', () => {
    expect(
      loadSlackConfig({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: 'xapp-1', SLACK_SIGNING_SECRET: 's' }),
    ).toEqual({
      mode: 'socket',
      botToken: BOT,
      appToken: 'xapp-1',
      signingSecret: 's',
      apiUrl: 'https://slack.com/api/',
    });
  });

  it('uses HTTP mode with a signing secret, and takes SLACK_API_URL with or without a slash', () => {
    expect(
      loadSlackConfig({
        SLACK_BOT_TOKEN: BOT,
        SLACK_SIGNING_SECRET: 's',
        SLACK_API_URL: 'http://127.0.0.1:9/api',
      }),
    ).toMatchObject({ mode: 'http', signingSecret: 's', appToken: null, apiUrl: 'http://127.0.0.1:9/api/' });
  });

  it('runs the Slack module when the variables are set', () => {
    const modules = selectModules({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: 'xapp-1' }, loadConfig({}));
    expect(modules.map((module) => module.name)).toEqual(['slack', 'scheduler', 'dossier']);
  });

  it.each([
    [
      { SLACK_BOT_TOKEN: BOT },
      'Configuration error: SLACK_APP_TOKEN or SLACK_SIGNING_SECRET is missing: set SLACK_APP_TOKEN for Socket Mode (no public URL needed) or SLACK_SIGNING_SECRET for HTTP mode.',
    ],
    [
      { SLACK_APP_TOKEN: 'xapp-1' },
      'Configuration error: SLACK_BOT_TOKEN must be set when SLACK_APP_TOKEN is set (the bot token starts with xoxb-).',
    ],
    [
      { SLACK_SIGNING_SECRET: 's' },
      'Configuration error: SLACK_BOT_TOKEN must be set when SLACK_SIGNING_SECRET is set (the bot token starts with xoxb-).',
    ],
    [
      { SLACK_BOT_TOKEN: 'xoxp-user', SLACK_APP_TOKEN: 'xapp-1' },
      'Configuration error: SLACK_BOT_TOKEN must be the bot token that starts with xoxb-.',
    ],
    [
      { SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: 'xoxb-wrong' },
      'Configuration error: SLACK_APP_TOKEN must be the app-level token that starts with xapp- (scope connections:write).',
    ],
    [
      { SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: 'xapp-1', SLACK_API_URL: 'ftp://x' },
      'Configuration error: SLACK_API_URL must start with https:// or http:// (got "ftp://").',
    ],
    [
      { SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: 'xapp-1', SLACK_API_URL: 'not a url' },
      'Configuration error: SLACK_API_URL is not a valid URL (got "not a url"; for example https://slack.com/api/).',
    ],
  ])('refuses %j in one line', (env, message) => {
    const text = problem(env as Record<string, string>);
    expect(text).toBe(message);
    expect(text).not.toContain('\n');
  });
});
