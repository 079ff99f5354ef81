import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { FormAnswer } from '../../../src/core/incidents/incident.types.js';
import type { CardMessage } from '../../../src/core/ports/store.js';
import { at, auditRow, memberRow, newWorkspace, noteRow, stepRow, storedIncident } from './contract-rows.js';
import type { ContractStores } from './contract-targets.js';

/** What is written alongside an incident: notes, form answers, posted cards, the audit trail. */
export function recordStoreCases(stores: () => ContractStores): void {
  const newIncident = async () => {
    const { store } = stores();
    return { store, incident: await storedIncident(store, (await newWorkspace(store)).id) };
  };

  it("lists an incident's notes most recent first, up to the limit", async () => {
    const { store, incident } = await newIncident();
    const { incident: other } = await newIncident();
    const second = noteRow(incident.id, 'Ouders gebeld', '2026-03-02T10:00:00Z');
    const first = noteRow(incident.id, 'Foto gezien bij mentor', '2026-03-02T09:00:00Z');
    const third = {
      ...noteRow(incident.id, 'Afspraak met politie', '2026-03-03T08:00:00Z'),
      stepKey: 'police',
    };
    for (const note of [second, first, third, noteRow(other.id, 'Elders', '2026-03-04T08:00:00Z')]) {
      await store.notes.add(note);
    }
    expect(await store.notes.list(incident.id, 10)).toEqual([third, second, first]);
    expect(await store.notes.list(incident.id, 2)).toEqual([third, second]);
  });

  it("lists one step's notes most recent first and counts every step's notes", async () => {
    const { store, incident } = await newIncident();
    const { incident: other } = await newIncident();
    const onStep = (text: string, iso: string, stepKey: string | null = 'police') => ({
      ...noteRow(incident.id, text, iso),
      stepKey,
    });
    const older = onStep('Aangifte besproken', '2026-03-02T09:00:00Z');
    const newer = onStep('Politie belt terug', '2026-03-03T09:00:00Z');
    const elsewhere = onStep('Ouders gebeld', '2026-03-02T10:00:00Z', 'parents');
    const loose = onStep('Algemeen', '2026-03-02T11:00:00Z', null);
    for (const note of [
      older,
      newer,
      elsewhere,
      loose,
      { ...noteRow(other.id, 'Elders', '2026-03-04T08:00:00Z'), stepKey: 'police' },
    ]) {
      await store.notes.add(note);
    }
    expect(await store.notes.listForStep(incident.id, 'police', 10)).toEqual([newer, older]);
    expect(await store.notes.listForStep(incident.id, 'police', 1)).toEqual([newer]);
    expect(await store.notes.listForStep(incident.id, 'nothing', 10)).toEqual([]);
    expect(await store.notes.countByStep(incident.id)).toEqual({ police: 2, parents: 1 });
  });

  it('keeps one answer per form: saving again overwrites it', async () => {
    const { store, incident } = await newIncident();
    const answer = (stepKey: string, data: Record<string, unknown>, iso: string): FormAnswer => ({
      incidentId: incident.id,
      stepKey,
      kind: stepKey === 'plan-aftercare' ? 'aftercare_moments' : 'communication_statement',
      data,
      updatedBy: 'U-BOB',
      updatedAt: at(iso),
    });
    await store.forms.upsert(
      answer('plan-aftercare', { moments: [{ date: '2026-03-09' }] }, '2026-03-02T10:00:00Z'),
    );
    await store.forms.upsert(answer('statement', { what: 'Er gaat een foto rond' }, '2026-03-02T10:05:00Z'));
    const again = {
      ...answer('plan-aftercare', { moments: [] }, '2026-03-03T08:00:00Z'),
      updatedBy: 'U-CARLA',
    };
    await store.forms.upsert(again);
    expect(await store.forms.get(incident.id, 'plan-aftercare')).toEqual(again);
    expect(await store.forms.get(incident.id, 'evaluation')).toBeUndefined();
    const listed = (await store.forms.list(incident.id)).sort((a, b) => a.stepKey.localeCompare(b.stepKey));
    expect(listed).toEqual([
      again,
      answer('statement', { what: 'Er gaat een foto rond' }, '2026-03-02T10:05:00Z'),
    ]);
  });

  it('records a posted card once per incident and card key; a second save keeps the first', async () => {
    const { store, incident } = await newIncident();
    const card = (cardKey: string, messageId: string, iso: string): CardMessage => ({
      incidentId: incident.id,
      cardKey,
      spaceId: 'C-SPACE',
      messageId,
      createdAt: at(iso),
    });
    const overview = card('overview', 'm-1', '2026-03-02T08:31:00Z');
    expect(await store.cards.save(overview)).toEqual(overview);
    expect(await store.cards.save(card('overview', 'm-2', '2026-03-02T08:32:00Z'))).toEqual(overview);
    const now = card('now', 'm-0', '2026-03-02T08:30:30Z');
    await store.cards.save(now);
    expect(await store.cards.list(incident.id)).toEqual([now, overview]);
    expect(await store.cards.list(randomUUID())).toEqual([]);
  });

  it('appends audit entries in the given order and lists them per incident in that order', async () => {
    const { store, incident } = await newIncident();
    const { incident: other } = await newIncident();
    const opened = auditRow(incident, 'incident.opened', '2026-03-02T08:30:00Z', { kind: 'nude_photo' });
    const batch = [
      auditRow(incident, 'step.claimed', '2026-03-02T09:00:00Z', { step: 'secure-evidence' }),
      auditRow(incident, 'step.assigned', '2026-03-02T08:59:59Z', { step: 'inform-lead', assignee: 'U-BOB' }),
      auditRow(incident, 'step.not_applicable', '2026-03-02T09:00:00Z', {
        step: 'police',
        byCondition: false,
      }),
    ];
    await store.audit.append(opened);
    await store.audit.append(auditRow(other, 'incident.opened', '2026-03-02T08:00:00Z'));
    await store.audit.append({ ...opened, incidentId: null, action: 'dossier.generated' });
    await store.audit.appendMany(batch);
    await store.audit.appendMany([]);
    const listed = await store.audit.list(incident.id);
    expect(listed.map(({ id: _, ...event }) => event)).toEqual([opened, ...batch]);
    expect(new Set(listed.map((event) => event.id)).size).toBe(4);
  });

  it('refuses rows for an incident that is not stored', async () => {
    const { store, incident } = await newIncident();
    const missing = randomUUID();
    await expect(store.members.add([memberRow(missing, 'U-BOB')])).rejects.toThrow();
    await expect(store.steps.insertAll([stepRow(missing, 'secure-evidence')])).rejects.toThrow();
    await expect(store.notes.add(noteRow(missing, 'Nergens', '2026-03-02T10:00:00Z'))).rejects.toThrow();
    const form = { incidentId: missing, stepKey: 'evaluation', kind: 'evaluation' as const, data: {} };
    await expect(
      store.forms.upsert({ ...form, updatedBy: 'U-BOB', updatedAt: new Date() }),
    ).rejects.toThrow();
    const card = {
      incidentId: missing,
      cardKey: 'overview',
      spaceId: 'C',
      messageId: 'm',
      createdAt: new Date(),
    };
    await expect(store.cards.save(card)).rejects.toThrow();
    await expect(
      store.audit.append({
        ...auditRow(incident, 'note.added', '2026-03-02T10:00:00Z'),
        incidentId: missing,
      }),
    ).rejects.toThrow();
    await expect(store.openings.saveNotice(missing, 'notice-1')).rejects.toThrow();
  });
}
