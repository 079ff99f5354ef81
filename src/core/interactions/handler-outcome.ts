import { t } from '../i18n/catalogue.js';
import type { Locale } from '../playbook/playbook.types.js';
import type { HandlerOutcome } from './interaction.types.js';

/** The answer to a click that found everything as it asked (a repeat or a double click). */
export function unchangedOutcome(locale: Locale): HandlerOutcome {
  return { changed: false, message: t(locale, 'feedback.unchanged') };
}
