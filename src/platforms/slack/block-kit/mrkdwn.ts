import type { types } from '@slack/bolt';

/**
 * Slack reads `&`, `<` and `>` as control characters in message text: `<!channel>` notifies a
 * whole channel and `<https://…|x>` is a link. User text is escaped so it always shows literally.
 */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const ELLIPSIS = '…';

/**
 * Shortens already-escaped text to at most `max` UTF-16 units (Slack counts those), ending in an
 * ellipsis. Never cuts an entity such as `&amp;` or a surrogate pair in half.
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - ELLIPSIS.length));
  const amp = cut.lastIndexOf('&');
  if (amp !== -1 && !cut.slice(amp).includes(';')) cut = cut.slice(0, amp);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}${ELLIPSIS}`;
}

/** Escapes user or catalogue text and shortens it to `max`. */
export function clipText(text: string, max: number): string {
  return clip(escapeText(text), max);
}

/** A plain_text object: escaped like everything else, shortened to `max`, never empty. */
export function plain(text: string, max: number): types.PlainTextElement {
  return { type: 'plain_text', text: clipText(text.trim() === '' ? '-' : text, max), emoji: true };
}

/**
 * A mrkdwn object from text that is already escaped and formatted. `verbatim` keeps Slack from
 * turning bare URLs, `#channel` names and `@name`s in a note into links or mentions; the links the
 * bot makes itself (`<url|text>`) still work.
 * https://api.slack.com/reference/block-kit/composition-objects#text
 */
export function mrkdwn(formatted: string, max: number): types.MrkdwnElement {
  return { type: 'mrkdwn', text: clip(formatted.trim() === '' ? '-' : formatted, max), verbatim: true };
}

/** Bold per line: Slack's `*…*` does not span line breaks. Input must already be escaped. */
export function bold(escaped: string): string {
  return escaped
    .split('\n')
    .map((line) => (line.trim() === '' ? line : `*${line.trim()}*`))
    .join('\n');
}

/** Joins pieces with line breaks, dropping pieces once `max` would be passed. */
export function joinWithin(pieces: string[], max: number): string {
  const kept: string[] = [];
  let length = 0;
  for (const piece of pieces) {
    const extra = piece.length + (kept.length > 0 ? 1 : 0);
    if (length + extra > max) {
      const room = max - length - (kept.length > 0 ? 1 : 0);
      if (room > 20) kept.push(clip(piece, room));
      break;
    }
    kept.push(piece);
    length += extra;
  }
  return kept.join('\n');
}

/** A link `<url|label>` when the URL is safe to show, else just the label. Label is plain text. */
export function link(url: string, label: string, maxLabel = 200): string {
  const shownLabel = clipText(label, maxLabel);
  const trimmed = url.trim();
  if (!/^(https?:\/\/|mailto:|tel:)/i.test(trimmed) || trimmed.length > 1000) return shownLabel;
  // `|` and `>` end the URL part of Slack's link syntax; `<` and spaces do not belong in a URL.
  const safeUrl = trimmed
    .replace(/[|<> ]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/&/g, '&amp;');
  return `<${safeUrl}|${shownLabel}>`;
}
