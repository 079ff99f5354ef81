import { afterAll, beforeAll, expect, it } from 'vitest';
import { BUILTIN_PLAYBOOKS, DEFAULT_PLAYBOOK } from '../../../src/core/playbook/builtin/index.js';
import { PlaybookRegistry } from '../../../src/core/playbook/playbook.registry.js';
import { syncPlaybooks } from '../../../src/core/playbook/playbook.sync.js';
import type { FileHandover } from '../../../src/core/ports/chat-gateway.js';
import type { DatabaseHandle } from '../../../src/db/connect.js';
import { createKyselyStore } from '../../../src/db/kysely-store.js';
import { renderDossierMarkdown } from '../../../src/features/dossier/dossier.markdown.js';
import { buildDossier } from '../../../src/features/dossier/dossier.rules.js';
import { DossierService } from '../../../src/features/dossier/dossier.service.js';
import type { DossierInput } from '../../../src/features/dossier/dossier.types.js';
import { reminderRepository } from '../../../src/features/reminders/reminder.repository.js';
import { FakeClock } from '../../support/core-fixture.js';
import { describeEachDatabase } from '../../support/databases.js';
import { RecordingGateway } from '../../support/recording-gateway.js';
import { TZ, workedIncident, ZOE } from './worked-incident.fixture.js';

/**
 * The fully worked incident stored as the bot stores it, then asked for: what the service reads
 * back (every note, not only the newest the cards show; every audit event in order; the
 * reminders) makes the same dossier as the incident itself, plus the line for this request.
 */
describeEachDatabase('the dossier of a stored, fully worked incident', (target) => {
  let handle: DatabaseHandle;
  let fixture: DossierInput;
  const handovers: FileHandover[] = [];

  beforeAll(async () => {
    handle = await target.open();
    const store = createKyselyStore(handle.db);
    await syncPlaybooks(store, new PlaybookRegistry(DEFAULT_PLAYBOOK), [...BUILTIN_PLAYBOOKS]);
    const workspace = await store.workspaces.ensure('slack', 'T-BAKEN', { locale: 'nl', timezone: TZ });
    await store.workspaces.update({ ...workspace, settings: { schoolName: 'Het Baken College' } });
    const worked = workedIncident();
    // The fixture's workspace id becomes the stored workspace's.
    fixture = {
      ...worked,
      incident: { ...worked.incident, workspaceId: workspace.id },
      workspace: { ...worked.workspace, id: workspace.id },
      audit: worked.audit.map((event) => ({ ...event, workspaceId: workspace.id })),
      reminders: worked.reminders.map((reminder) => ({ ...reminder, workspaceId: workspace.id })),
    };
    await store.incidents.insert(fixture.incident);
    await store.members.add(fixture.members);
    await store.steps.insertAll(fixture.steps);
    for (const note of fixture.notes) await store.notes.add(note);
    for (const form of fixture.forms) await store.forms.upsert(form);
    await store.audit.appendMany(fixture.audit);
    for (const r of fixture.reminders) {
      await handle.db
        .insertInto('reminder')
        .values({
          id: r.id,
          workspace_id: r.workspaceId,
          incident_id: r.incidentId,
          kind: r.kind,
          dedupe_key: r.key,
          step_key: r.stepKey,
          ref: r.ref,
          target_id: r.targetId,
          about: r.about,
          due_at: r.dueAt,
          status: r.status,
          attempts: r.attempts,
          last_error: r.lastError,
          lease_owner: r.leaseOwner,
          lease_until: r.leaseUntil,
          outcome: r.outcome,
          sent_at: r.sentAt,
          created_at: r.createdAt,
          updated_at: r.updatedAt,
        })
        .execute();
    }
  });
  afterAll(async () => handle?.close());

  it('is the same dossier as the incident gives, with this request as the last timeline line', async () => {
    const gateway = new (class extends RecordingGateway {
      async handOverFiles(handover: FileHandover) {
        handovers.push(handover);
        return { kind: 'posted' as const };
      }
    })();
    const store = createKyselyStore(handle.db);
    const clock = new FakeClock(fixture.generatedAt);
    const service = new DossierService({
      store,
      reminders: reminderRepository(handle.db),
      playbooks: new PlaybookRegistry(DEFAULT_PLAYBOOK),
      clock,
      gatewayFor: () => gateway,
    });
    const workspace = (await store.workspaces.get(fixture.workspace.id))!;
    await service.deliver({
      workspace,
      actor: { userId: ZOE },
      incidentId: fixture.incident.id,
      locale: 'nl',
    });

    const request = (await store.audit.list(fixture.incident.id)).at(-1)!;
    expect(request).toMatchObject({ action: 'dossier.generated', actorId: ZOE, at: fixture.generatedAt });
    const expected = renderDossierMarkdown(
      buildDossier({
        ...fixture,
        // Members who joined at the same moment come in the store's order.
        members: await store.members.list(fixture.incident.id),
        audit: [...fixture.audit, { ...request, id: undefined }],
      }),
    );
    const markdown = Buffer.from(handovers[0]!.files[1]!.bytes).toString('utf8');
    expect(markdown).toBe(expected);
    expect(markdown).toContain('Zoë de Vries maakte het dossier.');
    expect(fixture.notes.length).toBeGreaterThan(3);
  });
});
