import type { types } from '@slack/bolt';
import { factValueLabel, type MessageKey, t } from '../../../core/i18n/catalogue.js';
import type { OpenIncidentInput } from '../../../core/incidents/incident.opening.js';
import { INCIDENT_KINDS } from '../../../core/incidents/incident.types.js';
import { LIMITS } from '../../../core/incidents/limits.js';
import { FACT_VALUES, type FactKey, type Locale } from '../../../core/playbook/playbook.types.js';
import {
  input,
  modal,
  multiUserSelect,
  paragraph,
  radio,
  select,
  textInput,
  userSelect,
} from './modal-elements.js';
import { encodeMetadata, type ModalMetadata } from './modal-metadata.codec.js';
import { CALLBACK, optionValue, type StateValues, textValue, usersValue, userValue } from './modal-state.js';

/** Block ids are the core's field names, so a validation error lands on its own field. */
const YES_NO_FACTS = ['madeVoluntarily', 'perpetratorKnown', 'perpetratorAtOtherSchool'] as const;

/** The `/incident nieuw` modal. The lead defaults to the person opening it. */
export function openIncidentModal(
  locale: Locale,
  options: { title: string; openerId: string; channelId?: string; responseUrl?: string },
): types.ModalView {
  const metadata: ModalMetadata = {};
  if (options.channelId) metadata.channelId = options.channelId;
  if (options.responseUrl) metadata.responseUrl = options.responseUrl;
  const label = (key: MessageKey) => t(locale, key);
  const blocks: types.KnownBlock[] = [
    paragraph(t(locale, 'overview.warning')),
    input('title', label('field.title'), textInput({ initial: options.title }), {
      hint: label('field.title.hint'),
    }),
    input(
      'kind',
      label('field.kind'),
      select(
        INCIDENT_KINDS.map((kind) => ({ value: kind, label: t(locale, `kind.${kind}`) })),
        null,
        label('slack.choose'),
      ),
    ),
    ...factBlocks(locale),
    input('invited', label('field.invited'), multiUserSelect(LIMITS.members - 1), {
      optional: true,
      hint: label('slack.invitedHint'),
    }),
    input('lead', label('field.lead'), userSelect(options.openerId), { hint: label('slack.leadHint') }),
  ];
  return modal({
    callbackId: CALLBACK.open,
    title: label('command.openTitle'),
    submit: label('command.submit'),
    close: label('command.cancel'),
    blocks,
    metadata: encodeMetadata(metadata),
  });
}

/**
 * The opening facts' questions, with these answers chosen (all "unknown" for a new incident).
 * The opening form and "Feiten aanpassen" ask them the same way.
 */
export function factBlocks(
  locale: Locale,
  chosen: Partial<Record<FactKey, string>> = {},
): types.KnownBlock[] {
  return [
    ...YES_NO_FACTS.map((fact) =>
      input(
        fact,
        t(locale, `field.${fact}`),
        radio(
          FACT_VALUES[fact].map((value) => ({ value, label: factValueLabel(fact, value, locale) })),
          chosen[fact] ?? 'unknown',
        ),
      ),
    ),
    input(
      'spread',
      t(locale, 'field.spread'),
      select(
        FACT_VALUES.spread.map((value) => ({ value, label: factValueLabel('spread', value, locale) })),
        chosen.spread ?? 'unknown',
      ),
    ),
  ];
}

/** The facts' answers, by fact; a question left unanswered is left out. */
export function readFacts(values: StateValues): Partial<Record<FactKey, string>> {
  const facts: Partial<Record<FactKey, string>> = {};
  for (const fact of [...YES_NO_FACTS, 'spread'] as const) {
    const value = optionValue(values, fact);
    if (value) facts[fact] = value;
  }
  return facts;
}

/** What the person filled in, in the core's terms. Names are added by the caller. */
export function readOpenIncident(values: StateValues): {
  title: string;
  kind: string;
  facts: OpenIncidentInput['facts'];
  invited: string[];
  leadId: string | null;
} {
  return {
    title: textValue(values, 'title'),
    kind: optionValue(values, 'kind'),
    facts: readFacts(values),
    invited: usersValue(values, 'invited'),
    leadId: userValue(values, 'lead') || null,
  };
}
