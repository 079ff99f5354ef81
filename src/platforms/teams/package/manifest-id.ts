/**
 * The Teams app's id as committed in manifests/teams/manifest.json. The bot finds its app in the
 * tenant's catalogue by this id (`externalId`) to install it in a new group chat; a school that
 * packages with its own TEAMS_APP_ID sets the same variable for the bot.
 */
export const MANIFEST_ID = '6f1c8d2e-4b7a-4e59-9c3d-2a8e5b1f7c40';
