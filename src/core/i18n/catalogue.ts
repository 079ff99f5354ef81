import { type DomainError, type ErrorParams, isDomainError } from '../errors/domain-error.js';
import { isUnavailable } from '../errors/unavailable.js';
import type {
  FactKey,
  FormKind,
  IncidentFacts,
  Locale,
  LocalizedText,
  Spread,
  YesNoUnknown,
} from '../playbook/playbook.types.js';
import { formatInstant, formatIsoDate } from '../text/format.js';
import { en } from './messages.en.js';
import { type MessageKey, nl } from './messages.nl.js';

export type { MessageKey };

const catalogues: Record<Locale, Record<MessageKey, string>> = { nl, en };

export const DEFAULT_LOCALE: Locale = 'nl';
/** The time zone when a message is made without the school's (a school is in the Netherlands). */
const DEFAULT_TIME_ZONE = 'Europe/Amsterdam';

/** Maps a platform locale (`en-US`, `nl_NL`, `en`) to one the bot speaks; Dutch otherwise. */
export function toLocale(raw: string | null | undefined): Locale {
  return typeof raw === 'string' && raw.toLowerCase().startsWith('en') ? 'en' : 'nl';
}

export function isMessageKey(key: string): key is MessageKey {
  return key in nl;
}

/** A catalogue message with `{name}` placeholders filled in; unknown placeholders stay visible. */
export function t(locale: Locale, key: MessageKey, params: ErrorParams = {}): string {
  const template = catalogues[locale][key] ?? nl[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    params[name] === undefined ? whole : String(params[name]),
  );
}

/** Playbook text in the asked language, falling back to Dutch. */
export function localized(text: LocalizedText, locale: Locale): string {
  return (locale === 'en' ? text.en : undefined) || text.nl;
}

export interface ErrorMessageOptions {
  /** Turns a user id into what the platform shows for that person (a name or a mention). */
  nameOf?: (userId: string) => string;
  /** The form being filled, so a field error uses the form's own label. */
  formKind?: FormKind;
  /** The school's time zone, for moments in a message (dates are already the school's). */
  timeZone?: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A date or moment carried by an error ("2026-12-01") as people read it: "1 dec 2026" in Dutch,
 * "1 Dec 2026" in English, moments in the school's time zone. Other values stay as they are.
 */
function readableValue(value: string | number, locale: Locale, timeZone: string): string | number {
  if (typeof value !== 'string') return value;
  if (ISO_DATE.test(value)) return formatIsoDate(value, locale);
  if (ISO_INSTANT.test(value)) {
    const instant = new Date(value);
    if (!Number.isNaN(instant.getTime())) return formatInstant(instant, locale, timeZone);
  }
  return value;
}

const USER_PARAMS = new Set(['owner', 'lead', 'user']);

/**
 * The friendly sentence for an error, in the user's language. Unknown errors get a calm
 * generic message: the user never sees a stack trace.
 */
export function errorMessage(error: unknown, locale: Locale, options: ErrorMessageOptions = {}): string {
  if (!isDomainError(error))
    return t(locale, isUnavailable(error) ? 'error.unavailable' : 'error.unexpected');
  const params: ErrorParams = {};
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  for (const [name, value] of Object.entries(error.params)) {
    params[name] =
      USER_PARAMS.has(name) && options.nameOf
        ? options.nameOf(String(value))
        : readableValue(value, locale, timeZone);
  }
  if (error.code === 'InvalidInput') return inputMessage(error, params, locale, options.formKind);
  const key = `error.${error.code}`;
  return isMessageKey(key) ? t(locale, key, params) : t(locale, 'error.unexpected');
}

/** The label of a field path such as `title` or `items.2.who` (→ "Wie (rij 3)"). */
export function fieldLabel(path: string, locale: Locale, formKind?: FormKind): string {
  const parts = path.split('.');
  const leaf = parts[parts.length - 1] ?? path;
  const row = parts.length === 3 ? Number(parts[1]) + 1 : null;
  const candidates = [formKind ? `form.${formKind}.${leaf}` : '', `field.${leaf}`];
  const key = candidates.find(isMessageKey);
  const label = key ? t(locale, key) : leaf;
  if (row === null || Number.isNaN(row)) return label;
  return locale === 'en' ? `${label} (row ${row})` : `${label} (rij ${row})`;
}

function inputMessage(
  error: DomainError,
  readable: ErrorParams,
  locale: Locale,
  formKind?: FormKind,
): string {
  const field = String(error.params.field ?? '');
  const rule = String(error.params.rule ?? 'format');
  const key = `input.${rule}`;
  const params = { ...readable, field: fieldLabel(field, locale, formKind) };
  return t(locale, isMessageKey(key) ? key : 'input.format', params);
}

/** The label of an opening fact's value ("Ja", "Binnen de klas"), in the asked language. */
export function factValueLabel<K extends FactKey>(fact: K, value: IncidentFacts[K], locale: Locale): string {
  return fact === 'spread'
    ? t(locale, `spread.${value as Spread}`)
    : t(locale, `yesNo.${value as YesNoUnknown}`);
}
