/** Dutch: errors, input rules, the pupil-name question, field names and values. */
export const nlErrors = {
  // Errors (key: error.<code>)
  'error.NotAMember':
    'Je bent geen lid van dit incident. Vraag een lid om je toe te voegen (menu van het overzicht: “Collega toevoegen”).',
  'error.NotLead': 'Alleen de regisseur van dit incident kan dit doen: {lead}.',
  'error.NotStepOwner': 'Deze stap is van {owner}. Alleen {owner} of de regisseur kan dit doen.',
  'error.StepAlreadyClaimed': '{owner} heeft deze stap al opgepakt.',
  'error.StepAlreadyDone': 'Deze stap is al afgerond. Heropen de stap als er toch nog iets moet gebeuren.',
  'error.StepNotApplicable': 'Deze stap staat op niet van toepassing. Heropen de stap als hij toch nodig is.',
  'error.StepNotFound': 'Deze stap bestaat niet in het stappenplan van dit incident.',
  'error.IncidentNotFound': 'Dit incident is niet gevonden.',
  'error.IncidentClosed':
    'De acute fase van incident {incident} is gesloten. Alleen de stappen van evaluatie en nazorg kunnen nog worden bijgewerkt.',
  'error.IncidentFinished': 'Incident {incident} is afgerond. Er kan niets meer worden gewijzigd.',
  'error.IncidentNotClosed':
    'Incident {incident} is nog in de acute fase. Sluit eerst de acute fase met “incident sluit”; daarna kun je evaluatie en nazorg afronden.',
  'error.WorkspaceNotFound': 'Deze werkruimte is nog niet bekend bij de bot.',
  'error.AssigneeNotAMember': 'Die collega is geen lid van dit incident. Nodig hem of haar eerst uit.',
  'error.LeadCannotBeRemoved':
    'De regisseur kan niet worden verwijderd. Draag de regie eerst over (menu van het overzicht: “Regie overdragen”).',
  'error.NotCoordinator':
    'Dit overzicht is voor de zorgcoördinatoren van de school. Vraag de beheerder van de bot je toe te voegen (COORDINATORS).',
  'error.IncidentPurged':
    'Er kan geen dossier meer worden gemaakt: de inhoud van incident {incident} is op {date} verwijderd, omdat de bewaartermijn voorbij was.',
  'error.InvalidInput': '{message}',
  'error.InvalidAction': 'Deze knop werkt niet (meer). Gebruik de kaart in het incidentkanaal.',
  'error.ActionContextMismatch': 'Deze knop hoort bij een ander incident. Er is niets gewijzigd.',
  'error.FormNotAvailable': 'Bij deze stap hoort geen formulier.',
  'error.PlaybookInvalid': 'Het stappenplan van de school is ongeldig: {detail}',
  'error.PlaybookVersionConflict':
    'Het stappenplan {key} versie {version} is gewijzigd zonder nieuw versienummer.',
  'error.PlaybookNotFound': 'Het stappenplan {key} versie {version} is niet gevonden.',
  'error.unexpected': 'Er ging iets mis. Er is niets verloren gegaan; probeer het over een moment opnieuw.',
  'error.unavailable':
    'Even geduld, probeer het zo opnieuw. De bot kan zijn gegevens heel even niet bereiken; wat al is vastgelegd, blijft bewaard.',
  // Input rules (key: input.<rule>)
  'input.required': '{field}: vul dit in.',
  'input.tooLong': '{field}: maximaal {max} tekens.',
  'input.tooShort': '{field}: minimaal {min} tekens.',
  'input.oneOf': '{field}: kies een van de mogelijkheden.',
  'input.date': '{field}: geef een geldige datum (jjjj-mm-dd).',
  'input.dateRange': '{field}: kies een datum tussen {from} en {to}.',
  'input.tooMany': '{field}: maximaal {max}.',
  'input.format': '{field}: dit formaat klopt niet.',
  'input.notInvited': '{field}: de regisseur moet een van de uitgenodigde collega’s zijn.',
  'input.notInTeam': '{field}: deze collega zit niet in het team.',
  'input.notAMember': '{field}: deze collega is geen lid van het incident.',
  'input.notBefore': '{field}: deze datum ligt vóór {date}.',
  'input.invisible': '{field}: hier staan alleen onzichtbare tekens. Typ de tekst opnieuw.',
  'input.bidi': '{field}: de tekst bevat tekens die de leesrichting omdraaien. Typ de tekst opnieuw.',
  'input.pupilName':
    '{field}: bevat “{fragment}” de naam van een leerling? Gebruik dan initialen of een code. Is het geen leerling, verstuur het dan nog een keer: dan wordt het opgeslagen.',
  // Pupil-name check: asked once, the text may be saved anyway
  'privacy.pupilName.question':
    'Bevat “{fragment}” de naam van een leerling? Gebruik dan initialen of een code. Is het geen leerling, dan kun je het zo opslaan.',
  'privacy.pupilName.edit': 'Aanpassen',
  'privacy.pupilName.saveAnyway': 'Toch opslaan',
  // Field names
  'field.title': 'Korte titel',
  'field.title.hint': 'Geen namen van leerlingen: hooguit initialen of een code.',
  'field.kind': 'Soort incident',
  'field.lead': 'Regisseur',
  'field.invited': 'Collega’s uitnodigen',
  'field.reason': 'Reden',
  'field.note': 'Notitie',
  'field.madeVoluntarily': 'Vrijwillig gemaakt?',
  'field.perpetratorKnown': 'Is de dader bekend?',
  'field.perpetratorAtOtherSchool': 'Zit de dader op een andere school?',
  'field.spread': 'Verspreiding',
  'field.dueAt': 'Deadline',
  'field.assignee': 'Collega',
  // Values
  'kind.nude_photo': 'Naaktfoto',
  'kind.sex_video': 'Seksfilmpje',
  'kind.deepfake': 'Deepfake',
  'kind.sextortion': 'Sextortion (afpersing)',
  'kind.other': 'Anders',
  'spread.class': 'Binnen de klas',
  'spread.school': 'Binnen de school',
  'spread.outside_school': 'Buiten school',
  'spread.public_online': 'Openbaar online',
  'spread.unknown': 'Onbekend',
  'yesNo.yes': 'Ja',
  'yesNo.no': 'Nee',
  'yesNo.unknown': 'Onbekend',
  'status.open': 'Open',
  'status.claimed': 'Opgepakt',
  'status.done': 'Gereed',
  'status.not_applicable': 'Niet van toepassing',
  'role.lead': 'Regisseur',
  'role.member': 'Lid',
} as const;
