import type { types } from '@slack/bolt';
import { t } from '../../../core/i18n/catalogue.js';
import type { Locale } from '../../../core/playbook/playbook.types.js';
import { checkbox, input, modal, paragraph } from './modal-elements.js';
import { encodeMetadata } from './modal-metadata.codec.js';
import { CALLBACK, isChecked, type StateValues } from './modal-state.js';

const ARCHIVE_BLOCK = 'archive';
const ARCHIVE_OPTION = 'yes';

/**
 * `/incident sluit`: asks the lead to confirm, saying what happens to open steps and planned
 * moments; with a box to archive the channel as well when closing finishes the incident (while
 * evaluation and aftercare go on, they are worked on in the channel).
 */
export function closeModal(
  locale: Locale,
  context: { incidentId: string; question: string; channelId: string; offerArchive?: boolean },
): types.ModalView {
  return modal({
    callbackId: CALLBACK.close,
    title: t(locale, 'slack.modal.close'),
    submit: t(locale, 'command.confirm'),
    close: t(locale, 'command.cancel'),
    blocks: [
      paragraph(context.question),
      ...(context.offerArchive === false
        ? []
        : [
            input(
              ARCHIVE_BLOCK,
              t(locale, 'slack.archiveLabel'),
              checkbox(ARCHIVE_OPTION, t(locale, 'command.closeArchive')),
              { optional: true },
            ),
          ]),
    ],
    metadata: encodeMetadata({
      action: { incidentId: context.incidentId, kind: 'close' },
      channelId: context.channelId,
    }),
  });
}

export function readArchive(values: StateValues): boolean {
  return isChecked(values, ARCHIVE_BLOCK, ARCHIVE_OPTION);
}
