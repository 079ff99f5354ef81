import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { ActionPayload } from '../../../core/cards/action-payload.js';
import { DomainError } from '../../../core/errors/domain-error.js';
import type { Workspace } from '../../../core/incidents/incident.types.js';
import type { ActionInputValues, InteractionResult } from '../../../core/interactions/interaction.types.js';
import { isSimpleInput, readActionInput } from '../modals/action-input.modal.js';
import { readArchive } from '../modals/close.modal.js';
import { FACTS_DIALOG, readFactsInput } from '../modals/facts.modal.js';
import { formBlockId, readForm } from '../modals/form.modal.js';
import { decodeMetadata, type ModalMetadata } from '../modals/modal-metadata.codec.js';
import { CALLBACK, errorBlock, type StateValues, stateOf } from '../modals/modal-state.js';
import { readTaskInput, TASK_DIALOG } from '../modals/task.modal.js';
import { type SlackContext, settleWithin, spaceOf } from '../slack.context.js';

type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

const ACK_WINDOW_MS = 2500;
const NAME_LOOKUP_MS = 1200;

/**
 * Dialogs that complete a card action: a reason, note, colleague or date, a step's form, and the
 * close confirmation. Input errors stay in the dialog next to their field; everything else closes
 * it and is answered to the person alone. The view id makes a double submit change nothing.
 */
export function registerDialogSubmissions(bolt: App, slack: SlackContext): void {
  bolt.view<ViewSubmitAction>(CALLBACK.input, (args) =>
    submit(slack, args, async (metadata, values) => {
      if (metadata.dialog === FACTS_DIALOG) return readFactsInput(values);
      if (metadata.dialog === TASK_DIALOG) return readTaskInput(values);
      if (!isSimpleInput(metadata.dialog)) throw new DomainError('InvalidAction');
      const input = readActionInput(metadata.dialog, values);
      if (input.colleagues) input.colleagues = await withNames(slack, input.colleagues);
      return input;
    }),
  );
  bolt.view<ViewSubmitAction>(CALLBACK.form, (args) =>
    submit(
      slack,
      args,
      async (metadata, values, payload) => ({ form: await formValues(slack, payload, values, metadata) }),
      formBlockId,
    ),
  );
  bolt.view<ViewSubmitAction>(CALLBACK.close, (args) =>
    submit(slack, args, (_metadata, values) => ({ archive: readArchive(values) })),
  );
}

async function submit(
  slack: SlackContext,
  { ack, body, view }: ViewArgs,
  read: (
    metadata: ModalMetadata,
    values: StateValues,
    payload: ActionPayload,
  ) => ActionInputValues | Promise<ActionInputValues>,
  blockOf: (field: string) => string = (field) => field,
): Promise<void> {
  const userId = body.user.id;
  let locale = slack.defaultLocale;
  let workspace: Workspace;
  let metadata: ModalMetadata = {};
  let payload: ActionPayload;
  let input: ActionInputValues;
  try {
    workspace = await slack.workspace(body.team?.id ?? body.user.team_id ?? '');
    locale = workspace.locale;
    metadata = decodeMetadata(view.private_metadata);
    if (!metadata.action) throw new DomainError('InvalidAction');
    payload = metadata.action;
    input = await read(metadata, stateOf(view), payload);
  } catch (error) {
    await ack();
    await slack.tell(metadata.channelId ?? null, userId, await slack.describe(error, locale, null, 'dialog'));
    return;
  }
  const work = slack.app.interactions.handle({
    workspace,
    actor: { userId },
    payload,
    spaceId: spaceOf(metadata.channelId),
    input,
    requestId: `slack:view:${view.id}`,
    privacyConfirmed: slack.privacy.take(view.id),
  });
  const settled = await settleWithin(work, ACK_WINDOW_MS);
  // The pupil-name question is asked once: the same dialog sent again is saved.
  if (settled.done && settled.value.confirmable) slack.privacy.remember(view.id);
  if (settled.done && settled.value.errorCode === 'InvalidInput') {
    const block = errorBlock(view, settled.value.field ? blockOf(settled.value.field) : null);
    if (block) {
      await ack({ response_action: 'errors', errors: { [block]: settled.value.message } });
      return;
    }
  }
  await ack();
  const result: InteractionResult = settled.done ? settled.value : await work;
  await slack.tell(metadata.channelId ?? null, userId, result.message);
  await result.followUp;
}

/** Colleagues picked in a dialog, with the names Slack shows; bots (the app itself) are left out. */
async function withNames(
  slack: SlackContext,
  colleagues: Array<{ userId: string; displayName: string | null }>,
): Promise<Array<{ userId: string; displayName: string | null }>> {
  const people = await slack.directory.lookupAll(
    colleagues.map((colleague) => colleague.userId),
    NAME_LOOKUP_MS,
  );
  return colleagues
    .filter((colleague) => colleague.userId !== slack.botUserId && !people.get(colleague.userId)?.isBot)
    .map((colleague) => ({
      userId: colleague.userId,
      displayName: people.get(colleague.userId)?.name ?? null,
    }));
}

/** A form's answers read by its spec; the spec follows from the step, as the core knows it. */
async function formValues(
  slack: SlackContext,
  payload: ActionPayload,
  values: StateValues,
  metadata: ModalMetadata,
): Promise<Record<string, unknown>> {
  const spec = await slack.app.commands.formSpec(payload.incidentId, payload.stepKey);
  return readForm(spec, values, metadata.rowIds ?? []);
}
