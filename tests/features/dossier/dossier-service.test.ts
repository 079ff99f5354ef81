import { afterAll, beforeAll, expect, it } from 'vitest';
import { type CoreServices, createCoreServices } from '../../../src/core/core-services.js';
import type { Actor } from '../../../src/core/incidents/incident.access.js';
import type { Workspace } from '../../../src/core/incidents/incident.types.js';
import { BUILTIN_PLAYBOOKS, DEFAULT_PLAYBOOK } from '../../../src/core/playbook/builtin/index.js';
import { PlaybookRegistry } from '../../../src/core/playbook/playbook.registry.js';
import { syncPlaybooks } from '../../../src/core/playbook/playbook.sync.js';
import type { FileHandover, HandoverResult } from '../../../src/core/ports/chat-gateway.js';
import { uuidGenerator } from '../../../src/core/ports/ids.js';
import type { DatabaseHandle } from '../../../src/db/connect.js';
import { createKyselyStore } from '../../../src/db/kysely-store.js';
import { dossierFeature } from '../../../src/features/dossier/dossier.extension.js';
import { reminderRepository } from '../../../src/features/reminders/reminder.repository.js';
import { retentionRepository } from '../../../src/features/retention/retention.repository.js';
import { RetentionService } from '../../../src/features/retention/retention.service.js';
import { ANNA, BOB, CARLA, FakeClock, openAsPlatform, STRANGER } from '../../support/core-fixture.js';
import { describeEachDatabase } from '../../support/databases.js';
import { RecordingGateway } from '../../support/recording-gateway.js';

/** A platform that hands files over the way the test says. */
class FilesGateway extends RecordingGateway {
  readonly handovers: FileHandover[] = [];
  result: HandoverResult = { kind: 'posted' };

  async handOverFiles(handover: FileHandover): Promise<HandoverResult> {
    this.handovers.push(handover);
    return this.result;
  }
}

describeEachDatabase('asking for the dossier', (target) => {
  let handle: DatabaseHandle;
  let core: CoreServices;
  let workspace: Workspace;
  const clock = new FakeClock('2026-03-02T08:30:00Z');
  const gateway = new FilesGateway();
  const errors: unknown[] = [];
  const store = () => createKyselyStore(handle.db);

  beforeAll(async () => {
    handle = await target.open();
    const playbooks = new PlaybookRegistry(DEFAULT_PLAYBOOK);
    await syncPlaybooks(store(), playbooks, [...BUILTIN_PLAYBOOKS]);
    const feature = dossierFeature({
      store: store(),
      reminders: reminderRepository(handle.db),
      playbooks,
      clock,
      gatewayFor: () => () => gateway,
    });
    core = createCoreServices({
      store: store(),
      clock,
      ids: uuidGenerator,
      playbooks,
      gatewayFor: () => gateway,
      reportError: (error) => errors.push(error),
      extensions: [feature.extension],
    });
    workspace = await store().workspaces.ensure('slack', `T-${target.name}`, {
      locale: 'nl',
      timezone: 'Europe/Amsterdam',
    });
  });
  afterAll(async () => handle?.close());

  const open = async () => {
    const opened = await openAsPlatform({ commands: core.commands, store: store() }, workspace, ANNA, {
      title: 'Foto klas 2B',
      invited: [BOB, CARLA],
    });
    return opened.incident;
  };
  const ask = async (actor: Actor, incidentId: string, spaceId: string | null = null) => {
    const result = await core.interactions.handle({
      workspace,
      actor,
      payload: { incidentId, kind: 'dossier' },
      spaceId,
    });
    await result.followUp;
    return result;
  };
  const generated = async (incidentId: string) =>
    (await store().audit.list(incidentId)).filter((event) => event.action === 'dossier.generated');

  it('a member gets the PDF and the Markdown in the space, and the audit says who asked', async () => {
    const incident = await open();
    const before = gateway.handovers.length;
    const result = await ask(BOB, incident.id);
    expect(result).toMatchObject({ ok: true, changed: false });
    expect(result.message).toContain(`Het dossier van incident ${incident.number} staat nu in dit kanaal`);
    const handover = gateway.handovers[before]!;
    expect(handover).toMatchObject({ spaceId: incident.spaceId, requesterId: BOB.userId, locale: 'nl' });
    expect(handover.files.map((file) => [file.name, file.mimeType])).toEqual([
      [`dossier-${incident.number}.pdf`, 'application/pdf'],
      [`dossier-${incident.number}.md`, 'text/markdown'],
    ]);
    expect(Buffer.from(handover.files[0]!.bytes).subarray(0, 5).toString()).toBe('%PDF-');
    const markdown = Buffer.from(handover.files[1]!.bytes).toString('utf8');
    expect(markdown).toContain(incident.number);
    // The request itself is in the dossier's own timeline.
    expect(markdown).toContain('maakte het dossier');
    const entries = await generated(incident.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorId: BOB.userId, details: { requestedBy: BOB.userId } });
    expect(errors).toEqual([]);
  });

  it('someone who is not a member is refused, and nothing is made or written', async () => {
    const incident = await open();
    const before = gateway.handovers.length;
    const result = await ask(STRANGER, incident.id);
    expect(result).toMatchObject({ ok: false, errorCode: 'NotAMember' });
    expect(result.message).toContain('Je bent geen lid van dit incident');
    expect(result.message).not.toContain(incident.number);
    expect(gateway.handovers).toHaveLength(before);
    expect(await generated(incident.id)).toEqual([]);
  });

  it('an unreachable personal chat is said plainly', async () => {
    const incident = await open();
    gateway.result = { kind: 'unreachable' };
    try {
      const result = await ask(ANNA, incident.id);
      expect(result.message).toContain('persoonlijke chat met Stappenplan niet bereiken');
    } finally {
      gateway.result = { kind: 'posted' };
    }
  });

  it('closing offers the dossier in the space with a button', async () => {
    const incident = await open();
    const result = await core.interactions.handle({
      workspace,
      actor: ANNA,
      payload: { incidentId: incident.id, kind: 'close' },
      spaceId: incident.spaceId,
    });
    await result.followUp;
    const offer = gateway.calls.find(
      (call) =>
        call.method === 'postCard' &&
        call.card?.key === 'dossier-offer' &&
        call.card.incidentId === incident.id,
    );
    expect(offer?.spaceId).toBe(incident.spaceId);
    expect(offer?.card?.fallback).toContain('Dossier maken?');
    const button = offer?.card?.blocks.flatMap((block) => (block.type === 'actions' ? block.actions : []))[0];
    expect(button?.payload).toEqual({ incidentId: incident.id, kind: 'dossier' });
    // The offer works on the closed incident.
    expect(await ask(BOB, incident.id)).toMatchObject({ ok: true });
  });

  it('after the retention purge the answer in the incident space says why and since when; elsewhere nobody learns anything', async () => {
    clock.set('2026-03-02T08:30:00Z');
    const incident = await open();
    await (
      await core.interactions.handle({
        workspace,
        actor: ANNA,
        payload: { incidentId: incident.id, kind: 'close' },
        spaceId: incident.spaceId,
      })
    ).followUp;
    // Retention counts from finishing: the lead ends evaluation and aftercare.
    const finished = await core.interactions.handle({
      workspace,
      actor: ANNA,
      payload: { incidentId: incident.id, kind: 'finish' },
      spaceId: incident.spaceId,
      input: { reason: 'Nazorg elders belegd' },
    });
    expect(finished.ok).toBe(true);
    await finished.followUp;
    clock.set('2028-06-01T02:30:00Z');
    const retention = new RetentionService({
      retention: retentionRepository(handle.db),
      store: store(),
      clock,
      months: 24,
    });
    expect((await retention.run()).purged).toBeGreaterThanOrEqual(1);
    const before = gateway.handovers.length;

    // The audit trail no longer says who the members were: the incident's own space is what counts.
    const member = await ask(BOB, incident.id, incident.spaceId);
    expect(member).toMatchObject({ ok: false, errorCode: 'IncidentPurged' });
    expect(member.message).toBe(
      `Er kan geen dossier meer worden gemaakt: de inhoud van incident ${incident.number} is op 1 jun 2028 verwijderd, omdat de bewaartermijn voorbij was.`,
    );
    const stranger = await ask(STRANGER, incident.id);
    expect(stranger).toMatchObject({ ok: false, errorCode: 'NotAMember' });
    expect(await ask(BOB, incident.id)).toMatchObject({ ok: false, errorCode: 'NotAMember' });
    expect(gateway.handovers).toHaveLength(before);
  });
});
