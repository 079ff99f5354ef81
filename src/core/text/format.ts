import type { Locale } from '../playbook/playbook.types.js';

const INTL_LOCALE: Record<Locale, string> = { nl: 'nl-NL', en: 'en-GB' };

/** Shortens text to at most `max` characters, ending in an ellipsis when cut. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return `${chars
    .slice(0, Math.max(0, max - 1))
    .join('')
    .trimEnd()}…`;
}

/** `2026-12-02` → "2 dec 2026" / "2 Dec 2026". */
export function formatIsoDate(isoDate: string, locale: Locale): string {
  const date = new Date(`${isoDate}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

/** Day, short month, year and a 24-hour time: how an instant is shown everywhere. */
export const INSTANT_PARTS: Intl.DateTimeFormatOptions = {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
};

/** An instant shown in the workspace's time zone: "2 dec 2026 09:00". */
export function formatInstant(instant: Date, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], { ...INSTANT_PARTS, timeZone }).format(instant);
}
