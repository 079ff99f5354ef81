import { factValueLabel, t } from '../../../core/i18n/catalogue.js';
import { INCIDENT_KINDS } from '../../../core/incidents/incident.types.js';
import { LIMITS } from '../../../core/incidents/limits.js';
import { FACT_VALUES, type FactKey, type Locale } from '../../../core/playbook/playbook.types.js';
import { encodeActionData, INPUT_PREFIX, prefixedInputs } from './action-data.codec.js';
import { type AcElement, type AdaptiveCardJson, card, type MemberChoice, VERBS } from './adaptive.types.js';
import { container, line } from './elements.js';
import { inert } from './inert-text.js';

const OPEN_PREFIX = INPUT_PREFIX.open;

/** What the person typed last time, so a refused form comes back filled in. */
export interface OpenFormValues {
  title?: string;
  kind?: string;
  facts?: Partial<Record<FactKey, string>>;
  invited?: string[];
  lead?: string;
}

export interface OpenFormInput {
  locale: Locale;
  requesterId: string;
  /** Colleagues in the team who can be invited (a private channel only takes team members). */
  colleagues: MemberChoice[];
  values?: OpenFormValues;
  /** The message for a refused answer, shown above the form. */
  error?: string;
  /** A word of care for the asker, shown above the form (e.g. typed words are seen by everyone). */
  notice?: string;
  /** Workspace the incident is for, when the form is filled in outside the team (a personal chat). */
  team?: string;
}

const FACT_KEYS = Object.keys(FACT_VALUES) as FactKey[];

/** The opening form: the same questions as on Slack. */
export function openFormCard(input: OpenFormInput): AdaptiveCardJson {
  const { locale } = input;
  const values = input.values ?? {};
  const choices = input.colleagues.map((person) => ({
    title: inert(person.displayName ?? person.userId, 120),
    value: person.userId,
  }));
  const body: AcElement[] = [line(t(locale, 'command.openTitle'), { strong: true, size: 'medium' })];
  if (input.notice) body.push(container([line(input.notice, { strong: true })], { style: 'warning' }));
  if (input.error) body.push(container([line(input.error, { strong: true })], { style: 'attention' }));
  body.push(
    {
      type: 'Input.Text',
      id: `${OPEN_PREFIX}:title`,
      label: t(locale, 'field.title'),
      placeholder: t(locale, 'field.title.hint'),
      maxLength: LIMITS.title,
      isRequired: true,
      errorMessage: t(locale, 'input.required', { field: t(locale, 'field.title') }),
      ...(values.title ? { value: inert(values.title, LIMITS.title) } : {}),
    },
    line(t(locale, 'field.title.hint'), { tone: 'muted' }, { spacing: 'none' }),
    {
      type: 'Input.ChoiceSet',
      id: `${OPEN_PREFIX}:kind`,
      label: t(locale, 'field.kind'),
      style: 'compact',
      isRequired: true,
      errorMessage: t(locale, 'input.required', { field: t(locale, 'field.kind') }),
      choices: INCIDENT_KINDS.map((kind) => ({ title: t(locale, `kind.${kind}`), value: kind })),
      value: values.kind ?? 'nude_photo',
    },
    ...factInputs(locale, OPEN_PREFIX, values.facts),
    {
      type: 'Input.ChoiceSet',
      id: `${OPEN_PREFIX}:invited`,
      label: t(locale, 'field.invited'),
      style: 'filtered',
      isMultiSelect: true,
      choices: choices.filter((choice) => choice.value !== input.requesterId),
      ...(values.invited?.length ? { value: values.invited.join(',') } : {}),
    },
    {
      type: 'Input.ChoiceSet',
      id: `${OPEN_PREFIX}:lead`,
      label: t(locale, 'field.lead'),
      style: 'compact',
      choices,
      value: values.lead ?? input.requesterId,
    },
  );
  return card(body, {
    actions: [
      {
        type: 'Action.Execute',
        title: t(locale, 'command.submit'),
        verb: VERBS.openSubmit,
        // Who the form is for: in a channel, nobody else may send it in.
        data: encodeActionData({
          inputPrefix: OPEN_PREFIX,
          requester: { userId: input.requesterId, name: '' },
          ...(input.team ? { teamId: input.team } : {}),
        }),
        style: 'positive',
      },
      {
        type: 'Action.Execute',
        title: t(locale, 'command.cancel'),
        verb: VERBS.openCancel,
        // Only the asker may cancel: the card in the channel is theirs.
        data: encodeActionData({ requester: { userId: input.requesterId, name: '' } }),
        associatedInputs: 'none',
      },
    ],
  });
}

/**
 * The opening facts' questions, with these answers chosen ("unknown" where none is). The opening
 * form and "Feiten aanpassen" ask them the same way; input ids are `prefix:fact`.
 */
export function factInputs(
  locale: Locale,
  prefix: string,
  chosen: Partial<Record<FactKey, string>> = {},
): AcElement[] {
  return FACT_KEYS.map((fact) => ({
    type: 'Input.ChoiceSet',
    id: `${prefix}:${fact}`,
    label: t(locale, `field.${fact}`),
    style: 'compact',
    choices: FACT_VALUES[fact].map((value) => ({
      title: factValueLabel(fact, value, locale),
      value,
    })),
    value: chosen[fact] ?? 'unknown',
  }));
}

/** Reads the opening form's answers from an Action.Execute's data. */
export function openFormValues(data: Record<string, unknown>): OpenFormValues {
  const inputs = prefixedInputs(data, OPEN_PREFIX);
  const read = (name: string) => inputs.get(name);
  const facts: Partial<Record<FactKey, string>> = {};
  for (const fact of FACT_KEYS) {
    const value = read(fact);
    if (value) facts[fact] = value;
  }
  const invited = (read('invited') ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  return {
    title: read('title') ?? '',
    kind: read('kind') ?? '',
    facts,
    invited,
    ...(read('lead') ? { lead: read('lead') } : {}),
  };
}
