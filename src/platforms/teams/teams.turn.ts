import type { Activity } from 'botbuilder';
import { toLocale } from '../../core/i18n/catalogue.js';
import type { Actor } from '../../core/incidents/incident.access.js';
import type { Workspace } from '../../core/incidents/incident.types.js';
import type { Locale } from '../../core/playbook/playbook.types.js';

/** What Teams puts in `channelData` of activities from a team or a chat. */
export interface TeamsChannelData {
  team?: { id?: string; name?: string; aadGroupId?: string };
  channel?: { id?: string; name?: string };
  tenant?: { id?: string };
}

export function channelDataOf(activity: Partial<Activity>): TeamsChannelData {
  return (activity.channelData ?? {}) as TeamsChannelData;
}

/** The person acting: their Microsoft Entra object id (what Graph and the cards use) and name. */
export function actorOf(activity: Partial<Activity>): Actor {
  const from = activity.from;
  return { userId: from?.aadObjectId || from?.id || '', displayName: from?.name?.trim() || null };
}

/** The user's language when Teams says it, else the workspace's. */
export function localeOf(activity: Partial<Activity>, workspace?: Workspace): Locale {
  return activity.locale ? toLocale(activity.locale) : (workspace?.locale ?? 'nl');
}

export function tenantOf(activity: Partial<Activity>): string {
  return channelDataOf(activity).tenant?.id || activity.conversation?.tenantId || '';
}

/**
 * The space a message or click came from: the channel's id in a team, the chat's id in a group
 * chat (an incident's chat is its space); null in a personal chat.
 */
export function channelOf(activity: Partial<Activity>): string | null {
  if (isGroupChat(activity)) return activity.conversation?.id || null;
  return channelDataOf(activity).channel?.id || null;
}

export function isGroupChat(activity: Partial<Activity>): boolean {
  return activity.conversation?.conversationType === 'groupChat';
}

export function isPersonal(activity: Partial<Activity>): boolean {
  return activity.conversation?.conversationType === 'personal';
}
