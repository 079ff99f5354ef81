import { type Activity, CloudAdapter, type InvokeResponse, type TurnContext } from 'botbuilder';
import { botFrameworkAuthentication } from './bot-authentication.js';
import type { TeamsConfig } from './teams.config.js';

/** botbuilder's CloudAdapter, with the turn entry point the shared HTTP server calls. */
export class TeamsAdapter extends CloudAdapter {
  /** Authenticates the request (unless the bot has no app id) and runs the turn. */
  run(authorization: string, activity: Activity, logic: (context: TurnContext) => Promise<void>) {
    return this.processActivity(authorization, activity, logic) as Promise<InvokeResponse | undefined>;
  }
}

/**
 * The adapter for the bot's identity. With an empty app id botbuilder accepts unsigned requests
 * and sends without a token: that is only ever used by the playground on this machine.
 */
export function createTeamsAdapter(
  config: Pick<TeamsConfig, 'appId' | 'appPassword' | 'appType' | 'appTenantId' | 'botAuthentication'>,
) {
  return new TeamsAdapter(botFrameworkAuthentication(config));
}
