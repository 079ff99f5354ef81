import type { Card } from '../../core/cards/card.types.js';
import { t } from '../../core/i18n/catalogue.js';
import type { Incident } from '../../core/incidents/incident.types.js';
import type { Locale } from '../../core/playbook/playbook.types.js';

export const DOSSIER_OFFER_CARD_KEY = 'dossier-offer';

/** Posted in the space when the incident is closed: "Dossier maken?" with one button. */
export function buildDossierOfferCard(incident: Incident, locale: Locale): Card {
  const text = t(locale, 'dossier.offer');
  return {
    key: DOSSIER_OFFER_CARD_KEY,
    incidentId: incident.id,
    fallback: text,
    blocks: [
      { type: 'text', text, strong: true },
      {
        type: 'actions',
        actions: [
          {
            label: t(locale, 'dossier.offerButton'),
            style: 'primary',
            payload: { incidentId: incident.id, kind: 'dossier' },
          },
        ],
      },
    ],
  };
}
