import { shorten } from '../../../core/text/format.js';

/** Control characters other than tab and newline; they have no place on a card. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/**
 * Text for a TextRun. TextRuns show no markdown and no mentions, but hosts still expand
 * `{{DATE(…)}}` and `{{TIME(…)}}`: a zero-width space between the braces keeps user text literal.
 */
export function inert(text: string, max = 2000): string {
  return shorten(text.replace(CONTROL, '').replace(/\{\{/g, '{\u200B{').replace(/\}\}/g, '}\u200B}'), max);
}

const MARKDOWN = /[\\`*_{}[\]()#+\-.!|~]/g;

/**
 * Text for a message activity or a TextBlock, where Teams reads markdown and HTML: every markdown
 * character gets a backslash and `<`, `>` and `&` become entities, so `<at>…</at>`, links and
 * emphasis from user text stay literal characters.
 */
export function escapeMarkdown(text: string, max = 4000): string {
  return shorten(text.replace(CONTROL, ''), max)
    .replace(MARKDOWN, (char) => `\\${char}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}
