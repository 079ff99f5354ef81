import type { types } from '@slack/bolt';
import type { ActionPayload } from '../../../core/cards/action-payload.js';
import { t } from '../../../core/i18n/catalogue.js';
import type { ActionInputValues } from '../../../core/interactions/interaction.types.js';
import type { IncidentFacts, Locale } from '../../../core/playbook/playbook.types.js';
import { modal, paragraph } from './modal-elements.js';
import { encodeMetadata } from './modal-metadata.codec.js';
import { CALLBACK, type StateValues } from './modal-state.js';
import { factBlocks, readFacts } from './open-incident.modal.js';

/** The dialog kind in the modal's metadata; submitted like the one-question dialogs. */
export const FACTS_DIALOG = 'facts';

/** "Feiten aanpassen": the opening form's fact questions, with the incident's facts chosen. */
export function factsModal(
  locale: Locale,
  context: { payload: ActionPayload; channelId: string | null; facts: IncidentFacts },
): types.ModalView {
  return modal({
    callbackId: CALLBACK.input,
    title: t(locale, 'slack.modal.facts'),
    submit: t(locale, 'slack.save'),
    close: t(locale, 'command.cancel'),
    blocks: [paragraph(t(locale, 'facts.intro')), ...factBlocks(locale, context.facts)],
    metadata: encodeMetadata({
      action: context.payload,
      dialog: FACTS_DIALOG,
      ...(context.channelId ? { channelId: context.channelId } : {}),
    }),
  });
}

export function readFactsInput(values: StateValues): ActionInputValues {
  return { facts: readFacts(values) };
}
