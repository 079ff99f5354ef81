import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Repositories, Store } from '../core/ports/store.js';
import type { Database } from './database.js';
import { auditRepository } from './repositories/audit.repository.js';
import { cardMessageRepository } from './repositories/card-message.repository.js';
import type { Db } from './repositories/db.js';
import { formRepository } from './repositories/form.repository.js';
import { incidentRepository } from './repositories/incident.repository.js';
import { memberRepository } from './repositories/member.repository.js';
import { noteRepository } from './repositories/note.repository.js';
import { openingRepository } from './repositories/opening.repository.js';
import { playbookRepository } from './repositories/playbook.repository.js';
import { requestLogRepository } from './repositories/request-log.repository.js';
import { stepRepository } from './repositories/step.repository.js';
import { workspaceRepository } from './repositories/workspace.repository.js';

export function createRepositories(db: Db): Repositories {
  return {
    incidents: incidentRepository(db),
    members: memberRepository(db),
    steps: stepRepository(db),
    notes: noteRepository(db),
    forms: formRepository(db),
    audit: auditRepository(db),
    cards: cardMessageRepository(db),
    workspaces: workspaceRepository(db),
    playbooks: playbookRepository(db),
    requests: requestLogRepository(db),
    openings: openingRepository(db),
  };
}

/** The core's Store on PostgreSQL or PGlite through Kysely. */
export function createKyselyStore(db: Kysely<Database>): Store {
  return {
    ...createRepositories(db),
    transaction: (fn) => db.transaction().execute((trx) => fn(createRepositories(trx))),
    async ping() {
      try {
        await sql`select 1`.execute(db);
        return true;
      } catch {
        return false;
      }
    },
  };
}
