import type { App, ViewSubmitAction } from '@slack/bolt';
import { t } from '../../../core/i18n/catalogue.js';
import type { Incident, Workspace } from '../../../core/incidents/incident.types.js';
import type { OpenResult } from '../../../core/interactions/command.service.js';
import { spaceNameFor } from '../../../core/spaces/space.service.js';
import { decodeMetadata, type ModalMetadata } from '../modals/modal-metadata.codec.js';
import { CALLBACK, errorBlock, stateOf } from '../modals/modal-state.js';
import { readOpenIncident } from '../modals/open-incident.modal.js';
import { type SlackContext, settleWithin, slackProblem } from '../slack.context.js';

/** Slack closes the connection after 3 s; what is not done by then is reported afterwards. */
const ACK_WINDOW_MS = 2500;
const NAME_LOOKUP_MS = 1200;

/**
 * The filled-in `/incident nieuw` modal. Bad input is shown next to its field; a good one is
 * stored before the modal closes, then the channel and cards are made. The view id makes a
 * modal submitted twice open one incident.
 */
export function registerOpenIncident(bolt: App, slack: SlackContext): void {
  bolt.view<ViewSubmitAction>(CALLBACK.open, async ({ ack, body, view }) => {
    const userId = body.user.id;
    let locale = slack.defaultLocale;
    let metadata: ModalMetadata = {};
    const outcome = (async (): Promise<Outcome> => {
      try {
        metadata = decodeMetadata(view.private_metadata);
        const workspace = await slack.workspace(body.team?.id ?? body.user.team_id ?? '');
        locale = workspace.locale;
        return { workspace, result: await startOpening(slack, workspace, userId, view) };
      } catch (error) {
        return { error };
      }
    })();
    const settled = await settleWithin(outcome, ACK_WINDOW_MS);
    if (settled.done && 'error' in settled.value) {
      // Nothing was stored; the modal stays open with the reason, so nothing typed is lost.
      const message = await slack.describe(settled.value.error, locale, null, 'open');
      await ack({ response_action: 'errors', errors: { [errorBlock(view, 'title') ?? 'title']: message } });
      return;
    }
    if (settled.done && !('error' in settled.value) && !settled.value.result.ok) {
      const { field, message } = settled.value.result;
      await ack({ response_action: 'errors', errors: { [errorBlock(view, field) ?? 'title']: message } });
      return;
    }
    await ack();
    const answer = (text: string) => tellOpener(slack, metadata, userId, text);
    if (!settled.done) await answer(t(locale, 'slack.stillBusy'));
    const done = settled.done ? settled.value : await outcome;
    if ('error' in done) {
      await answer(await slack.describe(done.error, locale, null, 'open'));
      return;
    }
    const { workspace, result } = done;
    if (!result.ok) {
      await answer(result.message);
      return;
    }
    if (!result.changed) return;
    const { incident } = result;
    const noticed = await sendNotice(slack, workspace, incident, userId);
    if (!noticed) {
      await answer(
        t(workspace.locale, 'command.opening', {
          number: incident.number,
          space: `#${spaceNameFor(incident)}`,
        }),
      );
    }
    if (await result.followUp) return;
    // The confirmation already says what went wrong, with a button to try again.
    if (noticed) slack.scheduleOpeningRetry(incident.id);
    else await retryOpening(slack, workspace, incident, answer);
  });
}

type Outcome = { workspace: Workspace; result: OpenResult } | { error: unknown };

/** Reads the modal, looks up names (briefly) and starts storing the incident. */
async function startOpening(
  slack: SlackContext,
  workspace: Workspace,
  userId: string,
  view: ViewSubmitAction['view'],
): Promise<OpenResult> {
  const form = readOpenIncident(stateOf(view));
  const people = await slack.directory.lookupAll(
    [userId, ...form.invited, ...(form.leadId ? [form.leadId] : [])],
    NAME_LOOKUP_MS,
  );
  const invited = form.invited
    .filter((id) => id !== slack.botUserId && !people.get(id)?.isBot)
    .map((id) => ({ userId: id, displayName: people.get(id)?.name ?? null }));
  const result = await slack.app.commands.open(
    workspace,
    { userId, displayName: people.get(userId)?.name ?? null },
    {
      title: form.title,
      kind: form.kind,
      facts: form.facts,
      leadId: form.leadId,
      invited,
      privacyConfirmed: slack.privacy.take(view.id),
    },
    `slack:view:${view.id}`,
  );
  // The pupil-name question is asked once: the same modal sent again opens the incident.
  if (!result.ok && result.confirmable) slack.privacy.remember(view.id);
  return result;
}

/**
 * The first attempt failed (its error is logged). One more try tells the opener what is wrong;
 * the start-up resume and a few later tries finish the job without anyone having to act.
 */
async function retryOpening(
  slack: SlackContext,
  workspace: Workspace,
  incident: Incident,
  answer: (text: string) => Promise<void>,
): Promise<void> {
  try {
    await slack.app.spaces.finishOpening(incident.id);
  } catch (error) {
    const problem = slackProblem(error, workspace.locale) ?? '';
    await answer(
      t(workspace.locale, 'slack.openFailed', { number: incident.number, problem }).replace(/\s+/g, ' '),
    );
    slack.scheduleOpeningRetry(incident.id);
  }
}

/**
 * "Incident … wordt geopend…" as a direct message from the bot, which is updated to a link into
 * the channel once it exists, or to the problem with a retry button. False when it could not be
 * sent (the plain answer is used instead).
 */
async function sendNotice(
  slack: SlackContext,
  workspace: Workspace,
  incident: Incident,
  userId: string,
): Promise<boolean> {
  try {
    const gateway = slack.gateway(workspace);
    const card = await slack.app.commands.openingNotice(incident.id, { userId }, workspace.locale);
    await slack.app.commands.attachNotice(incident, await gateway.postNotice(userId, card));
    return true;
  } catch (error) {
    slack.logger.warn({ err: error, incident: incident.id }, 'could not send the opening confirmation');
    return false;
  }
}

/** Answers in the channel the command was typed in (response_url), else in a direct message. */
function tellOpener(
  slack: SlackContext,
  metadata: Pick<ModalMetadata, 'responseUrl' | 'channelId'>,
  userId: string,
  text: string,
): Promise<void> {
  return slack.tell(null, userId, text, metadata.responseUrl);
}
