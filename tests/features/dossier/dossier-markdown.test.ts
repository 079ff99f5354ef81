import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { inert, renderDossierMarkdown } from '../../../src/features/dossier/dossier.markdown.js';
import { buildDossier } from '../../../src/features/dossier/dossier.rules.js';
import type { DossierDocument } from '../../../src/features/dossier/dossier.types.js';
import { expectedContent } from './expected-content.js';
import { missingInOrder, squash } from './pdf-reader.js';
import { HOSTILE_NOTES, HOSTILE_TITLE, workedIncident } from './worked-incident.fixture.js';

/** The Markdown as a reader sees it: rendered by a CommonMark/GFM parser, tags dropped. */
function rendered(markdown: string): { html: string; text: string } {
  const html = marked.parse(markdown, { async: false, gfm: true });
  const text = html
    .replace(/<br>/g, '\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
  return { html, text };
}

function count(html: string, pattern: RegExp): number {
  return html.match(pattern)?.length ?? 0;
}

describe.each(['nl', 'en'] as const)('the dossier Markdown in %s', (locale) => {
  const input = workedIncident({ locale });
  const document = buildDossier(input);
  const markdown = renderDossierMarkdown(document);
  const { html, text } = rendered(markdown);

  it('has the same content as the PDF: every step, answer, note and timeline line, in order', () => {
    const expected = expectedContent(input);
    expect(missingInOrder(text, expected.ordered)).toEqual([]);
    expect(missingInOrder(text, [document.generatedLine, document.confidentiality])).toEqual([]);
  });

  it('has one heading per section, phase, step, form and notes list', () => {
    const headings = (sections: DossierDocument['sections']): number =>
      sections.reduce(
        (sum, part) =>
          sum + 1 + part.blocks.filter((block) => block.kind === 'heading').length + headings(part.children),
        0,
      );
    expect(count(html, /<h1>/g)).toBe(1);
    expect(count(html, /<h[2-6]>/g)).toBe(headings(document.sections));
    expect(count(html, /<h2>/g)).toBe(document.sections.length);
  });

  it('draws the form lists as tables with their columns', () => {
    // The action list, the contact log with parents, the aftercare moments and the follow-ups.
    expect(count(html, /<table>/g)).toBe(4);
    expect(html).toContain(locale === 'nl' ? '<th>Wie</th>' : '<th>Who</th>');
    expect(html).toContain(locale === 'nl' ? '<th>Met wie</th>' : '<th>With whom</th>');
  });
});

describe('user text in the Markdown', () => {
  const input = workedIncident({ hostile: true });
  const markdown = renderDossierMarkdown(buildDossier(input));
  const { html, text } = rendered(markdown);

  it('keeps mentions and HTML out of the raw text', () => {
    expect(markdown).not.toContain('<!channel>');
    expect(markdown).not.toContain('<at>');
    expect(markdown).not.toMatch(/<\/?(b|script|at)\b/);
    expect(markdown).toContain('&lt;!channel&gt;');
  });

  it('shows titles and notes exactly as they were written', () => {
    for (const literal of [HOSTILE_TITLE, ...HOSTILE_NOTES]) expect(squash(text)).toContain(squash(literal));
  });

  it('lets no user text turn into markup', () => {
    expect(html).not.toMatch(/<(script|at|b|em|del|img|code|pre|blockquote|ol)\b/);
    // Our own markup is bold labels and note headers, and one rule before the closing line.
    expect(count(html, /<hr>/g)).toBe(1);
    expect(count(html, /<h1>/g)).toBe(1);
    // Bare addresses may become links, but only ones that show their own address.
    for (const [, href, label] of html.matchAll(/<a href="([^"]*)">([^<]*)<\/a>/g)) expect(label).toBe(href);
  });

  it('keeps table cells apart when an answer holds a pipe or a line break', () => {
    const document: DossierDocument = {
      ...buildDossier(input),
      sections: [
        {
          key: 'x',
          title: 'X',
          children: [],
          blocks: [{ kind: 'table', columns: ['A', 'B'], rows: [['een | twee', 'drie\nvier']] }],
        },
      ],
    };
    const table = rendered(renderDossierMarkdown(document)).html;
    expect(count(table, /<td>/g)).toBe(2);
    expect(table).toContain('<td>een | twee</td>');
    expect(table).toContain('<td>drie vier</td>');
  });
});

describe('inert', () => {
  it.each([
    ['# kop', '\\# kop'],
    ['- lijst', '\\- lijst'],
    ['+ lijst', '\\+ lijst'],
    ['12. genummerd', '12\\. genummerd'],
    ['3) genummerd', '3\\) genummerd'],
    ['=====', '\\====='],
    ['> citaat', '&gt; citaat'],
    ['    code', 'code'],
    ['a *b* _c_ `d` [e](f) ~g~ | h \\ i', 'a \\*b\\* \\_c\\_ \\`d\\` \\[e\\](f) \\~g\\~ \\| h \\\\ i'],
    ['<!channel> & <at>Jan</at>', '&lt;!channel&gt; &amp; &lt;at&gt;Jan&lt;/at&gt;'],
    ['regel 1\nregel 2\n\nalinea', 'regel 1\\\nregel 2\n\nalinea'],
  ])('%j → %j', (input, output) => {
    expect(inert(input)).toBe(output);
  });
});
