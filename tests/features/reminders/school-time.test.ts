import { describe, expect, it } from 'vitest';
import {
  addDaysIso,
  addMonthsIso,
  addSchoolHours,
  isSchoolTime,
  nextSchoolMoment,
  parseSchoolDays,
  parseSchoolHours,
  type SchoolTime,
  schoolDateOnOrAfter,
  schoolMorningOn,
  schoolTimeFor,
} from '../../../src/features/reminders/school-time.rules.js';

const AMSTERDAM: SchoolTime = {
  timeZone: 'Europe/Amsterdam',
  days: [1, 2, 3, 4, 5],
  startMinute: 480,
  endMinute: 1020,
};
const at = (iso: string) => new Date(iso);

describe('school days and hours from text', () => {
  it.each([
    ['1-5', [1, 2, 3, 4, 5]],
    ['mon-fri', [1, 2, 3, 4, 5]],
    ['ma-vr', [1, 2, 3, 4, 5]],
    ['ma,di,do', [1, 2, 4]],
    ['1-3, 5', [1, 2, 3, 5]],
    ['zo', [7]],
  ])('reads %s', (raw, days) => {
    expect(parseSchoolDays(raw)).toEqual(days);
  });

  it.each(['', '0', '8', '5-1', 'maandag', '1--3', 'mon-xyz'])('refuses %j', (raw) => {
    expect(parseSchoolDays(raw)).toBeNull();
  });

  it('reads hours and refuses an end before the start or impossible times', () => {
    expect(parseSchoolHours('08:00-17:00')).toEqual({ startMinute: 480, endMinute: 1020 });
    expect(parseSchoolHours(' 8:30 - 15:45 ')).toEqual({ startMinute: 510, endMinute: 945 });
    for (const raw of ['17:00-08:00', '08:00-08:00', '24:00-25:00', '08:60-17:00', '8-17', 'morning']) {
      expect(parseSchoolHours(raw)).toBeNull();
    }
  });

  it("takes a workspace's own days and hours over the defaults, and ignores unreadable ones", () => {
    const own = schoolTimeFor(
      { timezone: 'Europe/Brussels', settings: { schoolDays: 'ma-do', schoolHours: '08:30-16:00' } },
      AMSTERDAM,
    );
    expect(own).toEqual({
      timeZone: 'Europe/Brussels',
      days: [1, 2, 3, 4],
      startMinute: 510,
      endMinute: 960,
    });
    const broken = schoolTimeFor(
      { timezone: 'Europe/Amsterdam', settings: { schoolDays: 'sometimes', schoolHours: 'late' } },
      AMSTERDAM,
    );
    expect(broken).toEqual(AMSTERDAM);
  });
});

describe('calendar arithmetic', () => {
  it('adds days and months on dates, keeping month ends', () => {
    expect(addDaysIso('2026-02-27', 3)).toBe('2026-03-02');
    expect(addMonthsIso('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonthsIso('2026-01-15', 3)).toBe('2026-04-15');
  });
});

describe('school time in Amsterdam (Mon–Fri 08:00–17:00)', () => {
  it('knows what is school time, with both ends included', () => {
    expect(isSchoolTime(at('2026-03-03T07:00:00Z'), AMSTERDAM)).toBe(true); // Tue 08:00
    expect(isSchoolTime(at('2026-03-03T16:00:00Z'), AMSTERDAM)).toBe(true); // Tue 17:00
    expect(isSchoolTime(at('2026-03-03T16:01:00Z'), AMSTERDAM)).toBe(false);
    expect(isSchoolTime(at('2026-03-03T06:59:00Z'), AMSTERDAM)).toBe(false);
    expect(isSchoolTime(at('2026-03-07T10:00:00Z'), AMSTERDAM)).toBe(false); // Saturday
  });

  it('moves night and weekend to the next school morning and leaves school time alone', () => {
    expect(nextSchoolMoment(at('2026-03-03T09:15:00Z'), AMSTERDAM)).toEqual(at('2026-03-03T09:15:00Z'));
    expect(nextSchoolMoment(at('2026-03-03T05:00:00Z'), AMSTERDAM)).toEqual(at('2026-03-03T07:00:00Z'));
    expect(nextSchoolMoment(at('2026-03-03T19:00:00Z'), AMSTERDAM)).toEqual(at('2026-03-04T07:00:00Z'));
    expect(nextSchoolMoment(at('2026-03-07T10:00:00Z'), AMSTERDAM)).toEqual(at('2026-03-09T07:00:00Z'));
  });

  it('puts the Monday after the spring change at 08:00 local, which is 06:00 UTC', () => {
    // Clocks go forward on Sunday 29 March 2026: Friday is UTC+1, Monday UTC+2.
    expect(nextSchoolMoment(at('2026-03-27T17:00:00Z'), AMSTERDAM)).toEqual(at('2026-03-30T06:00:00Z'));
    expect(schoolMorningOn('2026-03-28', AMSTERDAM)).toEqual(at('2026-03-30T06:00:00Z'));
    expect(schoolMorningOn('2026-03-27', AMSTERDAM)).toEqual(at('2026-03-27T07:00:00Z'));
  });

  it('puts the Monday after the autumn change at 08:00 local, which is 07:00 UTC', () => {
    // Clocks go back on Sunday 25 October 2026: Friday is UTC+2, Monday UTC+1.
    expect(nextSchoolMoment(at('2026-10-23T16:00:00Z'), AMSTERDAM)).toEqual(at('2026-10-26T07:00:00Z'));
    expect(schoolMorningOn('2026-10-25', AMSTERDAM)).toEqual(at('2026-10-26T07:00:00Z'));
    expect(schoolMorningOn('2026-10-23', AMSTERDAM)).toEqual(at('2026-10-23T06:00:00Z'));
  });

  it('counts school hours only: Friday 16:00 plus 2 is Monday 09:00', () => {
    expect(addSchoolHours(at('2026-03-06T15:00:00Z'), 2, AMSTERDAM)).toEqual(at('2026-03-09T08:00:00Z'));
    expect(addSchoolHours(at('2026-03-04T09:00:00Z'), 2, AMSTERDAM)).toEqual(at('2026-03-04T11:00:00Z'));
    expect(addSchoolHours(at('2026-03-07T12:00:00Z'), 2, AMSTERDAM)).toEqual(at('2026-03-09T09:00:00Z'));
    expect(addSchoolHours(at('2026-03-04T15:00:00Z'), 1, AMSTERDAM)).toEqual(at('2026-03-04T16:00:00Z'));
    expect(addSchoolHours(at('2026-03-04T15:00:00Z'), 10, AMSTERDAM)).toEqual(at('2026-03-05T16:00:00Z'));
  });

  it('counts school hours across both daylight-saving weekends without losing or adding an hour', () => {
    // Friday 16:00 (UTC+1) + 2 school hours = Monday 09:00 (UTC+2).
    expect(addSchoolHours(at('2026-03-27T15:00:00Z'), 2, AMSTERDAM)).toEqual(at('2026-03-30T07:00:00Z'));
    // Friday 16:00 (UTC+2) + 2 school hours = Monday 09:00 (UTC+1).
    expect(addSchoolHours(at('2026-10-23T14:00:00Z'), 2, AMSTERDAM)).toEqual(at('2026-10-26T08:00:00Z'));
  });

  it('finds the first school date on or after a date', () => {
    expect(schoolDateOnOrAfter('2026-03-07', AMSTERDAM)).toBe('2026-03-09');
    expect(schoolDateOnOrAfter('2026-03-10', AMSTERDAM)).toBe('2026-03-10');
  });
});

describe('a school open around the clock', () => {
  const always: SchoolTime = {
    timeZone: 'Europe/Amsterdam',
    days: [1, 2, 3, 4, 5, 6, 7],
    startMinute: 0,
    endMinute: 1439,
  };

  it('counts the night of the spring change as the real hours that pass', () => {
    // 01:30 local (UTC+1) + 2 hours = 04:30 local (UTC+2): 02:00–03:00 does not exist.
    expect(addSchoolHours(at('2026-03-29T00:30:00Z'), 2, always)).toEqual(at('2026-03-29T02:30:00Z'));
  });

  it('counts the doubled hour of the autumn change once', () => {
    // 01:30 local (UTC+2) + 2 hours = 02:30 local the second time (UTC+1).
    expect(addSchoolHours(at('2026-10-24T23:30:00Z'), 2, always)).toEqual(at('2026-10-25T01:30:00Z'));
  });
});
