import type { Selectable } from 'kysely';
import type { Platform, Workspace } from '../../core/incidents/incident.types.js';
import type { Locale } from '../../core/playbook/playbook.types.js';
import type { WorkspaceRepository } from '../../core/ports/store.js';
import type { WorkspaceTable } from '../tables/workspace.table.js';
import { type Db, json, rowsWhere } from './db.js';

export function workspaceRepository(db: Db): WorkspaceRepository {
  return {
    async ensure(platform, externalId, defaults) {
      await db
        .insertInto('workspace')
        .values({
          platform,
          external_id: externalId,
          locale: defaults.locale,
          timezone: defaults.timezone,
          settings: json({}),
        })
        .onConflict((oc) => oc.columns(['platform', 'external_id']).doNothing())
        .execute();
      const row = await rowsWhere(db, 'workspace', {
        platform,
        external_id: externalId,
      }).executeTakeFirstOrThrow();
      return toWorkspace(row);
    },
    async get(id) {
      const row = await rowsWhere(db, 'workspace', { id }).executeTakeFirst();
      return row && toWorkspace(row);
    },
    async update(workspace) {
      await db
        .updateTable('workspace')
        .set({ locale: workspace.locale, timezone: workspace.timezone, settings: json(workspace.settings) })
        .where('id', '=', workspace.id)
        .execute();
    },
  };
}

function toWorkspace(row: Selectable<WorkspaceTable>): Workspace {
  return {
    id: row.id,
    platform: row.platform as Platform,
    externalId: row.external_id,
    locale: row.locale as Locale,
    timezone: row.timezone,
    settings: row.settings ?? {},
    createdAt: row.created_at,
  };
}
