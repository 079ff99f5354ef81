/** Dutch: commands, the opening confirmation and membership. */
export const nlCommands = {
  // Commands
  'help.text':
    'Stappenplan sexting: zo werkt het.\n• /incident nieuw [korte titel]: open een nieuw incident met een eigen, besloten kanaal.\n• /incident status: in een incidentkanaal het overzicht; elders jouw open incidenten.\n• /incident sluit: sluit het incident (alleen de regisseur).\n• /incident dossier: het dossier van het incident (PDF en Markdown), in het incidentkanaal.\n• /incident help: deze uitleg.\nGebruik geen namen van leerlingen en deel nooit de beelden zelf.',
  'command.shortHelp':
    'Hoi! Ik ben Stappenplan: ik help je school door het Stappenplan sexting.\n• /incident nieuw: een nieuw incident openen\n• /incident status: je incidenten\n• /incident help: alle commando’s',
  'teams.shortHelp':
    'Hoi! Ik ben Stappenplan: ik help je school door het Stappenplan sexting.\n• incident nieuw: een nieuw incident openen\n• incident status: je incidenten\n• incident help: alle commando’s\nIn een kanaal zet je @Stappenplan ervoor.',
  'command.noIncidents': 'Je hebt geen open incidenten.',
  'command.noIncidentsSchool': 'Er zijn geen incidenten.',
  'overview.school.title': 'Alle incidenten van de school',
  'overview.school.note':
    'Je ziet van elk incident het nummer en de voortgang. Titels, notities en antwoorden zie je alleen van incidenten waarvan je lid bent: de inhoud is alleen voor wie erbij betrokken is.',
  'overview.school.more': 'Alleen de nieuwste {count} staan hier.',
  'summary.head': '{number} · {kind} · regie: {lead} · {status}',
  'summary.status.opening': 'wordt geopend',
  'summary.status.open': 'open',
  'summary.status.closed': 'acute fase gesloten, nazorg loopt',
  'summary.status.finished': 'afgerond',
  'summary.progress': '{done} van {total} stappen klaar, {busy} bezig',
  'summary.phase': 'fase {index} van {count}: {phase}',
  'summary.allDone': 'alle stappen zijn klaar',
  'summary.nextAftercare': 'volgend nazorgmoment {date}',
  'summary.noAftercare': 'geen nazorgmoment gepland',
  'summary.overdue': '{count} stap(pen) over de deadline',
  'command.notInIncident': 'Gebruik dit commando in het kanaal van het incident.',
  'command.yourIncidents': 'Jouw open incidenten:',
  'command.closeConfirm': 'Wil je de acute fase van incident {number} sluiten?',
  'close.acuteSteps.none': 'Alle stappen van de acute fase zijn klaar.',
  'close.acuteSteps.one':
    '1 open stap in de acute fase wordt gesloten: die blijft staan zoals hij is en kan niet meer worden gewijzigd.',
  'close.acuteSteps.other':
    '{count} open stappen in de acute fase worden gesloten: ze blijven staan zoals ze zijn en kunnen niet meer worden gewijzigd.',
  'close.moments.none': 'Er zijn geen nazorgmomenten gepland.',
  'close.moments.one': '1 gepland nazorgmoment blijft staan; de herinnering gaat gewoon uit.',
  'close.moments.other': '{count} geplande nazorgmomenten blijven staan; de herinneringen gaan gewoon uit.',
  'close.aftercare.none': 'Evaluatie en nazorg zijn al klaar: het incident wordt meteen afgerond.',
  'close.aftercare.one':
    '1 stap van evaluatie en nazorg blijft open en te doen. Het incident is afgerond als die klaar is, of als jij het afrondt met “Afronden” in het menu van het overzicht.',
  'close.aftercare.other':
    '{count} stappen van evaluatie en nazorg blijven open en te doen. Het incident is afgerond als die klaar zijn, of als jij het afrondt met “Afronden” in het menu van het overzicht.',
  'command.alreadyClosed':
    'De acute fase van incident {number} is al gesloten. Evaluatie en nazorg lopen door; rond het incident af met “Afronden” in het menu van het overzicht.',
  'command.closeArchive': 'Kanaal ook archiveren',
  'command.confirm': 'Ja, sluiten',
  'command.cancel': 'Annuleren',
  'command.opening': 'Incident {number} wordt geopend. Je vindt het in {space}.',
  'space.closedLabel': 'gesloten',
  'opening.pending': 'Incident {number} wordt geopend…',
  'opening.pendingDetail':
    'De besloten ruimte en de kaarten worden klaargezet. Dit bericht verandert zodra dat klaar is.',
  'opening.done': 'Incident {number} is geopend. Alleen de genodigden kunnen het zien.',
  'opening.linkIntro': 'Ga naar',
  'opening.linkLabel': 'incident {number}',
  'opening.failed': 'Incident {number} kon nog niet worden geopend.',
  'opening.waiting': 'Incident {number} is bijna klaar.',
  'opening.kept': 'Het incident en alles wat je invulde zijn bewaard. Er is niets verloren gegaan.',
  'opening.retry': 'Probeer opnieuw',
  'opening.retrying':
    'Ik probeer het opnieuw. Dit bericht verandert zodra het gelukt is of als er iets misgaat.',
  'teams.addApp.title': 'Voeg de app Stappenplan toe aan het privékanaal {name}',
  'teams.addApp.reminder': 'Herinnering: het privékanaal {name} wacht nog op de app Stappenplan',
  'teams.addApp.steps':
    'Teams laat een app pas in een privékanaal werken als iemand uit dat kanaal hem toevoegt. Open het kanaal, kies ••• naast de naam van het kanaal, dan Kanaal beheren, het tabblad Apps en Een app toevoegen. Kies Stappenplan. Daarna zet de bot de stappen vanzelf in het kanaal.',
  'opening.alreadyOpen': 'Incident {number} is al geopend.',
  'opening.problem.missingPermission':
    'De app mist de toestemming “{permission}”. Vraag de beheerder van Microsoft 365 of Slack om die toe te staan en probeer het dan opnieuw.',
  'opening.problem.notInConversation':
    'De bot is niet toegevoegd aan de nieuwe ruimte en kan er de kaarten niet plaatsen.',
  'opening.problem.waitingForApp':
    'Wacht tot de app aan het kanaal is toegevoegd. De regisseur heeft een bericht gekregen met de stappen.',
  'opening.problem.appNotInCatalog':
    'De app Stappenplan staat nog niet in de apps van de school in Microsoft Teams. Vraag de beheerder van Microsoft 365 om de app te uploaden en probeer het dan opnieuw.',
  'opening.problem.busy': 'Microsoft Teams of Slack is even niet bereikbaar of te druk.',
  'opening.problem.unknown': 'Er ging iets mis bij Microsoft Teams of Slack.',
  'command.openTitle': 'Nieuw incident',
  'command.submit': 'Openen',
} as const;
