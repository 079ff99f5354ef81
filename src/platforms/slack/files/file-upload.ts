import type { webApi } from '@slack/bolt';
import type { FileHandover, HandoverResult } from '../../../core/ports/chat-gateway.js';
import { callSlack } from '../api/slack-api.js';
import { messageText } from '../block-kit/block-kit.renderer.js';
import { slackProblem } from '../slack.context.js';

type WebClient = webApi.WebClient;

/**
 * Puts files made in memory into the incident's private channel with one message, through the
 * Web API client's `files.uploadV2`: it asks `files.getUploadURLExternal` for an upload URL per
 * file, sends the bytes there, and shares them with `files.completeUploadExternal` (channel_id,
 * initial_comment). Needs the `files:write` scope; the bot must be in the channel.
 * https://api.slack.com/messaging/files#uploading_files
 * https://api.slack.com/methods/files.getUploadURLExternal
 * https://api.slack.com/methods/files.completeUploadExternal
 * The bytes exist only for this call; the file then lives in Slack, under the school's rules.
 */
export async function uploadToChannel(client: WebClient, handover: FileHandover): Promise<HandoverResult> {
  try {
    await callSlack(client, 'files.uploadV2', {
      channel_id: handover.spaceId,
      initial_comment: messageText(handover.title),
      file_uploads: handover.files.map((file) => ({
        file: Buffer.from(file.bytes),
        filename: file.name,
        title: file.name,
      })),
    });
  } catch (error) {
    // An app installed before the dossier existed lacks files:write until it is reinstalled.
    const problem = slackProblem(error, handover.locale);
    if (problem) return { kind: 'refused', text: problem };
    throw error;
  }
  return { kind: 'posted' };
}
