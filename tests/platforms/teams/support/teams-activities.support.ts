import { randomUUID } from 'node:crypto';
import { type FakeMicrosoft, type Person, TEAM_ID, TENANT } from './fake-microsoft.js';

export interface Where {
  /** Channel id; omitted for a personal chat. */
  channel?: string;
  /** A group chat's id (an incident's chat). */
  chat?: string;
  replyToId?: string;
  locale?: string;
  id?: string;
}

function envelope(microsoft: FakeMicrosoft, person: Person, where: Where) {
  const id = where.id ?? randomUUID();
  const base = {
    id,
    channelId: 'msteams',
    serviceUrl: microsoft.serviceUrl,
    timestamp: new Date().toISOString(),
    locale: where.locale ?? 'nl-NL',
    from: { id: `29:${person.aad}`, name: person.name, aadObjectId: person.aad },
    recipient: { id: '28:bot', name: 'Stappenplan' },
    ...(where.replyToId ? { replyToId: where.replyToId } : {}),
  };
  if (where.chat) {
    return {
      ...base,
      conversation: { id: where.chat, conversationType: 'groupChat', isGroup: true, tenantId: TENANT },
      channelData: { tenant: { id: TENANT } },
    };
  }
  if (!where.channel) {
    return {
      ...base,
      conversation: { id: `a:personal-${person.aad}`, conversationType: 'personal', tenantId: TENANT },
      channelData: { tenant: { id: TENANT } },
    };
  }
  return {
    ...base,
    conversation: {
      id: `${where.channel};messageid=${where.replyToId ?? id}`,
      conversationType: 'channel',
      isGroup: true,
      tenantId: TENANT,
    },
    channelData: { team: { id: TEAM_ID }, channel: { id: where.channel }, tenant: { id: TENANT } },
  };
}

/** `@Stappenplan <text>` in a channel, or `<text>` in a personal chat. */
export function messageActivity(
  microsoft: FakeMicrosoft,
  person: Person,
  text: string,
  where: Where = {},
  extra = {},
) {
  const mention = {
    type: 'mention',
    mentioned: { id: '28:bot', name: 'Stappenplan' },
    text: '<at>Stappenplan</at>',
  };
  return {
    ...envelope(microsoft, person, where),
    type: 'message',
    text: where.channel || where.chat ? `<at>Stappenplan</at> ${text}` : text,
    entities: where.channel || where.chat ? [mention] : [],
    ...extra,
  };
}

/** An Action.Execute click, as Teams sends it. */
export function clickActivity(
  microsoft: FakeMicrosoft,
  person: Person,
  verb: string,
  data: Record<string, unknown>,
  where: Where = {},
) {
  return {
    ...envelope(microsoft, person, where),
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
}
