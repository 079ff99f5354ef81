import type { App, BlockAction } from '@slack/bolt';
import { DomainError } from '../../../core/errors/domain-error.js';
import { callSlack } from '../api/slack-api.js';
import { ADD_ROW_ACTION, formModal, readForm } from '../modals/form.modal.js';
import { decodeMetadata, type ModalMetadata } from '../modals/modal-metadata.codec.js';
import { stateOf } from '../modals/modal-state.js';
import type { SlackContext } from '../slack.context.js';

/**
 * "Add a row" under a repeated group in a form modal: the modal is drawn again with what was
 * typed and one more empty row, and replaced in place with views.update (Slack keeps the typed
 * values of inputs whose block ids stay the same). The view's hash makes a stale click change
 * nothing. Nothing is saved until the modal is submitted.
 */
export function registerFormRows(bolt: App, slack: SlackContext): void {
  bolt.action<BlockAction>({ type: 'block_actions', action_id: ADD_ROW_ACTION }, async ({ ack, body }) => {
    await ack();
    const view = body.view;
    const userId = body.user.id;
    let metadata: ModalMetadata = {};
    let locale = slack.defaultLocale;
    try {
      if (!view) throw new DomainError('InvalidAction');
      const workspace = await slack.workspace(body.team?.id ?? body.user.team_id ?? '');
      locale = workspace.locale;
      metadata = decodeMetadata(view.private_metadata);
      const payload = metadata.action;
      if (!payload?.stepKey) throw new DomainError('InvalidAction');
      const request = await slack.app.commands.formRequest(
        payload.incidentId,
        payload.stepKey,
        { userId },
        locale,
      );
      const typed = readForm(request.spec, stateOf(view), metadata.rowIds ?? []);
      const shown = request.spec.list ? ((typed[request.spec.list.name] as unknown[]) ?? []).length : 0;
      const next = formModal(
        { ...request, values: typed },
        locale,
        { payload, channelId: metadata.channelId ?? null },
        shown + 1,
      );
      await callSlack(slack.client, 'views.update', { view_id: view.id, hash: view.hash, view: next });
    } catch (error) {
      const incidentId = metadata.action?.incidentId ?? null;
      await slack.tell(
        metadata.channelId ?? null,
        userId,
        await slack.describe(error, locale, incidentId, 'form'),
      );
    }
  });
}
