/**
 * Whether a posted body has the shape of a Bot Framework activity, before botbuilder and the
 * handlers read it: the fields the schema gives as strings are strings, and the accounts and the
 * conversation are objects with a string `id`. Activity object:
 * https://learn.microsoft.com/en-us/azure/bot-service/rest-api/bot-framework-rest-connector-api-reference#activity-object
 * Teams always sends these shapes; anything else (a number for `serviceUrl` or `locale`, a string
 * for `from`) would otherwise fail deep inside botbuilder or a handler with a 500.
 */
export function activityShapeProblem(activity: Record<string, unknown>): string | null {
  for (const field of STRING_FIELDS) {
    const value = activity[field];
    if (value !== undefined && value !== null && typeof value !== 'string') return field;
  }
  for (const field of ACCOUNT_FIELDS) {
    const value = activity[field];
    if (value === undefined || value === null) continue;
    if (!isObject(value)) return field;
    const id = value.id;
    if (id !== undefined && id !== null && typeof id !== 'string') return `${field}.id`;
  }
  const channelData = activity.channelData;
  if (channelData !== undefined && channelData !== null && !isObject(channelData)) return 'channelData';
  return null;
}

/** Fields the Activity object types as strings. */
const STRING_FIELDS = [
  'type',
  'id',
  'serviceUrl',
  'channelId',
  'locale',
  'text',
  'textFormat',
  'name',
  'replyToId',
  'timestamp',
  'localTimestamp',
  'action',
];

/** ChannelAccount (`from`, `recipient`) and ConversationAccount (`conversation`). */
const ACCOUNT_FIELDS = ['from', 'recipient', 'conversation'];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
