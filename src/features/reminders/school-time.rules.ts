import type { Workspace } from '../../core/incidents/incident.types.js';
import { instantAt, isoDateIn } from '../../core/time/zoned.js';

/**
 * When a school can be reached: the days and hours in its own time zone. Reminders go out only
 * inside these windows; everything is computed on calendar dates with `instantAt`, so a
 * daylight-saving change moves the UTC instant, never the school morning.
 */
export interface SchoolTime {
  timeZone: string;
  /** ISO weekdays, 1 = Monday … 7 = Sunday. Never empty. */
  days: readonly number[];
  /** Minutes after midnight, local time. */
  startMinute: number;
  /** Minutes after midnight, local time; the end itself still counts as school time. */
  endMinute: number;
}

/** The defaults from the environment, before a workspace's own settings. */
export type SchoolTimeDefaults = Omit<SchoolTime, 'timeZone'>;

export const DEFAULT_SCHOOL_TIME: SchoolTimeDefaults = {
  days: [1, 2, 3, 4, 5],
  startMinute: 480,
  endMinute: 1020,
};

const DAY_NAMES: Record<string, number> = {
  mon: 1,
  ma: 1,
  tue: 2,
  di: 2,
  wed: 3,
  wo: 3,
  thu: 4,
  do: 4,
  fri: 5,
  vr: 5,
  sat: 6,
  za: 6,
  sun: 7,
  zo: 7,
};

/**
 * `1-5`, `1,2,3,4,5`, `mon-fri`, `ma-vr`, `ma,di,do` → sorted ISO weekdays; null when unreadable.
 */
export function parseSchoolDays(raw: unknown): number[] | null {
  if (Array.isArray(raw)) {
    const days = raw.filter((day): day is number => Number.isInteger(day) && day >= 1 && day <= 7);
    return days.length === raw.length && days.length > 0 ? [...new Set(days)].sort() : null;
  }
  if (typeof raw !== 'string' || raw.trim() === '') return null;
  const days = new Set<number>();
  for (const part of raw.toLowerCase().split(',')) {
    const [from, to, ...rest] = part.split('-').map((item) => dayNumber(item.trim()));
    if (from === null || from === undefined || rest.length > 0) return null;
    if (to === undefined) {
      days.add(from);
      continue;
    }
    if (to === null || to < from) return null;
    for (let day = from; day <= to; day += 1) days.add(day);
  }
  return [...days].sort();
}

function dayNumber(text: string): number | null {
  if (/^[1-7]$/.test(text)) return Number(text);
  return DAY_NAMES[text] ?? null;
}

/** `08:00-17:00` → minutes after midnight; null when unreadable or the end is not after the start. */
export function parseSchoolHours(raw: unknown): { startMinute: number; endMinute: number } | null {
  if (typeof raw !== 'string') return null;
  const match = /^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$/.exec(raw);
  if (!match) return null;
  const [startHour, startMin, endHour, endMin] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
  ];
  if (startHour > 23 || endHour > 23 || startMin > 59 || endMin > 59) return null;
  const startMinute = startHour * 60 + startMin;
  const endMinute = endHour * 60 + endMin;
  return endMinute > startMinute ? { startMinute, endMinute } : null;
}

/**
 * The workspace's school time: its time zone, with `settings.schoolDays` and
 * `settings.schoolHours` (same formats as the environment variables) over the defaults.
 * Unreadable settings fall back to the defaults rather than stopping reminders.
 */
export function schoolTimeFor(
  workspace: Pick<Workspace, 'timezone' | 'settings'>,
  defaults: SchoolTimeDefaults,
): SchoolTime {
  const days = parseSchoolDays(workspace.settings?.schoolDays) ?? defaults.days;
  const hours = parseSchoolHours(workspace.settings?.schoolHours) ?? defaults;
  return { timeZone: workspace.timezone, days, startMinute: hours.startMinute, endMinute: hours.endMinute };
}

/** The calendar date `days` later (YYYY-MM-DD arithmetic, no time zone involved). */
export function addDaysIso(isoDate: string, days: number): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** The same day of the month `months` later, or the month's last day when it is shorter. */
export function addMonthsIso(isoDate: string, months: number): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(year, month - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month - 1 + months, Math.min(day, lastDay))).toISOString().slice(0, 10);
}

function weekdayOf(isoDate: string): number {
  const day = new Date(`${isoDate}T12:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

function windowOn(isoDate: string, school: SchoolTime): { start: Date; end: Date } | null {
  if (!school.days.includes(weekdayOf(isoDate))) return null;
  const at = (minute: number) => instantAt(isoDate, Math.floor(minute / 60), minute % 60, school.timeZone);
  return { start: at(school.startMinute), end: at(school.endMinute) };
}

/** True on a school day between the start and the end of school hours (both included). */
export function isSchoolTime(instant: Date, school: SchoolTime): boolean {
  const window = windowOn(isoDateIn(instant, school.timeZone), school);
  return window !== null && instant >= window.start && instant <= window.end;
}

/** The instant itself when it is school time, else the start of the next school morning. */
export function nextSchoolMoment(instant: Date, school: SchoolTime): Date {
  let isoDate = isoDateIn(instant, school.timeZone);
  for (let day = 0; day < 15; day += 1) {
    const window = windowOn(isoDate, school);
    if (window) {
      if (instant < window.start) return window.start;
      if (instant <= window.end) return instant;
    }
    isoDate = addDaysIso(isoDate, 1);
  }
  throw new Error('School time has no school day in the next fortnight');
}

/** Start of the first school day after the given date. */
export function nextSchoolDayStart(isoDate: string, school: SchoolTime): Date {
  return nextSchoolMoment(instantAt(addDaysIso(isoDate, 1), 0, 0, school.timeZone), school);
}

/** Start of school on that date, or on the next school day when the date has no school. */
export function schoolMorningOn(isoDate: string, school: SchoolTime): Date {
  return nextSchoolMoment(instantAt(isoDate, 0, 0, school.timeZone), school);
}

/** The first school day on or after the date, as YYYY-MM-DD. */
export function schoolDateOnOrAfter(isoDate: string, school: SchoolTime): string {
  return isoDateIn(schoolMorningOn(isoDate, school), school.timeZone);
}

/**
 * The instant after `hours` of school time from `from`: evenings, nights and weekends do not
 * count. Friday 16:00 plus 2 school hours (08:00–17:00) is Monday 09:00.
 */
export function addSchoolHours(from: Date, hours: number, school: SchoolTime): Date {
  let remaining = Math.max(0, hours) * 3_600_000;
  let current = nextSchoolMoment(from, school);
  for (let guard = 0; guard < 1000; guard += 1) {
    const isoDate = isoDateIn(current, school.timeZone);
    const window = windowOn(isoDate, school) as { start: Date; end: Date };
    const available = window.end.getTime() - current.getTime();
    if (remaining <= available) return new Date(current.getTime() + remaining);
    remaining -= available;
    current = nextSchoolDayStart(isoDate, school);
  }
  throw new Error('School hours could not be counted');
}
