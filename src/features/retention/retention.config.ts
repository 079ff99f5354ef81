import { cronExpression, type Env, integer } from '../../config/config.js';

/** The retention job's settings, read from the environment (documented in .env.example). */
export interface RetentionConfig {
  /** When the retention job runs (cron, in TIMEZONE). */
  retentionCron: string;
  /** Months after closing that an incident's content is kept. */
  retentionMonths: number;
}

export function loadRetentionConfig(env: Env): RetentionConfig {
  return {
    retentionCron: cronExpression(env, 'RETENTION_CRON', '30 2 * * *'),
    retentionMonths: integer(env, 'RETENTION_MONTHS', 24, 1, 120),
  };
}
