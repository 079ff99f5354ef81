import { describe, expect, it } from 'vitest';
import { peopleIn, swapPeople } from '../../src/core/incidents/audit-persons.rules.js';
import type { AuditEvent } from '../../src/core/incidents/incident.types.js';

const entry = (actorId: string, action: string, details: AuditEvent['details']) =>
  ({ actorId, action, details }) as Pick<AuditEvent, 'actorId' | 'action' | 'details'>;

describe('the people in an audit entry', () => {
  it('are its actor and the fields of its action that hold a person, once each', () => {
    expect(peopleIn(entry('U-ANNA', 'incident.lead_transferred', { from: 'U-ANNA', to: 'U-BOB' }))).toEqual([
      'U-ANNA',
      'U-BOB',
    ]);
    expect(
      peopleIn(entry('U-BOB', 'step.assigned', { step: 'x', assignee: 'U-CARLA', previousOwner: null })),
    ).toEqual(['U-BOB', 'U-CARLA']);
    expect(peopleIn(entry('U-ANNA', 'dossier.generated', { requestedBy: 'U-ANNA' }))).toEqual(['U-ANNA']);
  });

  it('leave out the bot itself, codes, and fields that only name a person for another action', () => {
    expect(peopleIn(entry('system', 'incident.ready', {}))).toEqual([]);
    expect(peopleIn(entry('U-BOB', 'step.reopened', { step: 'x', from: 'done' }))).toEqual(['U-BOB']);
    expect(peopleIn(entry('U-BOB', 'reminder.done', { reminder: 'r-1', kind: 'aftercare' }))).toEqual([
      'U-BOB',
    ]);
    // An action another version wrote: only its actor is known to be a person.
    expect(peopleIn(entry('U-BOB', 'incident.viewed', { user: 'U-ANNA' }))).toEqual(['U-BOB']);
  });

  it('are swapped where a replacement is known, and left as they are otherwise', () => {
    const names: Record<string, string> = { 'U-ANNA': 'p-1', 'U-BOB': 'p-2' };
    const swapped = swapPeople(
      entry('U-ANNA', 'step.assigned', { step: 'x', assignee: 'U-BOB', previousOwner: 'U-DORA' }),
      (id) => names[id],
    );
    expect(swapped).toEqual(
      entry('p-1', 'step.assigned', { step: 'x', assignee: 'p-2', previousOwner: 'U-DORA' }),
    );
    expect(swapPeople(entry('system', 'member.added', { user: 'system' }), () => 'p-9')).toEqual(
      entry('system', 'member.added', { user: 'system' }),
    );
  });
});
