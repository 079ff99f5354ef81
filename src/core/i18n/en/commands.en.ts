import type { nlCommands } from '../nl/commands.nl.js';

/** English: commands, the opening confirmation and membership. */
export const enCommands: Record<keyof typeof nlCommands, string> = {
  'help.text':
    'Sexting action plan: how it works.\n• /incident new [short title]: open a new incident with its own private channel.\n• /incident status: in an incident channel the overview; elsewhere your open incidents.\n• /incident close: close the incident (lead only).\n• /incident dossier: the incident file (PDF and Markdown), in the incident channel.\n• /incident help: this explanation.\nDo not use pupil names and never share the images themselves.',
  'command.shortHelp':
    'Hi! I am Stappenplan: I guide your school through the sexting action plan.\n• /incident new: open a new incident\n• /incident status: your incidents\n• /incident help: every command',
  'teams.shortHelp':
    'Hi! I am Stappenplan: I guide your school through the sexting action plan.\n• incident new: open a new incident\n• incident status: your incidents\n• incident help: every command\nIn a channel, put @Stappenplan before it.',
  'command.noIncidents': 'You have no open incidents.',
  'command.noIncidentsSchool': 'There are no incidents.',
  'overview.school.title': 'All incidents of the school',
  'overview.school.note':
    'You see the number and progress of every incident. Titles, notes and answers show only for incidents you are a member of: the content is for those involved only.',
  'overview.school.more': 'Only the newest {count} are listed.',
  'summary.head': '{number} · {kind} · lead: {lead} · {status}',
  'summary.status.opening': 'being opened',
  'summary.status.open': 'open',
  'summary.status.closed': 'acute phase closed, aftercare ongoing',
  'summary.status.finished': 'finished',
  'summary.progress': '{done} of {total} steps done, {busy} in progress',
  'summary.phase': 'phase {index} of {count}: {phase}',
  'summary.allDone': 'all steps are done',
  'summary.nextAftercare': 'next aftercare moment {date}',
  'summary.noAftercare': 'no aftercare moment planned',
  'summary.overdue': '{count} step(s) past the deadline',
  'command.notInIncident': 'Use this command in the incident channel.',
  'command.yourIncidents': 'Your open incidents:',
  'command.closeConfirm': 'Do you want to close the acute phase of incident {number}?',
  'close.acuteSteps.none': 'Every step of the acute phase is done.',
  'close.acuteSteps.one':
    '1 open step in the acute phase will be closed: it stays as it is and can no longer be changed.',
  'close.acuteSteps.other':
    '{count} open steps in the acute phase will be closed: they stay as they are and can no longer be changed.',
  'close.moments.none': 'No aftercare moments are planned.',
  'close.moments.one': '1 planned aftercare moment stays; its reminder will still be sent.',
  'close.moments.other': '{count} planned aftercare moments stay; their reminders will still be sent.',
  'close.aftercare.none': 'Evaluation and aftercare are already done: the incident will be finished at once.',
  'close.aftercare.one':
    '1 evaluation or aftercare step stays open and can still be done. The incident is finished when it is done, or when you finish it with “Finish” in the overview’s menu.',
  'close.aftercare.other':
    '{count} evaluation and aftercare steps stay open and can still be done. The incident is finished when they are done, or when you finish it with “Finish” in the overview’s menu.',
  'command.alreadyClosed':
    'The acute phase of incident {number} is already closed. Evaluation and aftercare go on; finish the incident with “Finish” in the overview’s menu.',
  'command.closeArchive': 'Also archive the channel',
  'command.confirm': 'Yes, close',
  'command.cancel': 'Cancel',
  'command.opening': 'Incident {number} is being opened. You will find it in {space}.',
  'space.closedLabel': 'closed',
  'opening.pending': 'Incident {number} is being opened…',
  'opening.pendingDetail':
    'The private space and the cards are being set up. This message changes as soon as that is done.',
  'opening.done': 'Incident {number} has been opened. Only the people invited can see it.',
  'opening.linkIntro': 'Go to',
  'opening.linkLabel': 'incident {number}',
  'opening.failed': 'Incident {number} could not be opened yet.',
  'opening.waiting': 'Incident {number} is almost ready.',
  'opening.kept': 'The incident and everything you filled in are saved. Nothing has been lost.',
  'opening.retry': 'Try again',
  'opening.retrying': 'Trying again. This message changes as soon as it works or if something goes wrong.',
  'teams.addApp.title': 'Add the Stappenplan app to the private channel {name}',
  'teams.addApp.reminder': 'Reminder: the private channel {name} is still waiting for the Stappenplan app',
  'teams.addApp.steps':
    'Teams lets an app work in a private channel only once someone in that channel adds it. Open the channel, choose ••• next to its name, then Manage channel, the Apps tab and Add an app. Choose Stappenplan. The bot then posts the steps in the channel by itself.',
  'opening.alreadyOpen': 'Incident {number} is already open.',
  'opening.problem.missingPermission':
    'The app lacks the permission “{permission}”. Ask your Microsoft 365 or Slack administrator to grant it, then try again.',
  'opening.problem.notInConversation':
    'The bot has not been added to the new space and cannot post the cards there.',
  'opening.problem.waitingForApp':
    'Waiting for the app to be added to the channel. The lead has received a message with the steps.',
  'opening.problem.appNotInCatalog':
    "The Stappenplan app is not yet among the school's apps in Microsoft Teams. Ask the Microsoft 365 administrator to upload it, then try again.",
  'opening.problem.busy': 'Microsoft Teams or Slack cannot be reached or is too busy right now.',
  'opening.problem.unknown': 'Something went wrong at Microsoft Teams or Slack.',
  'command.openTitle': 'New incident',
  'command.submit': 'Open',
};
