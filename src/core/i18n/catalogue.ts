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
import { en } from './messages.en.js';
import { type MessageKey, nl } from './messages.nl.js';

export type { MessageKey };

const catalogues: Record<Locale, Record<MessageKey, string>> = { nl, en };

export const DEFAULT_LOCALE: Locale = 'nl';

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
}

const USER_PARAMS = new Set(['owner', 'lead', 'user']);

/**
 * The friendly sentence for an error, in the user's language. Unknown errors get a calm
 * generic message: the user never sees a stack trace.
 */
export function errorMessage(error: unknown, locale: Locale, options: ErrorMessageOptions = {}): string {
  if (!isDomainError(error))
    return t(locale, isUnavailable(error) ? 'error.unavailable' : 'error.unexpected');
  const params: ErrorParams = { ...error.params };
  for (const name of Object.keys(params)) {
    if (USER_PARAMS.has(name) && options.nameOf) params[name] = options.nameOf(String(params[name]));
  }
  if (error.code === 'InvalidInput') return inputMessage(error, locale, options.formKind);
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

function inputMessage(error: DomainError, locale: Locale, formKind?: FormKind): string {
  const field = String(error.params.field ?? '');
  const rule = String(error.params.rule ?? 'format');
  const key = `input.${rule}`;
  const params = { ...error.params, field: fieldLabel(field, locale, formKind) };
  return t(locale, isMessageKey(key) ? key : 'input.format', params);
}

/** The label of an opening fact's value ("Ja", "Binnen de klas"), in the asked language. */
export function factValueLabel<K extends FactKey>(fact: K, value: IncidentFacts[K], locale: Locale): string {
  return fact === 'spread'
    ? t(locale, `spread.${value as Spread}`)
    : t(locale, `yesNo.${value as YesNoUnknown}`);
}
