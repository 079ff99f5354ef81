/** A demo staff member of the playground school. */
export interface DemoPerson {
  /** Stands in for the Microsoft Entra object id. */
  aad: string;
  name: string;
  role: string;
}

export const PLAYGROUND_TENANT = 'playground-tenant';
/** The team's conversation id is its General channel's id, as in Teams. */
export const PLAYGROUND_TEAM_ID = '19:playground-algemeen@thread.tacv2';
export const PLAYGROUND_GROUP_ID = 'playground-group';
export const PLAYGROUND_TEAM_NAME = 'Zorgteam De Linde';
export const BOT = { id: 'stappenplan', name: 'Stappenplan' };

export const DEMO_STAFF: DemoPerson[] = [
  { aad: 'demo-mentor', name: 'Mila Jansen', role: 'mentor' },
  { aad: 'demo-zorg', name: 'Zoë de Vries', role: 'zorgcoördinator' },
  { aad: 'demo-teamleider', name: 'Tom Bakker', role: 'teamleider' },
  { aad: 'demo-directie', name: 'Dana Smit', role: 'directie' },
];

export function personalChatId(aad: string): string {
  return `a:playground-${aad}`;
}
