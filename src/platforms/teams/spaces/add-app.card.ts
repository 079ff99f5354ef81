import type { Card, CardBlock } from '../../../core/cards/card.types.js';
import { t } from '../../../core/i18n/catalogue.js';
import type { Locale } from '../../../core/playbook/playbook.types.js';
import type { SpaceRef } from '../storage/teams-reference.repository.js';

/**
 * The lead's personal message after a private channel was made: Teams lets an app work in a
 * private channel only once a member of that channel adds it by hand (there is no API for it),
 * so this says exactly where to click, with a link to the channel. `reminder` for the one
 * reminder after ten minutes.
 */
export function addAppCard(space: SpaceRef, link: string | null, locale: Locale, reminder = false): Card {
  const name = space.name ?? space.spaceId;
  const title = t(locale, reminder ? 'teams.addApp.reminder' : 'teams.addApp.title', { name });
  const blocks: CardBlock[] = [
    { type: 'text', text: title, strong: true },
    { type: 'text', text: t(locale, 'teams.addApp.steps') },
    {
      type: 'spaceLink',
      text: t(locale, 'opening.linkIntro'),
      label: name,
      spaceId: space.spaceId,
      url: link,
    },
  ];
  return {
    key: `addApp:${space.spaceId}`,
    incidentId: space.incidentId ?? '',
    fallback: title,
    blocks,
  };
}
