import { nlCards } from './nl/cards.nl.js';
import { nlCommands } from './nl/commands.nl.js';
import { nlDossier } from './nl/dossier.nl.js';
import { nlErrors } from './nl/errors.nl.js';
import { nlForms } from './nl/forms.nl.js';
import { nlPlatforms } from './nl/platforms.nl.js';

/**
 * Dutch, the default language. Calm, short sentences: the readers are staff in a crisis.
 * Placeholders are written `{name}`. Every key here must exist in messages.en.ts.
 */
export const nl = {
  ...nlErrors,
  ...nlCards,
  ...nlCommands,
  ...nlForms,
  ...nlPlatforms,
  ...nlDossier,
} as const;

export type MessageKey = keyof typeof nl;
