import type { Migration } from 'kysely';
import * as m0001 from './0001_initial.js';
import * as m0002 from './0002_reminders.js';
import * as m0003 from './0003_teams.js';
import * as m0004 from './0004_opening.js';
import * as m0009 from './0009_step_assigned_by.js';
import * as m0010 from './0010_incident_finished.js';
import * as m0011 from './0011_teams_spaces.js';
import * as m0012 from './0012_idle_warning.js';
import * as m0013 from './0013_audit_pseudonyms.js';
import * as m0014 from './0014_task_reminders.js';

/**
 * Every migration, by name, in order. Listed here rather than read from the folder so the same
 * list works under tsx, in the compiled image and in tests.
 */
export const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_reminders': m0002,
  '0003_teams': m0003,
  '0004_opening': m0004,
  '0009_step_assigned_by': m0009,
  '0010_incident_finished': m0010,
  '0011_teams_spaces': m0011,
  '0012_idle_warning': m0012,
  '0013_audit_pseudonyms': m0013,
  '0014_task_reminders': m0014,
};
