import { localized, t } from '../i18n/catalogue.js';
import type { Locale, Playbook } from '../playbook/playbook.types.js';
import type { Card } from './card.types.js';
import { TIPS_CARD_KEY } from './card-context.js';

/** The poster's side tips and its BELANGRIJK message, posted once per incident. */
export function buildTipsCard(playbook: Playbook, locale: Locale, incidentId: string): Card {
  const title = t(locale, 'tips.title');
  const important = playbook.important;
  return {
    key: TIPS_CARD_KEY,
    incidentId,
    fallback: title,
    blocks: [
      { type: 'header', text: title },
      { type: 'list', items: playbook.tips.map((tip) => localized(tip, locale)) },
      { type: 'divider' },
      { type: 'text', text: localized(important.title, locale), strong: true, tone: 'attention' },
      { type: 'text', text: localized(important.intro, locale) },
      { type: 'text', text: localized(important.slogan, locale).toUpperCase(), strong: true },
      { type: 'text', text: localized(important.closing, locale) },
    ],
  };
}
