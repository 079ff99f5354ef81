import { enCards } from './en/cards.en.js';
import { enCommands } from './en/commands.en.js';
import { enDossier } from './en/dossier.en.js';
import { enErrors } from './en/errors.en.js';
import { enForms } from './en/forms.en.js';
import { enPlatforms } from './en/platforms.en.js';
import type { MessageKey } from './messages.nl.js';

/** English. The type makes a missing or extra key a compile error. */
export const en: Record<MessageKey, string> = {
  ...enErrors,
  ...enCards,
  ...enCommands,
  ...enForms,
  ...enPlatforms,
  ...enDossier,
};
