import { beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../../src/core/i18n/catalogue.js';
import type { Locale } from '../../../src/core/playbook/playbook.types.js';
import { renderDossierPdf } from '../../../src/features/dossier/dossier.pdf.js';
import { buildDossier } from '../../../src/features/dossier/dossier.rules.js';
import type { DossierDocument } from '../../../src/features/dossier/dossier.types.js';
import { expectedContent } from './expected-content.js';
import { missingInOrder, type ReadPdf, readPdf, squash } from './pdf-reader.js';
import { workedIncident } from './worked-incident.fixture.js';

const GENERATED: Record<Locale, string> = { nl: 'wo 20 jan 2027 16:45', en: 'Wed 20 Jan 2027 16:45' };

describe.each(['nl', 'en'] as const)('the dossier PDF in %s', (locale) => {
  const input = workedIncident({ locale });
  const expected = expectedContent(input);
  let document: DossierDocument;
  let bytes: Buffer;
  let pdf: ReadPdf;
  let text: string;

  beforeAll(async () => {
    document = buildDossier(input);
    bytes = await renderDossierPdf(document);
    pdf = await readPdf(bytes);
    text = pdf.pages.map((page) => page.body).join('\n');
  });

  it('is a PDF whose text a parser can read, several A4 pages long', () => {
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.pages.length).toBeGreaterThan(3);
    expect(text).toContain(document.title);
  });

  it('has every step, form answer, note and timeline line, in order', () => {
    expect(expected.stepTitles).toHaveLength(31);
    expect(expected.answers.length).toBeGreaterThan(40);
    expect(expected.timeline).toHaveLength(input.audit.length);
    expect(missingInOrder(text, expected.ordered)).toEqual([]);
    for (const needle of [
      ...expected.stepTitles,
      ...expected.answers,
      ...expected.notes,
      ...expected.timeline,
    ]) {
      expect(squash(text)).toContain(squash(needle));
    }
  });

  it('would notice a line that is missing or out of order', () => {
    const [first, second] = expected.timeline;
    expect(missingInOrder(text, [second!, first!])).toEqual([first]);
    expect(missingInOrder(text, ['Dit staat er niet in'])).toEqual(['Dit staat er niet in']);
  });

  it('keeps Dutch diacritics and typographic punctuation as text', () => {
    for (const word of [
      'Zoë de Vries',
      'Jan Öztürk',
      'François Müller',
      'zorgcoördinator',
      '‘',
      '’',
      '“',
      '”',
      '–',
      '—',
      '…',
    ]) {
      expect(text).toContain(word);
    }
  });

  it('has a footer with the incident number, page x of y and the generation time on every page', () => {
    const pages = pdf.pages.length;
    pdf.pages.forEach((page, index) => {
      const footer = t(locale, 'dossier.footer', {
        number: '2026-0042',
        page: index + 1,
        pages,
        generated: GENERATED[locale],
      });
      expect(squash(page.footer)).toBe(squash(footer));
    });
    expect(pdf.pages[0]!.footer).toContain(locale === 'nl' ? `pagina 1 van ${pages}` : `page 1 of ${pages}`);
  });

  it('sets the document title and language, and shows the title', () => {
    expect(pdf.info.Title).toBe(locale === 'nl' ? 'Dossier incident 2026-0042' : 'Incident file 2026-0042');
    expect(pdf.info.Language).toBe(locale === 'nl' ? 'nl-NL' : 'en-GB');
    expect(pdf.viewerPreferences?.DisplayDocTitle).toBe(true);
  });

  it('has a bookmark per main section and per phase', () => {
    expect(pdf.outline.map((item) => item.title)).toEqual(document.sections.map((part) => part.title));
    const steps = pdf.outline.find((item) => item.title === t(locale, 'dossier.section.steps'));
    expect(steps?.items.map((item) => item.title)).toEqual(
      input.playbook.phases.map((phase, index) =>
        t(locale, 'phase.title', {
          index: index + 1,
          count: 7,
          phase: phase.title[locale] ?? phase.title.nl,
        }),
      ),
    );
  });

  it('holds no images, only the embedded font', () => {
    expect(pdf.imageOperators).toBe(0);
    const raw = bytes.toString('latin1');
    expect(raw).not.toMatch(/\/Subtype\s*\/Image/);
    expect(raw).toMatch(/\/FontFile2/);
    expect(raw).not.toMatch(/\/BaseFont\s*\/(Helvetica|Times|Courier)/);
    expect(raw.match(/\/BaseFont\s*\/\w+\+(DejaVuSans[\w-]*)/g)?.length).toBeGreaterThanOrEqual(2);
  });
});
