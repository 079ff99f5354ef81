import type { ErrorParams } from '../../core/errors/domain-error.js';
import { localized, type MessageKey, t } from '../../core/i18n/catalogue.js';
import { SYSTEM_ACTOR } from '../../core/incidents/incident.access.js';
import type { UserId } from '../../core/incidents/incident.types.js';
import { findStep } from '../../core/playbook/playbook.registry.js';
import type { Locale } from '../../core/playbook/playbook.types.js';
import { formatIsoDate, INSTANT_PARTS } from '../../core/text/format.js';
import { zonedParts } from '../../core/time/zoned.js';
import type { DossierInput } from './dossier.types.js';

/** The BCP 47 tag of each language the dossier is written in. */
export const DOSSIER_LANG = { nl: 'nl-NL', en: 'en-GB' } as const satisfies Record<Locale, string>;

/** Where a name stands in a sentence: an unknown person starts a sentence with a capital. */
export type NamePosition = 'start' | 'inline';

/** What every part of the dossier needs to turn ids, keys and instants into words. */
export interface DossierContext {
  input: DossierInput;
  locale: Locale;
  text(key: MessageKey, params?: ErrorParams): string;
  /** A person's display name; "Stappenplan" for the bot, "een collega" when nobody knows. */
  nameOf(userId: UserId | null | undefined, position?: NamePosition): string;
  /** "di 12 nov 2026 09:41" in the school's time zone; without the year when `short`. */
  moment(instant: Date, short?: boolean): string;
  /** A form date (`2026-12-02`) as "2 dec 2026". */
  day(isoDate: string): string;
  stepTitle(stepKey: string | null | undefined): string;
  /** The step's number on the poster, when the playbook knows the step. */
  stepOrder(stepKey: string): number | undefined;
}

export function dossierContext(input: DossierInput): DossierContext {
  const { locale, timeZone } = input;
  const names = new Map<UserId, string>(Object.entries(input.formerNames ?? {}));
  for (const member of input.members) {
    if (member.displayName?.trim()) names.set(member.userId, member.displayName.trim());
  }
  const openedYear = zonedParts(input.incident.createdAt, timeZone).year;
  const full = momentFormat(locale, timeZone);
  const moments = new Map<number, MomentParts>();
  const text = (key: MessageKey, params: ErrorParams = {}) => t(locale, key, params);
  return {
    input,
    locale,
    text,
    nameOf(userId, position = 'inline') {
      if (userId === SYSTEM_ACTOR) return text('dossier.system');
      const known = userId ? names.get(userId) : undefined;
      if (known) return known;
      const someone = text('dossier.someone');
      return position === 'start' ? someone.charAt(0).toUpperCase() + someone.slice(1) : someone;
    },
    moment(instant, short = false) {
      // Formatting to parts is slow and a dossier shows the same moments many times.
      let parts = moments.get(instant.getTime());
      if (!parts) {
        parts = partsOf(full, instant);
        moments.set(instant.getTime(), parts);
      }
      // The timeline leaves out the year while it is the year the incident was opened in.
      const withYear = !short || Number(parts.year) !== openedYear;
      const date = [parts.weekday, parts.day, parts.month, withYear ? parts.year : null];
      return `${date.filter(Boolean).join(' ')} ${parts.hour}:${parts.minute}`;
    },
    day: (isoDate) => formatIsoDate(isoDate, locale),
    stepTitle(stepKey) {
      if (!stepKey) return '';
      const found = findStep(input.playbook, stepKey);
      return found ? localized(found.step.title, locale) : stepKey;
    },
    stepOrder: (stepKey) => findStep(input.playbook, stepKey)?.step.posterOrder,
  };
}

type MomentParts = Record<'weekday' | 'day' | 'month' | 'year' | 'hour' | 'minute', string>;

function momentFormat(locale: Locale, timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(DOSSIER_LANG[locale], { weekday: 'short', ...INSTANT_PARTS, timeZone });
}

function partsOf(format: Intl.DateTimeFormat, instant: Date): MomentParts {
  const parts: MomentParts = { weekday: '', day: '', month: '', year: '', hour: '', minute: '' };
  for (const part of format.formatToParts(instant)) {
    if (part.type in parts) parts[part.type as keyof MomentParts] = part.value;
  }
  return parts;
}

/** The school name a workspace's settings give, if any. */
export function schoolNameOf(settings: Record<string, unknown>): string | null {
  const name = settings.schoolName;
  return typeof name === 'string' && name.trim() !== '' ? name.trim() : null;
}
