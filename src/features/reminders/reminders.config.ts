import { ConfigError, cronExpression, type Env, integer, text } from '../../config/config.js';
import type { ReminderRules } from './reminder.types.js';
import { DEFAULT_SCHOOL_TIME, parseSchoolDays, parseSchoolHours } from './school-time.rules.js';

/** The reminders' settings, read from the environment (documented in .env.example). */
export interface RemindersConfig {
  /** When due reminders are looked for (cron, in TIMEZONE). */
  reminderCron: string;
  /** When every open incident's schedule is recomputed, in case a change's own sync was lost. */
  syncCron: string;
  rules: ReminderRules;
  maxAttempts: number;
  leaseSeconds: number;
}

export function loadRemindersConfig(env: Env): RemindersConfig {
  return {
    reminderCron: cronExpression(env, 'REMINDER_CRON', '* * * * *'),
    syncCron: cronExpression(env, 'REMINDER_SYNC_CRON', '*/5 * * * *'),
    rules: {
      school: {
        days: schoolDays(env),
        ...schoolHours(env),
      },
      nudgeAfterSchoolHours: integer(env, 'NUDGE_AFTER_SCHOOL_HOURS', 2, 0, 40),
      evaluationAfterDays: integer(env, 'EVALUATION_REMINDER_AFTER_DAYS', 28, 0, 365),
    },
    maxAttempts: integer(env, 'REMINDER_MAX_ATTEMPTS', 6, 1, 20),
    leaseSeconds: integer(env, 'REMINDER_LEASE_SECONDS', 300, 30, 3600),
  };
}

function schoolDays(env: Env): number[] {
  const raw = text(env, 'SCHOOL_DAYS');
  if (raw === null) return [...DEFAULT_SCHOOL_TIME.days];
  const days = parseSchoolDays(raw);
  if (!days) {
    throw new ConfigError('SCHOOL_DAYS', `must list weekdays such as 1-5 or ma-vr (got "${raw}").`);
  }
  return days;
}

function schoolHours(env: Env): { startMinute: number; endMinute: number } {
  const raw = text(env, 'SCHOOL_HOURS');
  if (raw === null)
    return { startMinute: DEFAULT_SCHOOL_TIME.startMinute, endMinute: DEFAULT_SCHOOL_TIME.endMinute };
  const hours = parseSchoolHours(raw);
  if (!hours) {
    throw new ConfigError('SCHOOL_HOURS', `must be a start and end time such as 08:00-17:00 (got "${raw}").`);
  }
  return hours;
}
