import PDFDocument from 'pdfkit';
import { dossierFooter } from './dossier.rules.js';
import type { DossierDocument } from './dossier.types.js';
import { COLOR, Layout, MARGIN, PAGE, REGULAR, SIZE } from './dossier-pdf.layout.js';

type Pdf = PDFKit.PDFDocument;

/**
 * The dossier as an A4 PDF, made in memory: an embedded font, title and language in the
 * document, a bookmark per main section and per phase, text only (no images), and a footer with
 * the incident number, "pagina x van y" and the generation time on every page. Footers are
 * written after the layout, when the page count is known (pdfkit's `bufferPages`).
 */
export function renderDossierPdf(document: DossierDocument): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    // Pages are added with PAGE only: a page made with the document's options would reset the font.
    autoFirstPage: false,
    pdfVersion: '1.7',
    lang: document.lang,
    displayTitle: true,
    // Instead of pdfkit's default Helvetica, which is not embedded and lacks some characters.
    font: REGULAR,
    info: {
      Title: document.title,
      Subject: document.confidentiality,
      Creator: 'Stappenplan',
      Producer: 'Stappenplan',
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  pdf.addPage(PAGE);
  const layout = new Layout(pdf);
  layout.cover(document);
  for (const section of document.sections) layout.section(section, 1, null);
  writeFooters(pdf, document);
  pdf.end();
  return done;
}

function writeFooters(pdf: Pdf, document: DossierDocument): void {
  const range = pdf.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index += 1) {
    pdf.switchToPage(index);
    const { page } = pdf;
    // Below the bottom margin: lift the margin while writing, or pdfkit starts a new page.
    const bottom = page.margins.bottom;
    page.margins.bottom = 0;
    const y = page.height - MARGIN.bottom + 24;
    pdf
      .moveTo(MARGIN.left, y - 6)
      .lineTo(page.width - MARGIN.right, y - 6)
      .lineWidth(0.5)
      .strokeColor(COLOR.rule)
      .stroke();
    pdf
      .font(REGULAR)
      .fontSize(SIZE.small)
      .fillColor(COLOR.muted)
      .text(dossierFooter(document, index - range.start + 1, range.count), MARGIN.left, y, {
        width: page.width - MARGIN.left - MARGIN.right,
        align: 'center',
        lineBreak: false,
      });
    page.margins.bottom = bottom;
  }
}
