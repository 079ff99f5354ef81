import { localized, t } from '../i18n/catalogue.js';
import type { Incident, Member, Note } from '../incidents/incident.types.js';
import { findStep } from '../playbook/playbook.registry.js';
import type { Locale, Playbook } from '../playbook/playbook.types.js';
import { formatInstant, shorten } from '../text/format.js';
import type { Card, CardBlock } from './card.types.js';
import { nameResolver } from './card-context.js';

/**
 * What one answer card holds at most: every platform's message or card limit leaves room for
 * this many notes of the longest kind. Older ones are in the dossier.
 */
const NOTES_SHOWN = 40;
const CHARACTERS_SHOWN = 12_000;

export interface StepNotesInput {
  incident: Incident;
  members: Member[];
  /** Newest first. */
  notes: Note[];
  playbook: Playbook;
  stepKey: string;
  locale: Locale;
  timeZone: string;
}

/** Every note of one step, newest first, each with its author and the moment in the school's time. */
export function buildStepNotesCard(input: StepNotesInput): Card {
  const { incident, notes, locale } = input;
  const definition = findStep(input.playbook, input.stepKey);
  const step = definition ? localized(definition.step.title, locale) : input.stepKey;
  const title = t(locale, 'notes.title', { step });
  const nameOf = nameResolver(input.members);
  const shown: Note[] = [];
  let characters = 0;
  for (const note of notes) {
    characters += note.text.length;
    if (shown.length >= NOTES_SHOWN || (shown.length > 0 && characters > CHARACTERS_SHOWN)) break;
    shown.push(note);
  }
  const blocks: CardBlock[] = [
    { type: 'header', text: shorten(title, 150) },
    {
      type: 'text',
      text:
        notes.length === 0
          ? t(locale, 'notes.none')
          : t(locale, 'notes.intro', { number: incident.number, count: notes.length }),
      tone: 'muted',
    },
    ...shown.flatMap((note): CardBlock[] => [
      { type: 'divider' },
      {
        type: 'text',
        text: t(locale, 'notes.byline', {
          author: nameOf(note.authorId),
          date: formatInstant(note.createdAt, locale, input.timeZone),
        }),
        strong: true,
      },
      { type: 'text', text: note.text },
    ]),
  ];
  if (shown.length < notes.length) {
    blocks.push({
      type: 'text',
      text: t(locale, 'notes.older', { count: notes.length - shown.length }),
      tone: 'muted',
    });
  }
  return { key: `notes:${input.stepKey}`, incidentId: incident.id, fallback: title, blocks };
}
