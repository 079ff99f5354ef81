/** Dutch: what only Slack or Teams (and the playground) say. */
export const nlPlatforms = {
  // Slack
  'slack.choose': 'Kies…',
  'slack.save': 'Opslaan',
  'slack.invitedHint': 'Alleen wie je hier kiest (en jijzelf) ziet het besloten kanaal.',
  'slack.leadHint': 'Standaard jijzelf. De regisseur moet een van de uitgenodigde collega’s zijn.',
  'slack.assignHint': 'Alleen leden van dit incident staan in de lijst.',
  'slack.dueHint': 'Kies de dag waarop deze stap klaar moet zijn. Laat leeg om de deadline weg te halen.',
  'slack.archiveLabel': 'Kanaal',
  'slack.sender': 'Afzender',
  'slack.modal.reason': 'Niet van toepassing',
  'slack.modal.note': 'Notitie toevoegen',
  'slack.modal.assignee': 'Toewijzen',
  'slack.modal.dueDate': 'Deadline',
  'slack.modal.colleagues': 'Collega toevoegen',
  'slack.modal.removal': 'Collega verwijderen',
  'slack.modal.facts': 'Feiten aanpassen',
  'slack.modal.task': 'Taak maken',
  'task.hint':
    'Kies een actie uit de lijst, wie hem doet en wanneer hij klaar moet zijn. Dezelfde actie opnieuw opslaan past de taak aan.',
  'slack.modal.notes': 'Alle notities',
  'slack.modal.shut': 'Sluiten',
  'slack.modal.close': 'Incident sluiten',
  'slack.missingScope':
    'De Slack-app mist het recht “{scope}”. Vraag je beheerder de app opnieuw te installeren met het manifest uit de handleiding. Er is niets verloren gegaan.',
  'slack.busy': 'Slack is even te druk. Probeer het over een minuut opnieuw; er is niets verloren gegaan.',
  'slack.stillBusy': 'Het incident wordt nog opgeslagen. Je krijgt hier bericht zodra het klaarstaat.',
  'slack.openFailed':
    'Incident {number} is bewaard, maar het kanaal staat nog niet klaar. {problem} De bot probeert het vanzelf opnieuw.',
  // Microsoft Teams and the playground
  'teams.back': 'Terug naar de kaart',
  'teams.save': 'Opslaan',
  'teams.cardTooLarge': 'Deze kaart is te groot om hier te tonen. Typ "incident status" voor het overzicht.',
  'teams.typedInChannel':
    'Let op: wat je na het commando typt, ziet iedereen in dit kanaal. Je titel staat hieronder in het formulier. Wil je niets zichtbaar typen, gebruik dan je persoonlijke chat met Stappenplan.',
  'teams.openPending':
    '{name} vult het formulier voor een nieuw incident in. Alleen {name} ziet dat formulier.',
  'teams.openCancelled': 'Er is geen incident geopend.',
  'teams.opened': 'Incident {number} is geopend in een besloten kanaal, alleen voor de genodigden.',
  'teams.useTeamChannel':
    'Open een incident vanuit een kanaal van het team waar Stappenplan is toegevoegd: typ daar @Stappenplan incident nieuw.',
  'teams.chooseTeam': 'Voor welk team (welke school) is dit incident?',
  'teams.noTeamForYou':
    'Je zit nog in geen team waarin de app Stappenplan is toegevoegd. Vraag de beheerder van Microsoft Teams om Stappenplan toe te voegen aan het team van het zorgteam (Apps, Stappenplan, Toevoegen aan een team), en probeer het dan opnieuw.',
  'teams.notYourForm':
    'Dit formulier is van een collega. Typ zelf "incident nieuw" om een incident te openen.',
  'teams.notYourQuestion': 'Deze vraag is van een collega. Er is niets gewijzigd.',
  'teams.closeCancelled': 'Het incident blijft open.',
  'teams.help':
    'Stappenplan sexting: zo werkt het.\n• @Stappenplan incident nieuw: open een nieuw incident met een eigen, besloten kanaal.\n• @Stappenplan incident status: in een incidentkanaal het overzicht; elders jouw open incidenten.\n• @Stappenplan incident sluit: sluit het incident (alleen de regisseur).\n• @Stappenplan incident dossier: het dossier van het incident, in je persoonlijke chat.\n• @Stappenplan incident help: deze uitleg.\nIn je chat met Stappenplan laat je @Stappenplan weg. Gebruik geen namen van leerlingen en deel nooit de beelden zelf.',
  'teams.rows': 'Rijen {from}–{to}',
} as const;
