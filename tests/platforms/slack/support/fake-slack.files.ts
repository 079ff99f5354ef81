import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiRefusal, type FakeSlackState, type Json } from './fake-slack.state.js';

/** Slack's limit for one file: 1 GB. https://api.slack.com/methods/files.getUploadURLExternal */
const MAX_LENGTH = 1024 * 1024 * 1024;

/**
 * The external upload as Slack runs it (https://api.slack.com/messaging/files#uploading_files):
 * `files.getUploadURLExternal` (filename and length required) hands out an upload URL and a file
 * id; the bytes are POSTed there; `files.completeUploadExternal` shares the uploaded files in a
 * channel the bot can post in. Scopes are checked by the caller (slack-scopes.ts: files:write).
 */
export const FILE_METHODS: Record<string, (state: FakeSlackState, args: Json) => Json> = {
  'files.getUploadURLExternal': (state, args) => {
    if (!args.filename) throw new ApiRefusal('invalid_arguments', { missing: 'filename' });
    const length = Number(args.length);
    if (!Number.isInteger(length) || length < 1)
      throw new ApiRefusal('invalid_arguments', { missing: 'length' });
    if (length > MAX_LENGTH) throw new ApiRefusal('file_too_large');
    const id = state.next('F');
    state.files.set(id, { id, filename: String(args.filename), length, bytes: null });
    return { upload_url: `${state.uploadBase}/upload/v1/${id}`, file_id: id };
  },

  'files.completeUploadExternal': (state, args) => {
    if (!args.files) throw new ApiRefusal('invalid_arguments', { missing: 'files' });
    const listed = (typeof args.files === 'string' ? JSON.parse(args.files) : args.files) as Array<{
      id?: string;
      title?: string;
    }>;
    const channel = args.channel_id === undefined ? undefined : state.botChannel(args.channel_id);
    if (channel?.isArchived) throw new ApiRefusal('is_archived');
    const files = listed.map((entry) => {
      const file = state.files.get(String(entry.id));
      // A file whose bytes never arrived cannot be completed.
      if (!file?.bytes) throw new ApiRefusal('file_not_found');
      return { file, title: entry.title };
    });
    for (const { file, title } of files) {
      file.title = title ?? file.filename;
      if (channel) file.channel = channel.id;
      if (typeof args.initial_comment === 'string') file.initialComment = args.initial_comment;
    }
    return { files: files.map(({ file }) => ({ id: file.id, title: file.title, name: file.filename })) };
  },
};

/** POST to an upload URL: raw bytes or a multipart form with one file part; the length must match. */
export function receiveUpload(state: FakeSlackState, req: IncomingMessage, raw: Buffer, res: ServerResponse) {
  const id = (req.url ?? '').split('/').pop() ?? '';
  const file = state.files.get(id);
  if (req.method !== 'POST' || !file || file.bytes) return void res.writeHead(404).end();
  const bytes = fileBytes(raw, String(req.headers['content-type'] ?? ''));
  if (bytes.length !== file.length) return void res.writeHead(400).end('length mismatch');
  file.bytes = bytes;
  res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${bytes.length}`);
}

function fileBytes(raw: Buffer, contentType: string): Buffer {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  if (!contentType.startsWith('multipart/form-data') || !boundary) return raw;
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const start = raw.indexOf(delimiter);
  const headersEnd = raw.indexOf('\r\n\r\n', start);
  const end = raw.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headersEnd);
  return raw.subarray(headersEnd + 4, end);
}
