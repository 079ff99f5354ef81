import { type Kysely, sql } from 'kysely';

/** Workspaces, playbook versions, incidents with members, steps, notes, forms, cards, audit and idempotency keys. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('workspace')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('platform', 'text', (c) =>
      c.notNull().check(sql`platform in ('slack', 'teams', 'playground')`),
    )
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('nl').check(sql`locale in ('nl', 'en')`))
    .addColumn('timezone', 'text', (c) => c.notNull().defaultTo('Europe/Amsterdam'))
    .addColumn('settings', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('workspace_platform_external_id_key', ['platform', 'external_id'])
    .execute();

  await db.schema
    .createTable('playbook')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version > 0`))
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('content', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('playbook_pkey', ['key', 'version'])
    .execute();

  await db.schema
    .createTable('incident_counter')
    .addColumn('workspace_id', 'uuid', (c) => c.notNull().references('workspace.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('incident_counter_pkey', ['workspace_id', 'year'])
    .execute();

  await db.schema
    .createTable('incident')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('workspace_id', 'uuid', (c) => c.notNull().references('workspace.id'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('nude_photo', 'sex_video', 'deepfake', 'sextortion', 'other')`),
    )
    .addColumn('facts', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('opening', 'open', 'closed')`))
    .addColumn('lead_id', 'text', (c) => c.notNull())
    .addColumn('opened_by', 'text', (c) => c.notNull())
    .addColumn('playbook_key', 'text', (c) => c.notNull())
    .addColumn('playbook_version', 'integer', (c) => c.notNull())
    .addColumn('space_id', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('closed_at', 'timestamptz')
    .addColumn('purged_at', 'timestamptz')
    .addUniqueConstraint('incident_workspace_number_key', ['workspace_id', 'number'])
    .addForeignKeyConstraint('incident_playbook_fkey', ['playbook_key', 'playbook_version'], 'playbook', [
      'key',
      'version',
    ])
    .execute();
  await sql`create unique index incident_space_key on incident (workspace_id, space_id) where space_id is not null`.execute(
    db,
  );
  await sql`create index incident_unfinished_idx on incident (created_at) where status = 'opening'`.execute(
    db,
  );

  await db.schema
    .createTable('incident_member')
    .addColumn('incident_id', 'uuid', (c) => c.notNull().references('incident.id'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text')
    .addColumn('added_by', 'text', (c) => c.notNull())
    .addColumn('added_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('incident_member_pkey', ['incident_id', 'user_id'])
    .execute();
  await db.schema.createIndex('incident_member_user_idx').on('incident_member').column('user_id').execute();

  await db.schema
    .createTable('step')
    .addColumn('incident_id', 'uuid', (c) => c.notNull().references('incident.id'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('phase_key', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('open', 'claimed', 'done', 'not_applicable')`),
    )
    .addColumn('owner_id', 'text')
    .addColumn('due_at', 'timestamptz')
    .addColumn('na_reason', 'text')
    .addColumn('na_by_condition', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('completed_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('step_pkey', ['incident_id', 'key'])
    .addCheckConstraint('step_claimed_has_owner', sql`status <> 'claimed' or owner_id is not null`)
    .execute();
  await sql`create index step_due_idx on step (due_at) where status in ('open', 'claimed') and due_at is not null`.execute(
    db,
  );

  await db.schema
    .createTable('note')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('incident_id', 'uuid', (c) => c.notNull().references('incident.id'))
    .addColumn('step_key', 'text')
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('note_incident_idx')
    .on('note')
    .columns(['incident_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('form_answer')
    .addColumn('incident_id', 'uuid', (c) => c.notNull().references('incident.id'))
    .addColumn('step_key', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('form_answer_pkey', ['incident_id', 'step_key'])
    .execute();

  await db.schema
    .createTable('card_message')
    .addColumn('incident_id', 'uuid', (c) => c.notNull().references('incident.id'))
    .addColumn('card_key', 'text', (c) => c.notNull())
    .addColumn('space_id', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('card_message_pkey', ['incident_id', 'card_key'])
    .execute();

  await db.schema
    .createTable('audit_event')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('workspace_id', 'uuid', (c) => c.notNull().references('workspace.id'))
    .addColumn('incident_id', 'uuid', (c) => c.references('incident.id'))
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('audit_event_incident_idx')
    .on('audit_event')
    .columns(['incident_id', 'id'])
    .execute();

  // The audit trail is evidence: the database itself refuses to change or remove it.
  await sql`
    create function audit_event_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_event is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
    end;
    $$`.execute(db);
  await sql`
    create trigger audit_event_no_update_delete before update or delete on audit_event
    for each row execute function audit_event_append_only()`.execute(db);
  await sql`
    create trigger audit_event_no_truncate before truncate on audit_event
    for each statement execute function audit_event_append_only()`.execute(db);

  await db.schema
    .createTable('processed_request')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('ref', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('processed_request_pkey', ['scope', 'key'])
    .execute();
  await db.schema
    .createIndex('processed_request_created_idx')
    .on('processed_request')
    .column('created_at')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'processed_request',
    'audit_event',
    'card_message',
    'form_answer',
    'note',
    'step',
    'incident_member',
    'incident',
    'incident_counter',
    'playbook',
    'workspace',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await sql`drop function audit_event_append_only()`.execute(db);
}
