import { ActivityTypes, type TurnContext } from 'botbuilder';
import { t } from '../../../core/i18n/catalogue.js';
import type { FileOffer } from '../files/file-offers.js';
import { fileInfoAttachment, putFile, uploadInfoOf } from '../files/file-upload.js';
import type { TeamsDeps } from '../teams.context.js';
import { actorOf, localeOf } from '../teams.turn.js';
import { replyText } from './replies.js';

interface ConsentValue {
  type?: string;
  action?: string;
  context?: { offer?: unknown };
  uploadInfo?: unknown;
}

/**
 * The answer to a file consent card ("Send and receive files using bots"): on accept the file
 * goes to the upload URL Teams gives and a file info card follows; on decline nothing is kept.
 * Either way the offer is forgotten. The invoke is answered with 200.
 */
export async function onFileConsent(deps: TeamsDeps, context: TurnContext): Promise<void> {
  const activity = context.activity;
  const value = (activity.value ?? {}) as ConsentValue;
  const locale = localeOf(activity);
  const offer = deps.offers.take(String(value.context?.offer ?? ''), actorOf(activity).userId);
  if (!offer) await replyText(context, t(locale, 'dossier.expired'));
  else if (value.action === 'accept') await accept(deps, context, offer, value);
  else await replyText(context, t(locale, 'dossier.declined'));
  await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200 } });
}

async function accept(deps: TeamsDeps, context: TurnContext, offer: FileOffer, value: ConsentValue) {
  const locale = localeOf(context.activity);
  const info = uploadInfoOf(value.uploadInfo);
  try {
    if (!info) throw new Error('The consent came without a usable upload URL');
    await putFile(info.uploadUrl, offer.file);
  } catch (error) {
    deps.app.logger.warn({ err: error, incidentId: offer.incidentId }, 'dossier upload to OneDrive failed');
    await replyText(context, t(locale, 'dossier.uploadFailed'));
    return;
  }
  await context.sendActivity({ type: 'message', attachments: [fileInfoAttachment(info)] });
  await replyText(context, t(locale, 'dossier.uploaded', { file: info.name }));
  // The incident space hears who received it; a failure there does not undo the delivery.
  const workspace = await deps.app.store.workspaces.get(offer.workspaceId);
  if (!workspace) return;
  await deps.app.spaces
    .gatewayOf(workspace)
    .postText(
      offer.spaceId,
      t(offer.locale, 'dossier.received', {
        name: offer.requesterName,
        number: offer.incidentNumber,
        file: info.name,
      }),
    )
    .catch((error: unknown) =>
      deps.app.logger.warn({ err: error, incidentId: offer.incidentId }, 'could not tell the space'),
    );
}
