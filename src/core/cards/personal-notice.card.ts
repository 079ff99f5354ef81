import type { Incident } from '../incidents/incident.types.js';
import type { Card, CardBlock } from './card.types.js';

/**
 * A short personal message (Slack DM, Teams personal chat) that tells someone what a colleague
 * did for them in an incident — added them, handed them the lead, gave them a step — with a
 * link into the incident's space. It names the incident by number only.
 */
export function buildPersonalNoticeCard(
  incident: Pick<Incident, 'id' | 'number' | 'spaceId'>,
  text: string,
  link: { intro: string; url: string | null } | null,
  key: string,
): Card {
  const blocks: CardBlock[] = [{ type: 'text', text, strong: true }];
  if (link && incident.spaceId) {
    blocks.push({
      type: 'spaceLink',
      text: link.intro,
      label: `incident ${incident.number}`,
      spaceId: incident.spaceId,
      url: link.url,
    });
  }
  return { key: `personal:${key}:${incident.id}`, incidentId: incident.id, fallback: text, blocks };
}
