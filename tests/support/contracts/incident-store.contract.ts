import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import {
  at,
  incidentRow,
  memberRow,
  newWorkspace,
  STORED_PLAYBOOK,
  storedIncident,
} from './contract-rows.js';
import type { ContractStores } from './contract-targets.js';

/** Incidents, their numbers and members, workspaces and playbooks: what the core relies on. */
export function incidentStoreCases(stores: () => ContractStores): void {
  it('hands out numbers 1, 2, 3 … per workspace and year, each once, also when asked at the same time', async () => {
    const { store } = stores();
    const [a, b] = [await newWorkspace(store), await newWorkspace(store)];
    const together = await Promise.all(
      Array.from({ length: 5 }, () => store.incidents.allocateNumber(a.id, 2026)),
    );
    expect(together.sort()).toEqual([1, 2, 3, 4, 5]);
    expect(await store.incidents.allocateNumber(a.id, 2027)).toBe(1);
    expect(await store.incidents.allocateNumber(b.id, 2026)).toBe(1);
    expect(await store.incidents.allocateNumber(a.id, 2026)).toBe(6);
  });

  it('hands a number out again when the transaction that took it fails, so there are no gaps', async () => {
    const { store } = stores();
    const ws = await newWorkspace(store);
    expect(await store.incidents.allocateNumber(ws.id, 2026)).toBe(1);
    const failed = store.transaction(async (tx) => {
      await tx.incidents.allocateNumber(ws.id, 2026);
      throw new Error('opening failed');
    });
    await expect(failed).rejects.toThrow('opening failed');
    expect(await store.incidents.allocateNumber(ws.id, 2026)).toBe(2);
  });

  it('reads an incident back as written, and finds it by its space in its own workspace only', async () => {
    const { store } = stores();
    const [ws, other] = [await newWorkspace(store), await newWorkspace(store)];
    const incident = incidentRow(ws.id, {
      kind: 'sextortion',
      facts: {
        madeVoluntarily: 'no',
        perpetratorKnown: 'yes',
        perpetratorAtOtherSchool: 'no',
        spread: 'class',
      },
      status: 'finished',
      spaceId: 'C-SPACE-1',
      closedAt: at('2026-03-05T10:00:00Z'),
      finishedAt: at('2026-04-01T10:00:00.123Z'),
    });
    await store.incidents.insert(incident);
    expect(await store.incidents.get(incident.id)).toEqual(incident);
    expect(await store.incidents.findBySpace(ws.id, 'C-SPACE-1')).toEqual(incident);
    expect(await store.incidents.findBySpace(other.id, 'C-SPACE-1')).toBeUndefined();
    expect(await store.incidents.findBySpace(ws.id, 'C-OTHER')).toBeUndefined();
    expect(await store.incidents.get(randomUUID())).toBeUndefined();
  });

  it('refuses a second incident with the same number, or in the same space, of one workspace', async () => {
    const { store } = stores();
    const [ws, other] = [await newWorkspace(store), await newWorkspace(store)];
    const first = await storedIncident(store, ws.id, { number: '2026-0001', spaceId: 'C-1' });
    await expect(store.incidents.insert(incidentRow(ws.id, { number: first.number }))).rejects.toThrow();
    await expect(store.incidents.insert(incidentRow(ws.id, { spaceId: 'C-1' }))).rejects.toThrow();
    await storedIncident(store, other.id, { number: first.number, spaceId: 'C-1' });
    expect((await store.incidents.listForWorkspace(ws.id, ['open'], 10)).map((i) => i.id)).toEqual([
      first.id,
    ]);
  });

  it('updates status, people and dates but keeps the number, workspace and opening time', async () => {
    const { store } = stores();
    const [ws, other] = [await newWorkspace(store), await newWorkspace(store)];
    const incident = await storedIncident(store, ws.id, { status: 'opening' });
    const changed = {
      ...incident,
      status: 'closed' as const,
      title: 'Foto klas 3C',
      leadId: 'U-BOB',
      spaceId: 'C-42',
      updatedAt: at('2026-03-04T12:00:00Z'),
      closedAt: at('2026-03-04T12:00:00Z'),
    };
    await store.incidents.update({
      ...changed,
      workspaceId: other.id,
      number: '2099-9999',
      createdAt: at('2030-01-01T00:00:00Z'),
    });
    expect(await store.incidents.get(incident.id)).toEqual(changed);
  });

  it('adds nothing when an incident that is not stored is updated', async () => {
    const { store } = stores();
    const ws = await newWorkspace(store);
    const missing = incidentRow(ws.id);
    await store.incidents.update(missing);
    expect(await store.incidents.get(missing.id)).toBeUndefined();
  });

  it("lists a workspace's incidents in the statuses asked, newest first, up to the limit", async () => {
    const { store } = stores();
    const ws = await newWorkspace(store);
    const open = (iso: string, status: 'open' | 'closed' | 'finished' = 'open') =>
      storedIncident(store, ws.id, {
        status,
        createdAt: at(iso),
        finishedAt: status === 'finished' ? at(iso) : null,
      });
    const middle = await open('2026-03-02T09:00:00Z');
    const newest = await open('2026-03-03T09:00:00Z', 'closed');
    const oldest = await open('2026-03-01T09:00:00Z');
    await open('2026-03-04T09:00:00Z', 'finished');
    const ids = async (statuses: Parameters<typeof store.incidents.listForWorkspace>[1], limit = 10) =>
      (await store.incidents.listForWorkspace(ws.id, statuses, limit)).map((i) => i.id);
    expect(await ids(['open', 'closed'])).toEqual([newest.id, middle.id, oldest.id]);
    expect(await ids(['open', 'closed'], 2)).toEqual([newest.id, middle.id]);
    expect(await ids([])).toEqual([]);
  });

  it('lists the incidents a user is a member of, in the statuses asked, newest first', async () => {
    const { store } = stores();
    const [ws, other] = [await newWorkspace(store), await newWorkspace(store)];
    const older = await storedIncident(store, ws.id, { createdAt: at('2026-03-01T09:00:00Z') });
    const newer = await storedIncident(store, ws.id, { createdAt: at('2026-03-05T09:00:00Z') });
    const closed = await storedIncident(store, ws.id, { status: 'closed' });
    const notMine = await storedIncident(store, ws.id);
    const elsewhere = await storedIncident(store, other.id);
    await store.members.add([older, newer, closed, elsewhere].map((i) => memberRow(i.id, 'U-BOB')));
    await store.members.add([memberRow(notMine.id, 'U-CARLA')]);
    const ids = async (statuses: Parameters<typeof store.incidents.listForMember>[2]) =>
      (await store.incidents.listForMember(ws.id, 'U-BOB', statuses)).map((i) => i.id);
    expect(await ids(['open'])).toEqual([newer.id, older.id]);
    expect(await ids(['closed'])).toEqual([closed.id]);
    expect(await ids([])).toEqual([]);
  });

  it('lists incidents in one status, oldest first, up to the limit', async () => {
    const { store } = stores();
    const ws = await newWorkspace(store);
    // Dated before every other case's incidents: the list spans all workspaces.
    const second = await storedIncident(store, ws.id, {
      status: 'opening',
      createdAt: at('2001-02-01T00:00:00Z'),
    });
    const first = await storedIncident(store, ws.id, {
      status: 'opening',
      createdAt: at('2001-01-01T00:00:00Z'),
    });
    await storedIncident(store, ws.id, { status: 'open', createdAt: at('2000-01-01T00:00:00Z') });
    const listed = await store.incidents.listByStatus('opening', 2);
    expect(listed.map((i) => i.id)).toEqual([first.id, second.id]);
  });

  it('reads an incident with its members, oldest first, also under a lock in a transaction', async () => {
    const { store } = stores();
    const ws = await newWorkspace(store);
    const incident = await storedIncident(store, ws.id);
    const carla = memberRow(incident.id, 'U-CARLA', { addedAt: at('2026-03-02T09:00:00Z') });
    const bob = memberRow(incident.id, 'U-BOB', { addedAt: at('2026-03-02T09:00:00Z') });
    const anna = memberRow(incident.id, 'U-ANNA', { addedAt: at('2026-03-02T08:30:00Z'), addedBy: 'U-ANNA' });
    await store.members.add([carla, bob]);
    await store.members.add([anna]);
    const expected = { incident, members: [anna, bob, carla] };
    expect(await store.incidents.getWithMembers(incident.id)).toEqual(expected);
    const locked = await store.transaction(async (tx) => ({
      share: await tx.incidents.getWithMembers(incident.id, 'share'),
      update: await tx.incidents.getWithMembers(incident.id, 'update'),
      row: await tx.incidents.get(incident.id, 'update'),
    }));
    expect(locked).toEqual({ share: expected, update: expected, row: incident });
    expect(await store.members.list(incident.id)).toEqual([anna, bob, carla]);
    expect(await store.incidents.getWithMembers(randomUUID())).toBeUndefined();
  });

  it('keeps one membership per person: adding again leaves the first as it was', async () => {
    const { store } = stores();
    const ws = await newWorkspace(store);
    const incident = await storedIncident(store, ws.id);
    const bob = memberRow(incident.id, 'U-BOB', { displayName: 'Bob' });
    await store.members.add([bob, { ...bob, displayName: 'Bob twice' }]);
    await store.members.add([{ ...bob, displayName: 'Robert', addedBy: 'U-CARLA' }]);
    expect(await store.members.list(incident.id)).toEqual([bob]);
    expect(await store.members.get(incident.id, 'U-BOB')).toEqual(bob);
  });

  it('removes a member; removing again, or someone who never was one, changes nothing', async () => {
    const { store } = stores();
    const ws = await newWorkspace(store);
    const [incident, other] = [await storedIncident(store, ws.id), await storedIncident(store, ws.id)];
    await store.members.add([memberRow(incident.id, 'U-BOB'), memberRow(incident.id, 'U-CARLA')]);
    await store.members.add([memberRow(other.id, 'U-BOB')]);
    await store.members.remove(incident.id, 'U-BOB');
    await store.members.remove(incident.id, 'U-BOB');
    await store.members.remove(incident.id, 'U-NOBODY');
    expect((await store.members.list(incident.id)).map((m) => m.userId)).toEqual(['U-CARLA']);
    expect(await store.members.get(incident.id, 'U-BOB')).toBeUndefined();
    expect(await store.members.get(other.id, 'U-BOB')).toBeDefined();
  });

  it('makes a workspace once, with the defaults of the first sight, and updates only its settings', async () => {
    const { store } = stores();
    const externalId = `T-${randomUUID()}`;
    const made = await store.workspaces.ensure('teams', externalId, {
      locale: 'en',
      timezone: 'Europe/London',
    });
    const again = await store.workspaces.ensure('teams', externalId, {
      locale: 'nl',
      timezone: 'Europe/Amsterdam',
    });
    expect(again).toEqual(made);
    expect(made).toMatchObject({ platform: 'teams', externalId, locale: 'en', settings: {} });
    const slack = await store.workspaces.ensure('slack', externalId, {
      locale: 'nl',
      timezone: 'Europe/Amsterdam',
    });
    expect(slack.id).not.toBe(made.id);
    const settings = { schoolStart: '08:15', days: [1, 2, 3], nested: { on: true } };
    await store.workspaces.update({
      ...made,
      locale: 'nl',
      settings,
      platform: 'slack',
      externalId: 'T-OTHER',
    });
    expect(await store.workspaces.get(made.id)).toEqual({ ...made, locale: 'nl', settings });
    await store.workspaces.update({ ...made, id: randomUUID() });
    expect(await store.workspaces.get(made.id)).toEqual({ ...made, locale: 'nl', settings });
  });

  it('keeps the first content of a playbook version and lists the versions in order', async () => {
    const { store } = stores();
    const key = `contract-${randomUUID()}`;
    const version = (n: number, hash = `hash-${n}`) => ({
      ...STORED_PLAYBOOK,
      key,
      version: n,
      contentHash: hash,
    });
    for (const n of [3, 1, 2]) expect(await store.playbooks.insert(version(n))).toEqual(version(n));
    expect(await store.playbooks.insert(version(2, 'changed'))).toEqual(version(2));
    expect(await store.playbooks.get(key, 2)).toEqual(version(2));
    expect(await store.playbooks.get(key, 4)).toBeUndefined();
    const listed = (await store.playbooks.list()).filter((p) => p.key === key);
    expect(listed).toEqual([version(1), version(2), version(3)]);
  });
}
