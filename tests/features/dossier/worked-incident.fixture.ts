import { SYSTEM_ACTOR } from '../../../src/core/incidents/incident.access.js';
import type { Note, UserId } from '../../../src/core/incidents/incident.types.js';
import { DEFAULT_PLAYBOOK } from '../../../src/core/playbook/builtin/index.js';
import type { Locale, Playbook } from '../../../src/core/playbook/playbook.types.js';
import { instantAt } from '../../../src/core/time/zoned.js';
import type { DossierInput } from '../../../src/features/dossier/dossier.types.js';
import { Chronicle, fixtureId, TZ } from './chronicle.js';

export { TZ };
export const ZOE = 'U-ZOE';
export const JAN = 'U-JAN';
export const ELS = 'U-ELS';
export const FRANCOIS = 'U-FRANCOIS';
/** Removed during the incident; nobody knows the name any more. */
export const GONE = 'U-GONE';

export const NAMES: Record<UserId, string> = {
  [ZOE]: 'Zoë de Vries',
  [JAN]: 'Jan Öztürk',
  [ELS]: 'Els van den Berg',
  [FRANCOIS]: 'François Müller',
};

/** Text that means something in Slack, Teams, HTML or Markdown and must stay literal. */
export const HOSTILE_TITLE = 'Foto 2B <!channel> *nu* _echt_ # [klik](https://x.test) `x` | y';
export const HOSTILE_NOTES = [
  '<!channel> <at>Jan Öztürk</at> lees dit <b>vet</b> & <script>alert(1)</script>',
  '> citaat\n- geen lijst\n1. geen nummer\n# geen kop\n---\n| a | b |',
  '**vet** __ook__ ~~weg~~ [link](https://x.test) ![beeld](https://x.test/a.png) <https://x.test> \\*',
];

export interface WorkedIncidentOptions {
  locale?: Locale;
  /** Puts injection strings in the title and in three notes. */
  hostile?: boolean;
  playbook?: Playbook;
}

/**
 * A fully worked incident as the store would hold it: all 31 steps of the built-in playbook,
 * claims, a reassignment, a release after a member was removed, a reopen, n.v.t. by condition and
 * with a reason, every form kind filled, notes, a shared file, closed, and aftercare that was done,
 * postponed, stopped, still planned and still awaiting an answer. Steps and their audit details
 * come from the real step transitions. A plain function, so a database test can store it as it is.
 */
export function workedIncident(options: WorkedIncidentOptions = {}): DossierInput {
  const locale = options.locale ?? 'nl';
  const playbook = options.playbook ?? DEFAULT_PLAYBOOK;
  const opened = instantAt('2026-11-10', 8, 15, TZ);
  const c = new Chronicle(
    playbook,
    {
      id: fixtureId('incident', 42),
      workspaceId: fixtureId('workspace', 1),
      number: '2026-0042',
      title: options.hostile ? HOSTILE_TITLE : 'Naaktfoto leerling 2B gedeeld in klassenapp',
      kind: 'nude_photo',
      facts: {
        madeVoluntarily: 'no',
        perpetratorKnown: 'yes',
        perpetratorAtOtherSchool: 'no',
        spread: 'school',
      },
      status: 'open',
      leadId: JAN,
      openedBy: JAN,
      spaceId: 'C-INCIDENT',
      createdAt: opened,
      updatedAt: opened,
      closedAt: null,
      finishedAt: null,
      purgedAt: null,
    },
    // The colleague removed halfway is known by name only while a member.
    { ...NAMES, [GONE]: 'Pieter Bakker' },
  );
  const { incident } = c;

  c.at('2026-11-10', 8, 15);
  c.event(JAN, 'incident.opened', { playbook: `${playbook.key}@${playbook.version}` });
  for (const user of [JAN, ZOE, ELS, FRANCOIS, GONE]) c.addMember(JAN, user);
  c.event(SYSTEM_ACTOR, 'incident.space_attached', {});
  c.event(SYSTEM_ACTOR, 'incident.ready', {});
  c.later(5).event(JAN, 'incident.lead_transferred', { from: JAN, to: ZOE });
  incident.leadId = ZOE;

  c.later(5).step(ZOE, 'attention-victim', { kind: 'claim' });
  c.later(1).step(JAN, 'scope-impact', { kind: 'claim' });
  c.later(1).step(GONE, 'check-protocols', { kind: 'claim' });
  c.later(2).step(ELS, 'involve-care-coordinator', { kind: 'claim' });
  c.later(10).note(
    ZOE,
    'attention-victim',
    'Eerste gesprek met de leerling gehad. Ze is geschrokken; haar mentor blijft vandaag in de buurt.',
  );
  c.later(30).step(ZOE, 'scope-impact', { kind: 'assign', assigneeId: ELS });
  c.later(20).note(
    ELS,
    'scope-impact',
    'De foto is gedeeld in de klassenapp van 2B; voor zover bekend niet daarbuiten.\nNiet vrijwillig gemaakt: gemaakt tijdens het omkleden na gym.',
  );
  c.later(5).step(ELS, 'scope-impact', { kind: 'done' });
  c.later(5).step(ZOE, 'attention-victim', { kind: 'done' });
  c.later(3).event(FRANCOIS, 'incident.file_shared', {});
  c.later(10).removeMember(ZOE, GONE);
  c.later(5).step(FRANCOIS, 'check-protocols', { kind: 'claim' });
  c.later(25).step(FRANCOIS, 'check-protocols', { kind: 'done' });
  c.later(5).step(ELS, 'involve-care-coordinator', { kind: 'done' });
  c.later(5).step(ZOE, 'police-advice', { kind: 'claim' });
  c.later(40).note(
    ZOE,
    'police-advice',
    'Wijkagent gebeld: advies is de foto niet te bekijken of door te sturen, en de ouders te wijzen op aangifte.',
  );
  c.later(2).step(ZOE, 'police-advice', { kind: 'done' });
  c.later(5).step(ZOE, 'action-list', { kind: 'claim' });
  c.later(15).form(ZOE, 'action-list', {
    items: [
      {
        who: 'Mentor 2B',
        what: 'Gesprek met de leerling en haar ouders',
        when: 'Vandaag 15:00',
        where: 'Kamer zorgcoördinator',
        how: 'Samen met de vertrouwenspersoon',
      },
      {
        who: 'Teamleider',
        what: 'Klassenapp laten opschonen',
        when: 'Vandaag',
        where: 'Online',
        how: 'Via de beheerder van de app',
      },
      {
        who: 'Zorgcoördinator',
        what: 'Politie om advies vragen',
        when: 'Direct',
        where: 'Telefonisch',
        how: 'Wijkagent',
      },
      { who: 'Directie', what: 'Communicatiestatement opstellen', when: 'Morgen', where: '', how: '' },
    ],
  });
  c.later(1).step(ZOE, 'action-list', { kind: 'done' });

  c.at('2026-11-11', 9, 0).step(JAN, 'talk-victim-parents', { kind: 'claim' });
  c.later(90).note(
    JAN,
    'talk-victim-parents',
    'Ouders zijn boos op de school én op de klasgenoten. Afgesproken: dagelijks contact deze week.',
  );
  c.later(1).form(JAN, 'talk-victim-parents', {
    contacts: [
      {
        date: '2026-11-11',
        role: 'victim_mother',
        via: 'meeting',
        agreed: 'Dagelijks contact deze week.\nDe mentor belt na schooltijd.',
        followUp: 'Vrijdag samen terugkijken',
      },
      { date: '2026-11-12', role: 'victim_father', via: 'phone', agreed: '', followUp: '' },
    ],
  });
  c.later(5).step(JAN, 'talk-victim-parents', { kind: 'done' });
  c.later(5).step(ELS, 'help-victim-parents', { kind: 'claim' });
  c.later(30).step(ELS, 'help-victim-parents', { kind: 'done' });
  c.later(5).step(ZOE, 'rest-period', { kind: 'claim' });
  c.later(10).form(ZOE, 'rest-period', {
    startDate: '2026-11-11',
    endDate: '2026-11-20',
    arrangements: 'Thuis met schoolwerk via de mentor.\nTerugkeer in overleg met de ouders.',
  });
  c.later(1).step(ZOE, 'rest-period', { kind: 'done' });
  c.later(20).step(JAN, 'attention-perpetrator', { kind: 'claim' });
  c.later(60).step(JAN, 'attention-perpetrator', { kind: 'done' });
  c.later(5).step(JAN, 'talk-perpetrator-parents', { kind: 'claim' });
  c.later(45).step(JAN, 'talk-perpetrator-parents', { kind: 'done' });
  c.later(5).step(ELS, 'help-perpetrator-parents', { kind: 'claim' });
  c.later(5).step(ELS, 'help-perpetrator-parents', { kind: 'done' });
  c.later(5).step(FRANCOIS, 'alternative-interventions', { kind: 'claim' });
  c.later(5).note(
    FRANCOIS,
    'alternative-interventions',
    'Herstelgesprek en een les over privacy in plaats van schorsing.',
  );
  c.later(5).step(FRANCOIS, 'alternative-interventions', { kind: 'done' });

  c.at('2026-11-12', 9, 30).step(ZOE, 'report-decision', { kind: 'claim' });
  c.later(5).step(ZOE, 'report-decision', { kind: 'setDue', dueAt: instantAt('2026-11-13', 16, 0, TZ) });
  c.later(6).form(ZOE, 'report-decision', {
    decision: 'report',
    policeConsulted: 'yes',
    decidedOn: '2026-11-12',
    explanation: 'Melding gedaan bij de politie; de ouders beslissen zelf over aangifte.',
  });
  c.later(1).step(ZOE, 'report-decision', { kind: 'done' });
  c.later(5).step(FRANCOIS, 'take-offline', { kind: 'claim' });
  c.later(30).step(FRANCOIS, 'take-offline', { kind: 'done' });
  c.later(60).step(ZOE, 'take-offline', { kind: 'reopen' });
  c.later(1).note(
    ZOE,
    'take-offline',
    'Er staat nog een kopie in een tweede groepschat; Meldknop ingeschakeld.',
  );
  c.later(4).step(FRANCOIS, 'take-offline', { kind: 'claim' });
  c.later(120).step(FRANCOIS, 'take-offline', { kind: 'done' });
  c.later(5).step(FRANCOIS, 'request-removal', { kind: 'claim' });
  c.later(5).step(FRANCOIS, 'request-removal', { kind: 'done' });
  c.later(5).step(ZOE, 'communication-statement', { kind: 'claim' });
  c.later(25).form(ZOE, 'communication-statement', {
    whatIsHappening: 'Er is een foto van een leerling rondgestuurd zonder toestemming.',
    ourView: 'Dat is ernstig en strafbaar; we keuren het sterk af.',
    whatWeDo: 'We steunen de betrokkenen, hebben de politie om advies gevraagd en praten met de klas.',
    why: 'Zodat iedereen zich weer veilig voelt op school.',
    contactPerson: 'Zoë de Vries, zorgcoördinator',
  });
  c.later(1).step(ZOE, 'communication-statement', { kind: 'done' });
  c.later(5).step(ZOE, 'act-on-statement', { kind: 'claim' });
  c.later(5).step(ZOE, 'act-on-statement', { kind: 'done' });
  c.later(5).step(ZOE, 'media-attention', {
    kind: 'notApplicable',
    reason: 'Geen vragen van de pers; niets verschenen in lokale media.',
  });
  c.later(10).step(FRANCOIS, 'support-teachers', { kind: 'claim' });
  c.later(30).step(FRANCOIS, 'support-teachers', { kind: 'done' });
  c.later(5).step(JAN, 'victim-class', { kind: 'claim' });
  c.later(50).note(
    JAN,
    'victim-class',
    'Klassengesprek gevoerd. Signaal: “Zonder verspreiders geen shame sexting!” – de klas reageerde rustig…',
  );
  c.later(5).step(JAN, 'victim-class', { kind: 'done' });
  c.later(5).step(JAN, 'inform-classmates-parents', { kind: 'claim' });
  c.later(5).step(JAN, 'inform-classmates-parents', { kind: 'done' });
  c.later(5).step(FRANCOIS, 'other-classes', { kind: 'claim' });
  c.later(5).step(FRANCOIS, 'other-classes', { kind: 'done' });
  c.later(5).step(ZOE, 'inform-other-parents', { kind: 'claim' });
  c.later(5).step(ZOE, 'inform-other-parents', { kind: 'done' });
  c.later(5).note(
    ZOE,
    null,
    'Algemeen: alle betrokken collega’s weten dat de beelden niet bekeken of bewaard mogen worden.',
  );

  c.at('2026-11-24', 14, 0).step(ZOE, 'evaluate-with-victim', { kind: 'claim' });
  c.later(45).form(ZOE, 'evaluate-with-victim', {
    date: '2026-11-24',
    participants: 'Leerling, ouders, mentor',
    wentWell: 'Snelle en rustige eerste opvang.',
    couldBeBetter: 'De ouders hadden eerder gebeld willen worden.',
    prevention: 'Les over online privacy in alle tweede klassen.',
  });
  c.later(5).step(ELS, 'evaluate-zat', { kind: 'claim' });
  c.later(60).form(ELS, 'evaluate-zat', {
    date: '2026-11-25',
    participants: 'Zorgcoördinator, mentor, teamleider, wijkagent',
    wentWell: 'Taken waren direct verdeeld; niemand heeft de foto bekeken.',
    couldBeBetter: 'Het protocol noemt de Meldknop niet.',
    prevention: 'Protocol aanvullen; ouderavond over sexting.',
  });
  c.later(1).step(ELS, 'evaluate-zat', { kind: 'done' });
  c.later(5).step(ZOE, 'plan-aftercare', { kind: 'claim' });
  c.later(10).form(ZOE, 'plan-aftercare', {
    moments: [
      { id: 'm-1', date: '2026-12-02', about: 'victim', remind: JAN },
      { id: 'm-2', date: '2027-01-06', about: 'victim_parents', remind: ZOE },
      { id: 'm-3', date: '2026-12-16', about: 'class', remind: JAN },
      { id: 'm-4', date: '2027-02-24', about: 'everyone', remind: ELS },
    ],
  });
  c.later(1).step(ZOE, 'plan-aftercare', { kind: 'done' });
  // The schedule made these when the forms were saved; the rest period's end was never answered.
  const id = (n: number) => fixtureId('reminder', n);
  const m1 = c.reminder(id(1), `aftercare:m-1:2026-12-02:${JAN}`, ['2026-12-02', 8, 30]);
  const m2 = c.reminder(id(2), `aftercare:m-2:2027-01-06:${ZOE}`, ['2027-01-06', 8, 30]);
  const m3 = c.reminder(id(3), `aftercare:m-3:2026-12-16:${JAN}`, ['2026-12-16', 8, 30]);
  c.reminder(id(4), `aftercare:m-4:2027-02-24:${ELS}`, null);
  c.reminder(id(5), `rest_end:rest-period:2026-11-20:${ZOE}`, ['2026-11-20', 8, 30]);
  c.reminder(id(6), `evaluation:evaluate-zat:2026-12-29:${ZOE}`, null);

  c.at('2026-11-27', 11, 5).event(ZOE, 'incident.closed', {});
  incident.status = 'closed';
  incident.closedAt = c.now;

  c.at('2026-12-02', 10, 12).note(
    JAN,
    'plan-aftercare',
    'Het gaat beter; ze zit weer naast haar vriendinnen in de klas.',
  );
  c.event(JAN, 'reminder.done', { reminder: m1.id, kind: 'aftercare' });
  Object.assign(m1, { outcome: 'done', updatedAt: c.now });
  c.at('2026-12-16', 9, 2).event(JAN, 'reminder.stopped', { reminder: m3.id, kind: 'aftercare' });
  Object.assign(m3, { outcome: 'stopped', updatedAt: c.now });
  c.at('2027-01-06', 9, 41).event(ZOE, 'reminder.snoozed', {
    reminder: m2.id,
    kind: 'aftercare',
    until: '2027-01-13',
  });
  const snoozedTo = instantAt('2027-01-13', 8, 30, TZ);
  Object.assign(m2, { status: 'pending', outcome: 'snoozed', dueAt: snoozedTo, updatedAt: c.now });

  c.at('2027-01-20', 16, 45);
  return {
    incident,
    workspace: { id: incident.workspaceId, platform: 'slack', schoolName: 'Het Baken College' },
    members: c.members,
    steps: [...c.steps.values()],
    notes: options.hostile ? [...c.notes, ...hostileNotes(c)] : c.notes,
    forms: [...c.forms.values()],
    audit: c.audit,
    reminders: c.reminders,
    playbook,
    locale,
    timeZone: TZ,
    generatedAt: c.now,
  };
}

function hostileNotes(c: Chronicle): Note[] {
  return HOSTILE_NOTES.map((text, index) => ({
    id: fixtureId('note', 100 + index),
    incidentId: c.incident.id,
    stepKey: index === 0 ? 'scope-impact' : 'victim-class',
    authorId: index === 2 ? GONE : JAN,
    text,
    createdAt: new Date(Date.UTC(2026, 10, 12, 12, index)),
  }));
}
