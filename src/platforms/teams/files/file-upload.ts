import type { OutgoingFile } from '../../../core/ports/chat-gateway.js';

/** What Teams puts in a `fileConsent/invoke` on "Allow": where to upload, and how the file is known then. */
export interface UploadInfo {
  name: string;
  uploadUrl: string;
  contentUrl: string;
  uniqueId: string;
  fileType: string;
}

export const FILE_INFO = 'application/vnd.microsoft.teams.card.file.info';

/** The upload info of an invoke, or null when a field is missing. */
export function uploadInfoOf(value: unknown): UploadInfo | null {
  const info = (value ?? {}) as Record<string, unknown>;
  const fields = ['name', 'uploadUrl', 'contentUrl', 'uniqueId', 'fileType'] as const;
  if (!fields.every((field) => typeof info[field] === 'string')) return null;
  const url = safeUrl(String(info.uploadUrl));
  return url ? ({ ...(info as unknown as UploadInfo), uploadUrl: url } satisfies UploadInfo) : null;
}

/**
 * Sends the whole file in one PUT to the upload session Teams opened in the user's OneDrive, with
 * Content-Range as the docs ask ("Send and receive files using bots"; OneDrive "Upload large
 * files with an upload session"): `bytes 0-{n-1}/{n}`. No sign-in: the URL itself grants it.
 */
export async function putFile(uploadUrl: string, file: OutgoingFile): Promise<void> {
  const size = file.bytes.length;
  const response = await fetch(uploadUrl, {
    method: 'PUT',
    headers: {
      'content-type': 'application/octet-stream',
      'content-length': String(size),
      'content-range': `bytes 0-${size - 1}/${size}`,
    },
    body: file.bytes,
    redirect: 'error',
    signal: AbortSignal.timeout(30_000),
  });
  await response.arrayBuffer().catch(() => undefined);
  if (response.status !== 200 && response.status !== 201) {
    throw new Error(`The file upload was refused with HTTP ${response.status}`);
  }
}

/** The file info card Teams shows for an uploaded file, after the upload. */
export function fileInfoAttachment(info: UploadInfo) {
  return {
    contentType: FILE_INFO,
    contentUrl: info.contentUrl,
    name: info.name,
    content: { uniqueId: info.uniqueId, fileType: info.fileType },
  };
}

/** OneDrive upload URLs are https; plain http only on this machine (the fake Microsoft in tests). */
function safeUrl(raw: string): string | null {
  try {
    const url = new URL(raw);
    if (url.username || url.password) return null;
    if (url.protocol === 'https:') return url.toString();
    return url.protocol === 'http:' && ['127.0.0.1', '[::1]', 'localhost'].includes(url.hostname)
      ? url.toString()
      : null;
  } catch {
    return null;
  }
}
