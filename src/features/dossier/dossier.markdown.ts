import type { DossierBlock, DossierDocument, DossierRow, DossierSection } from './dossier.types.js';

/**
 * The dossier as Markdown (CommonMark with GFM tables), for schools that paste it into their
 * pupil administration. Every string from the document is made inert first (see `inert`), so a
 * title or note can never become a heading, link, table cell break, HTML or a mention.
 */
export function renderDossierMarkdown(document: DossierDocument): string {
  const out: string[] = [`# ${inlineInert(document.title)}`, inert(document.generatedLine)];
  for (const section of document.sections) writeSection(out, section, 2);
  out.push('---', `**${inlineInert(document.confidentiality)}**`);
  return `${out.join('\n\n')}\n`;
}

function writeSection(out: string[], section: DossierSection, level: number): void {
  out.push(`${'#'.repeat(level)} ${inlineInert(section.title)}`);
  for (const block of section.blocks) out.push(blockMarkdown(block, level));
  for (const child of section.children) writeSection(out, child, level + 1);
}

function blockMarkdown(block: DossierBlock, sectionLevel: number): string {
  switch (block.kind) {
    case 'heading':
      // A step (3) sits one level below its phase, its form and notes (4) one below that.
      return `${'#'.repeat(Math.min(6, sectionLevel + block.level - 2))} ${inlineInert(block.text)}`;
    case 'paragraph':
      return block.tone === 'warning' ? `**${inert(block.text)}**` : inert(block.text);
    case 'keyValue':
      return block.rows.map(row).join('\n');
    case 'table':
      return table(block.columns, block.rows);
    case 'list':
      return block.items.map((item) => `- ${indentContinuation(inert(item), '  ')}`).join('\n');
    case 'note':
      return `**${inlineInert(block.meta)}**\\\n${inert(block.text)}`;
  }
}

function row({ label, value }: DossierRow): string {
  return `- **${inlineInert(label)}:** ${indentContinuation(inert(value), '  ')}`;
}

function table(columns: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map(inlineInert).join(' | ')} |`;
  return [line(columns), `|${columns.map(() => ' --- ').join('|')}|`, ...rows.map(line)].join('\n');
}

/** Continuation lines of a list item are indented so they stay inside the item. */
function indentContinuation(text: string, indent: string): string {
  return text.replace(/\n/g, `\n${indent}`);
}

/**
 * Plain text that Markdown, HTML, Slack and Teams all show as written:
 * - `&`, `<` and `>` become entities, the escaping Slack asks for
 *   (https://api.slack.com/reference/surfaces/formatting#escaping) and that CommonMark shows as
 *   the character (https://spec.commonmark.org/0.31.2/#entity-and-numeric-character-references):
 *   `<!channel>`, `<at>…</at>`, HTML tags and autolinks stay text;
 * - Markdown's inline punctuation gets a backslash
 *   (https://spec.commonmark.org/0.31.2/#backslash-escapes): emphasis, code, links, images,
 *   strikethrough and table pipes stay text;
 * - at the start of a line, list markers, ordered-list numbers and setext underlines are
 *   escaped and leading spaces dropped (four would start a code block).
 * Line breaks are kept as hard breaks; an empty line stays a paragraph break.
 */
export function inert(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n').map(inertLine);
  return lines
    .map((line, index) => {
      const next = lines[index + 1];
      const hardBreak = next !== undefined && line !== '' && next !== '';
      return hardBreak ? `${line}\\` : line;
    })
    .join('\n');
}

/** For headings and table cells, which are one line: line breaks become spaces. */
export function inlineInert(text: string): string {
  return inertLine(text.replace(/\s+/g, ' '));
}

function inertLine(raw: string): string {
  const escaped = raw
    .trim()
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]#|~]/g, '\\$&');
  // Block syntax only counts at the start of a line.
  return escaped.replace(/^([-+=])/, '\\$1').replace(/^(\d{1,9})([.)])/, '$1\\$2');
}
