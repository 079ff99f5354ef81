import { describe, expect, it } from 'vitest';
import type { Note } from '../../../src/core/incidents/incident.types.js';
import { FORM_KINDS } from '../../../src/core/playbook/playbook.types.js';
import { buildDossier } from '../../../src/features/dossier/dossier.rules.js';
import type {
  DossierBlock,
  DossierDocument,
  DossierSection,
} from '../../../src/features/dossier/dossier.types.js';
import { GONE, JAN, workedIncident } from './worked-incident.fixture.js';

function section(document: DossierDocument, key: string): DossierSection {
  const all = (sections: DossierSection[]): DossierSection[] =>
    sections.flatMap((candidate) => [candidate, ...all(candidate.children)]);
  const found = all(document.sections).find((candidate) => candidate.key === key);
  if (!found) throw new Error(`no section ${key}`);
  return found;
}

/** The key/value rows that follow the heading of a step. */
function stepRows(document: DossierDocument, phase: string, title: string): Record<string, string> {
  const blocks = section(document, `phase:${phase}`).blocks;
  const at = blocks.findIndex((block) => block.kind === 'heading' && block.text.endsWith(title));
  const rows = blocks[at + 1] as Extract<DossierBlock, { kind: 'keyValue' }>;
  return Object.fromEntries(rows.rows.map((row) => [row.label, row.value]));
}

function tables(sectionOf: DossierSection): Extract<DossierBlock, { kind: 'table' }>[] {
  return sectionOf.blocks.filter((block) => block.kind === 'table');
}

describe('the worked incident fixture', () => {
  const input = workedIncident();

  it('covers every step, every form kind and every kind of follow-up', () => {
    expect(input.steps).toHaveLength(31);
    expect(new Set(input.forms.map((form) => form.kind))).toEqual(new Set(FORM_KINDS));
    expect(new Set(input.steps.map((step) => step.status))).toEqual(
      new Set(['done', 'not_applicable', 'claimed', 'open']),
    );
    expect(input.steps.some((step) => step.naByCondition)).toBe(true);
    expect(input.steps.some((step) => step.status === 'not_applicable' && step.naReason)).toBe(true);
    expect(new Set(input.reminders.map((reminder) => reminder.outcome))).toEqual(
      new Set([null, 'done', 'snoozed', 'stopped']),
    );
    expect(input.incident.status).toBe('closed');
    expect(input.audit.some((event) => event.action === 'incident.file_shared')).toBe(true);
  });
});

describe('buildDossier', () => {
  const input = workedIncident();
  const document = buildDossier(input);

  it('has the sections in reading order, with a section per phase', () => {
    expect(document.sections.map((part) => part.key)).toEqual([
      'incident',
      'steps',
      'other-notes',
      'timeline',
      'aftercare',
      'contacts',
    ]);
    expect(section(document, 'steps').children.map((phase) => phase.title)).toEqual([
      'Fase 1 van 7: Direct',
      'Fase 2 van 7: Slachtoffer en ouders',
      'Fase 3 van 7: Dader',
      'Fase 4 van 7: Politie en beeldmateriaal',
      'Fase 5 van 7: Communicatie',
      'Fase 6 van 7: Klas en school',
      'Fase 7 van 7: Evaluatie en nazorg',
    ]);
    expect(document.lang).toBe('nl-NL');
    expect(document.title).toBe('Dossier incident 2026-0042');
    expect(document.title).not.toContain(input.incident.title);
  });

  it('opens with the confidentiality line and the incident facts', () => {
    const incident = section(document, 'incident');
    expect(incident.blocks[0]).toEqual({
      kind: 'paragraph',
      tone: 'warning',
      text: 'Vertrouwelijk — bevat gegevens over een zedenincident met minderjarigen. Niet doorsturen.',
    });
    const facts = Object.fromEntries(
      (incident.blocks[1] as Extract<DossierBlock, { kind: 'keyValue' }>).rows.map((row) => [
        row.label,
        row.value,
      ]),
    );
    expect(facts).toMatchObject({
      Incidentnummer: '2026-0042',
      School: 'Het Baken College',
      'Korte titel': input.incident.title,
      'Soort incident': 'Naaktfoto',
      'Vrijwillig gemaakt?': 'Nee',
      Verspreiding: 'Binnen de school',
      Status: 'Acute fase gesloten, evaluatie en nazorg lopen door',
      Geopend: 'di 10 nov 2026 08:15',
      'Acute fase gesloten': 'vr 27 nov 2026 11:05',
      Regisseur: 'Zoë de Vries',
      Stappenplan: 'Stappenplan sexting, versie 3',
      Voortgang: '31 stappen: 25 gereed · 4 n.v.t. · 1 bezig · 1 open',
    });
    const members = section(document, 'members').blocks[0] as Extract<DossierBlock, { kind: 'keyValue' }>;
    expect(members.rows.map((row) => row.label)).toEqual([
      'Zoë de Vries',
      'Jan Öztürk',
      'Els van den Berg',
      'François Müller',
    ]);
    expect(members.rows[0]!.value).toBe('Regisseur, lid sinds di 10 nov 2026 08:15');
  });

  it('tells who claimed, was assigned, finished or set aside each step, from the audit trail', () => {
    expect(stepRows(document, 'direct', 'Bepaal omvang en impact')).toEqual({
      Status: 'Gereed',
      Eigenaar: 'Els van den Berg',
      Toegewezen: 'di 10 nov 2026 09:09 door Zoë de Vries aan Els van den Berg',
      Afgerond: 'di 10 nov 2026 09:34 door Els van den Berg',
    });
    // Claimed by a member who was removed; released by the lead, then taken on by François.
    expect(stepRows(document, 'direct', 'Check bestaande protocollen')).toMatchObject({
      Opgepakt: 'di 10 nov 2026 09:57 door François Müller',
    });
    // Reopened after it was done: the second round counts.
    expect(
      stepRows(document, 'police-and-images', 'Actie om online beeldmateriaal offline te halen'),
    ).toMatchObject({
      Opgepakt: 'do 12 nov 2026 11:22 door François Müller',
      Afgerond: 'do 12 nov 2026 13:22 door François Müller',
    });
    expect(stepRows(document, 'police-and-images', 'Besluit tot melding of aangifte')).toMatchObject({
      Deadline: 'vr 13 nov 2026 16:00',
    });
    expect(
      stepRows(
        document,
        'communication',
        'Wees voorbereid op media-aandacht (sociale media, kranten, radio, tv)',
      ),
    ).toEqual({
      Status: 'Niet van toepassing',
      'Reden n.v.t.': 'Geen vragen van de pers; niets verschenen in lokale media.',
      Eigenaar: 'Zoë de Vries',
      'Op n.v.t. gezet': 'do 12 nov 2026 14:18 door Zoë de Vries',
    });
    expect(stepRows(document, 'perpetrator', 'Contacteer school dader')).toEqual({
      Status: 'Niet van toepassing',
      'Reden n.v.t.': 'Volgens de feiten bij de melding',
    });
    expect(
      stepRows(document, 'evaluation-aftercare', 'Verwerk evaluatie in protocol/handelingsplan'),
    ).toEqual({
      Status: 'Open',
    });
  });

  it('lays out each form as it asks: fields in order with labels, lists as tables', () => {
    const direct = section(document, 'phase:direct');
    const [actions] = tables(direct);
    expect(actions!.columns).toEqual(['Wie', 'Wat', 'Wanneer', 'Waar', 'Hoe']);
    expect(actions!.rows).toHaveLength(4);
    expect(actions!.rows[3]).toEqual(['Directie', 'Communicatiestatement opstellen', 'Morgen', '—', '—']);
    expect(direct.blocks).toContainEqual({
      kind: 'paragraph',
      tone: 'muted',
      text: 'Laatst bijgewerkt di 10 nov 2026 11:34 door Zoë de Vries',
    });
    const police = section(document, 'phase:police-and-images').blocks;
    const decision = police.find(
      (block) => block.kind === 'keyValue' && block.rows[0]?.label === 'Besluit',
    ) as Extract<DossierBlock, { kind: 'keyValue' }>;
    expect(decision.rows).toEqual([
      { label: 'Besluit', value: 'Melding bij de politie' },
      { label: 'Overlegd met de politie?', value: 'Ja' },
      { label: 'Datum besluit', value: '12 nov 2026' },
      {
        label: 'Toelichting',
        value: 'Melding gedaan bij de politie; de ouders beslissen zelf over aangifte.',
      },
    ]);
    const [moments] = tables(section(document, 'phase:evaluation-aftercare'));
    expect(moments!.columns).toEqual(['Datum', 'Over wie', 'Wie krijgt de herinnering', 'Uitkomst']);
    expect(moments!.rows).toEqual([
      ['2 dec 2026', 'Het slachtoffer', 'Jan Öztürk', 'Gedaan op wo 2 dec 2026 10:12'],
      ['6 jan 2027', 'De ouders van het slachtoffer', 'Zoë de Vries', 'Uitgesteld tot wo 13 jan 2027 08:30'],
      ['16 dec 2026', 'De klas', 'Jan Öztürk', 'Geannuleerd: niet meer nodig'],
      ['24 feb 2027', 'Alle betrokkenen', 'Els van den Berg', 'Gepland'],
    ]);
  });

  it('gives every note with its author and time, under its step or among the general notes', () => {
    const notes = [
      section(document, 'steps'),
      ...section(document, 'steps').children,
      section(document, 'other-notes'),
    ]
      .flatMap((part) => part.blocks)
      .filter((block) => block.kind === 'note');
    expect(notes).toHaveLength(input.notes.length);
    expect(notes[0]).toEqual({
      kind: 'note',
      meta: 'di 10 nov 2026 08:39 · Zoë de Vries',
      text: 'Eerste gesprek met de leerling gehad. Ze is geschrokken; haar mentor blijft vandaag in de buurt.',
    });
    expect(section(document, 'other-notes').blocks).toHaveLength(1);
  });

  it('keeps every note, however many there are', () => {
    const many: Note[] = Array.from({ length: 75 }, (_, index) => ({
      id: `n-${String(index).padStart(3, '0')}`,
      incidentId: input.incident.id,
      stepKey: index % 2 ? 'victim-class' : null,
      authorId: JAN,
      text: `Notitie nummer ${index + 1}`,
      createdAt: new Date(Date.UTC(2026, 10, 13, 8, index)),
    }));
    const big = buildDossier({ ...input, notes: many.slice().reverse() });
    const texts = JSON.stringify(big.sections);
    for (const note of many) expect(texts).toContain(`"${note.text}"`);
  });

  it('lists the aftercare with its state and what is still open', () => {
    const aftercare = section(document, 'aftercare');
    expect(aftercare.blocks[0]).toMatchObject({
      text: '2 gepland · 1 gedaan · 1 uitgesteld · 1 geannuleerd · 1 wacht op antwoord · 0 niet bezorgd',
    });
    const [table] = tables(aftercare);
    expect(table!.rows.map((row) => row[3])).toEqual([
      'Verstuurd op vr 20 nov 2026 08:30, nog geen antwoord',
      'Gedaan op wo 2 dec 2026 10:12',
      'Geannuleerd: niet meer nodig',
      'Gepland',
      'Uitgesteld tot wo 13 jan 2027 08:30',
      'Gepland',
    ]);
    const open = section(document, 'open-follow-ups').blocks[0] as Extract<DossierBlock, { kind: 'list' }>;
    expect(open.items).toEqual([
      'Herinnering: einde van de rustperiode (vr 20 nov 2026 08:30) — Verstuurd op vr 20 nov 2026 08:30, nog geen antwoord',
      'Herinnering: evaluatie in het ZAT-overleg (di 29 dec 2026 08:30) — Gepland',
      'Herinnering: nazorg voor de ouders van het slachtoffer (wo 13 jan 2027 08:30) — Uitgesteld tot wo 13 jan 2027 08:30',
      'Herinnering: nazorg voor alle betrokkenen (wo 24 feb 2027 08:30) — Gepland',
      'Stap 27. Evalueer met slachtoffer, ouders en docenten — Opgepakt: Zoë de Vries',
      'Stap 31. Verwerk evaluatie in protocol/handelingsplan — Open',
    ]);
  });

  it('ends with the contacts and the poster’s BELANGRIJK line', () => {
    const contacts = section(document, 'contacts');
    expect(contacts.blocks[0]).toMatchObject({ kind: 'list' });
    expect((contacts.blocks[0] as Extract<DossierBlock, { kind: 'list' }>).items[0]).toContain(
      '020 - 6626559',
    );
    expect(contacts.blocks[1]).toEqual({
      kind: 'paragraph',
      tone: 'warning',
      text: 'BELANGRIJK! Aanpak van de groep door krachtig signaal af te geven: Zonder verspreiders geen shame sexting! Zet negatieve groepsdruk om in positieve groepsdynamiek',
    });
  });

  it('is pure: the same input gives the same document and is left as it was', () => {
    const fresh = workedIncident();
    const before = structuredClone(fresh);
    expect(buildDossier(fresh)).toEqual(buildDossier(fresh));
    expect(fresh).toEqual(before);
    expect(JSON.stringify(buildDossier(fresh))).not.toContain(GONE);
  });
});
