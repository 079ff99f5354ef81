import type { nlPlatforms } from '../nl/platforms.nl.js';

/** English: what only Slack or Teams (and the playground) say. */
export const enPlatforms: Record<keyof typeof nlPlatforms, string> = {
  'slack.choose': 'Choose…',
  'slack.save': 'Save',
  'slack.invitedHint': 'Only the people you choose here (and you) see the private channel.',
  'slack.leadHint': 'You by default. The lead must be one of the invited colleagues.',
  'slack.assignHint': 'Only members of this incident are listed.',
  'slack.dueHint': 'Choose the day this step must be done. Leave it empty to remove the due date.',
  'slack.archiveLabel': 'Channel',
  'slack.sender': 'Sender',
  'slack.modal.reason': 'Not applicable',
  'slack.modal.note': 'Add a note',
  'slack.modal.assignee': 'Assign',
  'slack.modal.dueDate': 'Due date',
  'slack.modal.colleagues': 'Add colleague',
  'slack.modal.removal': 'Remove colleague',
  'slack.modal.facts': 'Edit facts',
  'slack.modal.task': 'Make a task',
  'task.hint':
    'Choose an action from the list, who does it and when it must be done. Saving the same action again changes the task.',
  'slack.modal.notes': 'All notes',
  'slack.modal.shut': 'Close',
  'slack.modal.close': 'Close incident',
  'slack.missingScope':
    'The Slack app lacks the permission “{scope}”. Ask your administrator to reinstall the app with the manifest from the manual. Nothing was lost.',
  'slack.busy': 'Slack is busy right now. Please try again in a minute; nothing was lost.',
  'slack.stillBusy': 'The incident is still being saved. You will get a message here when it is ready.',
  'slack.openFailed':
    'Incident {number} is saved, but its channel is not ready yet. {problem} The bot will try again by itself.',
  // Microsoft Teams and the playground
  'teams.back': 'Back to the card',
  'teams.save': 'Save',
  'teams.cardTooLarge': 'This card is too large to show here. Type "incident status" for the overview.',
  'teams.typedInChannel':
    'Note: whatever you type after the command is seen by everyone in this channel. Your title is in the form below. To type nothing in view of others, use your personal chat with Stappenplan.',
  'teams.openPending': '{name} is filling in the form for a new incident. Only {name} sees that form.',
  'teams.openCancelled': 'No incident was opened.',
  'teams.opened': 'Incident {number} has been opened in a private channel, only for the people invited.',
  'teams.useTeamChannel':
    'Open an incident from a channel of the team Stappenplan was added to: type @Stappenplan incident new there.',
  'teams.chooseTeam': 'Which team (which school) is this incident for?',
  'teams.noTeamForYou':
    "You are not yet in a team that has the Stappenplan app. Ask your Microsoft Teams administrator to add Stappenplan to the care team's team (Apps, Stappenplan, Add to a team), then try again.",
  'teams.notYourForm': 'This form belongs to a colleague. Type "incident new" yourself to open an incident.',
  'teams.notYourQuestion': 'This question belongs to a colleague. Nothing was changed.',
  'teams.closeCancelled': 'The incident stays open.',
  'teams.help':
    "Stappenplan sexting: how it works.\n• @Stappenplan incident new: open a new incident with its own private channel.\n• @Stappenplan incident status: in an incident channel the overview; elsewhere your open incidents.\n• @Stappenplan incident close: close the incident (lead only).\n• @Stappenplan incident dossier: the incident file, in your personal chat.\n• @Stappenplan incident help: this explanation.\nIn your chat with Stappenplan, leave out @Stappenplan. Do not use pupils' names and never share the images themselves.",
  'teams.rows': 'Rows {from}–{to}',
};
