import cron from 'node-cron';
import { ConfigError, type Env, integer, text } from '../config/config.js';
import type { ReminderRules } from '../core/reminders/reminder.types.js';
import { DEFAULT_SCHOOL_TIME, parseSchoolDays, parseSchoolHours } from '../core/reminders/school-time.js';

/** The scheduler's settings, read from the environment (documented in .env.example). */
export interface SchedulerConfig {
  /** When due reminders are looked for (cron, in TIMEZONE). */
  reminderCron: string;
  /** When the retention job runs (cron, in TIMEZONE). */
  retentionCron: string;
  /** When every open incident's schedule is recomputed, in case a change's own sync was lost. */
  syncCron: string;
  rules: ReminderRules;
  retentionMonths: number;
  maxAttempts: number;
  leaseSeconds: number;
}

export function loadSchedulerConfig(env: Env): SchedulerConfig {
  return {
    reminderCron: cronExpression(env, 'REMINDER_CRON', '* * * * *'),
    retentionCron: cronExpression(env, 'RETENTION_CRON', '30 2 * * *'),
    syncCron: cronExpression(env, 'REMINDER_SYNC_CRON', '*/5 * * * *'),
    rules: {
      school: {
        days: schoolDays(env),
        ...schoolHours(env),
      },
      nudgeAfterSchoolHours: integer(env, 'NUDGE_AFTER_SCHOOL_HOURS', 2, 0, 40),
      evaluationAfterDays: integer(env, 'EVALUATION_REMINDER_AFTER_DAYS', 28, 0, 365),
    },
    retentionMonths: integer(env, 'RETENTION_MONTHS', 24, 1, 120),
    maxAttempts: integer(env, 'REMINDER_MAX_ATTEMPTS', 6, 1, 20),
    leaseSeconds: integer(env, 'REMINDER_LEASE_SECONDS', 300, 30, 3600),
  };
}

function cronExpression(env: Env, name: string, fallback: string): string {
  const raw = text(env, name);
  if (raw === null) return fallback;
  if (!cron.validate(raw)) {
    throw new ConfigError(name, `is not a valid cron expression (got "${raw}"; for example "* * * * *").`);
  }
  return raw;
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
