import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../src/core/incidents/incident.access.js';
import type { AuditEvent } from '../../../src/core/incidents/incident.types.js';
import { buildDossier } from '../../../src/features/dossier/dossier.rules.js';
import type { DossierInput } from '../../../src/features/dossier/dossier.types.js';
import { dossierContext } from '../../../src/features/dossier/dossier-context.rules.js';
import { timelineLines } from '../../../src/features/dossier/dossier-timeline.rules.js';
import { ELS, workedIncident, ZOE } from './worked-incident.fixture.js';

function withEvent(input: DossierInput, event: Partial<AuditEvent>): DossierInput {
  const base = input.audit[0]!;
  return { ...input, audit: [{ ...base, details: {}, ...event } as AuditEvent] };
}

describe('the dossier timeline', () => {
  const input = workedIncident();

  it('writes one readable line per audit event, in order', () => {
    const lines = timelineLines(dossierContext(input));
    expect(lines).toHaveLength(input.audit.length);
    expect(lines).toContain('di 10 nov 08:26 — Jan Öztürk pakte ‘Bepaal omvang en impact’ op.');
    expect(lines).toContain(
      'di 10 nov 09:09 — Zoë de Vries wees ‘Bepaal omvang en impact’ toe aan Els van den Berg.',
    );
    expect(lines).toContain('di 10 nov 08:15 — Stappenplan maakte de besloten incidentruimte aan.');
    expect(lines).toContain('di 10 nov 08:27 — Een collega pakte ‘Check bestaande protocollen’ op.');
    expect(lines).toContain('di 10 nov 09:52 — Zoë de Vries haalde een collega uit het incident.');
    expect(lines).toContain(
      'do 12 nov 09:35 — Zoë de Vries zette de deadline van ‘Besluit tot melding of aangifte’ op vr 13 nov 2026 16:00.',
    );
    expect(lines).toContain(
      'wo 6 jan 2027 09:41 — Zoë de Vries stelde de herinnering ‘nazorg voor de ouders van het slachtoffer’ uit tot 13 jan 2027.',
    );
    expect(lines[0]).toBe('di 10 nov 08:15 — Jan Öztürk opende het incident.');
    expect(lines.at(-1)).toContain('wo 6 jan 2027');
  });

  it('speaks English for an English workspace', () => {
    const english = workedIncident({ locale: 'en' });
    const lines = timelineLines(dossierContext(english));
    expect(lines).toContain('Tue 10 Nov 08:26 — Jan Öztürk took on ‘Determine the scope and impact’.');
    expect(lines).toContain('Tue 10 Nov 08:27 — A colleague took on ‘Check existing protocols’.');
    const doc = buildDossier(english);
    expect(doc.lang).toBe('en-GB');
    expect(doc.confidentiality).toBe(
      'Confidential — contains information about a sexual offence involving minors. Do not forward.',
    );
    expect(doc.generatedAt).toBe('Wed 20 Jan 2027 16:45');
  });

  it('says who was given a task on the action list and by when, and when it was done', () => {
    const task = (done: boolean) =>
      timelineLines(
        dossierContext(
          withEvent(input, {
            action: 'form.task_set',
            actorId: ZOE,
            details: { step: 'action-list', row: 'r1', owner: ELS, due: '2026-11-13', done },
          }),
        ),
      )[0];
    expect(task(false)).toMatch(
      /— Zoë de Vries gaf een taak bij ‘Zet acties op een rijtje’ aan Els van den Berg, klaar vóór .*13 nov.*\.$/,
    );
    expect(task(true)).toMatch(/— Zoë de Vries zette een taak bij ‘Zet acties op een rijtje’ op klaar\.$/);
  });

  it('never names a shared file, even if an entry were to carry a name', () => {
    const line = timelineLines(
      dossierContext(
        withEvent(input, {
          action: 'incident.file_shared',
          actorId: ELS,
          details: { name: 'IMG_2041.jpg', file: 'F123' },
        }),
      ),
    );
    expect(line).toEqual([
      'di 10 nov 08:15 — Bestand gedeeld in de incidentruimte door Els van den Berg: gewaarschuwd en gevraagd het te verwijderen. Het bestand is niet geopend of bewaard.',
    ]);
  });

  it('gives a line to entries from a newer version and names the bot and unknown people neutrally', () => {
    const generated = withEvent(input, { action: 'dossier.generated' as AuditEvent['action'], actorId: ZOE });
    expect(timelineLines(dossierContext(generated))).toEqual([
      'di 10 nov 08:15 — Zoë de Vries maakte het dossier.',
    ]);
    const unknown = withEvent(input, {
      action: 'something.new' as AuditEvent['action'],
      actorId: SYSTEM_ACTOR,
    });
    expect(timelineLines(dossierContext(unknown))).toEqual(['di 10 nov 08:15 — Stappenplan: something.new.']);
    const stranger = withEvent(input, {
      action: 'step.claimed',
      actorId: 'U-NOBODY',
      details: { step: 'scope-impact' },
    });
    expect(timelineLines(dossierContext(stranger))[0]).toContain('Een collega pakte');
    const named = { ...stranger, formerNames: { 'U-NOBODY': 'Pieter Bakker' } };
    expect(timelineLines(dossierContext(named))[0]).toContain('Pieter Bakker pakte');
  });
});
