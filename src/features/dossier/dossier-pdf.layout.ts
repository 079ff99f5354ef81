import { createRequire } from 'node:module';
import type {
  DossierBlock,
  DossierDocument,
  DossierRow,
  DossierSection,
  DossierTone,
} from './dossier.types.js';

/**
 * DejaVu Sans (Bitstream Vera licence, DejaVu changes public domain: free to embed and
 * redistribute) covers Dutch diacritics and typographic quotes and dashes, and the Latin, Greek
 * and Cyrillic letters that colleagues' names may hold. pdfkit embeds only the glyphs used.
 */
const require = createRequire(import.meta.url);
/** Paths, not loaded fonts: pdfkit keeps one font object per path, so the default font is reused. */
export const REGULAR = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
export const BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

export const MARGIN = { top: 56, bottom: 64, left: 56, right: 56 };
export const COLOR: Record<DossierTone | 'text' | 'rule' | 'header', string> = {
  text: '#1a1a1a',
  normal: '#1a1a1a',
  muted: '#5a5a5a',
  warning: '#8a1c1c',
  rule: '#b8b8b8',
  header: '#ececec',
};
export const PAGE = { size: 'A4', margins: MARGIN };
export const SIZE = { body: 9.5, small: 8, h1: 16, h2: 13, h3: 11, h4: 9.5 };
const LABEL_WIDTH = 150;
const GAP = 10;

type Pdf = PDFKit.PDFDocument;

/** Draws the document's blocks top to bottom, starting a page where the next one does not fit. */
export class Layout {
  constructor(private readonly pdf: Pdf) {}

  private get width(): number {
    return this.pdf.page.width - MARGIN.left - MARGIN.right;
  }

  private get bottom(): number {
    return this.pdf.page.height - MARGIN.bottom;
  }

  cover(document: DossierDocument): void {
    const { pdf } = this;
    pdf
      .font(BOLD)
      .fontSize(SIZE.h1 + 4)
      .fillColor(COLOR.text)
      .text(document.title, MARGIN.left, MARGIN.top, {
        width: this.width,
      });
    pdf.moveDown(0.3);
    pdf
      .font(REGULAR)
      .fontSize(SIZE.body)
      .fillColor(COLOR.muted)
      .text(document.generatedLine, { width: this.width });
    pdf.moveDown(1);
  }

  section(section: DossierSection, level: 1 | 2, parent: PDFKit.PDFOutline | null): void {
    const size = level === 1 ? SIZE.h1 : SIZE.h2;
    this.heading(section.title, size, true);
    const bookmark = (parent ?? this.pdf.outline).addItem(section.title, { expanded: level === 1 });
    for (const block of section.blocks) this.block(block);
    for (const child of section.children) this.section(child, 2, bookmark);
  }

  private block(block: DossierBlock): void {
    switch (block.kind) {
      case 'heading':
        this.heading(block.text, block.level === 3 ? SIZE.h3 : SIZE.h4, false);
        break;
      case 'paragraph':
        this.paragraph(block.text, block.tone ?? 'normal');
        break;
      case 'keyValue':
        this.keyValue(block.rows);
        break;
      case 'table':
        this.table(block.columns, block.rows);
        break;
      case 'list':
        this.list(block.items);
        break;
      case 'note':
        this.note(block.meta, block.text);
        break;
    }
  }

  /** Starts a new page when less than `needed` points are left. */
  private room(needed: number): void {
    if (this.pdf.y + needed > this.bottom) this.pdf.addPage(PAGE);
  }

  private heading(text: string, size: number, rule: boolean): void {
    const { pdf } = this;
    pdf.font(BOLD).fontSize(size);
    // Keep a heading with at least three lines of what follows it.
    this.room(pdf.heightOfString(text, { width: this.width }) + 48);
    if (pdf.y > MARGIN.top) pdf.moveDown(size >= SIZE.h2 ? 0.6 : 0.4);
    pdf.fillColor(COLOR.text).text(text, MARGIN.left, pdf.y, { width: this.width });
    if (rule) {
      const y = pdf.y + 2;
      pdf
        .moveTo(MARGIN.left, y)
        .lineTo(MARGIN.left + this.width, y)
        .lineWidth(0.5)
        .strokeColor(COLOR.rule)
        .stroke();
      pdf.y = y + 4;
    }
    pdf.moveDown(0.2);
  }

  private paragraph(text: string, tone: DossierTone): void {
    const { pdf } = this;
    pdf
      .font(tone === 'warning' ? BOLD : REGULAR)
      .fontSize(SIZE.body)
      .fillColor(COLOR[tone]);
    pdf.text(text, MARGIN.left, pdf.y, { width: this.width });
    pdf.moveDown(0.5);
  }

  /** Label and value side by side; a value too long for one page flows below its label. */
  private keyValue(rows: DossierRow[]): void {
    const { pdf } = this;
    const valueX = MARGIN.left + LABEL_WIDTH + GAP;
    const valueWidth = this.width - LABEL_WIDTH - GAP;
    for (const row of rows) {
      pdf.font(BOLD).fontSize(SIZE.body);
      const labelHeight = pdf.heightOfString(row.label, { width: LABEL_WIDTH });
      pdf.font(REGULAR);
      const height = Math.max(labelHeight, pdf.heightOfString(row.value, { width: valueWidth }));
      if (height > this.bottom - MARGIN.top) {
        this.room(labelHeight + 24);
        pdf.font(BOLD).fillColor(COLOR.text).text(row.label, MARGIN.left, pdf.y, { width: this.width });
        pdf.font(REGULAR).text(row.value, MARGIN.left, pdf.y, { width: this.width });
      } else {
        this.room(height);
        const y = pdf.y;
        pdf.font(BOLD).fillColor(COLOR.text).text(row.label, MARGIN.left, y, { width: LABEL_WIDTH });
        pdf.font(REGULAR).text(row.value, valueX, y, { width: valueWidth });
        pdf.y = y + height;
      }
      pdf.moveDown(0.25);
    }
    pdf.moveDown(0.3);
  }

  /** A grid whose header is repeated on every page it runs over. */
  private table(columns: string[], rows: string[][]): void {
    const { pdf } = this;
    const widths = columnWidths(pdf, columns, rows, this.width);
    const drawRow = (cells: string[], header: boolean) => {
      pdf.font(header ? BOLD : REGULAR).fontSize(SIZE.body - 0.5);
      const height =
        Math.max(...cells.map((cell, i) => pdf.heightOfString(cell, { width: widths[i]! - 8 }))) + 6;
      if (pdf.y + height > this.bottom) {
        pdf.addPage(PAGE);
        if (!header) drawRow(columns, true);
      }
      const y = pdf.y;
      if (header) pdf.rect(MARGIN.left, y, this.width, height).fillColor(COLOR.header).fill();
      let x = MARGIN.left;
      pdf.fillColor(COLOR.text);
      cells.forEach((cell, i) => {
        pdf.text(cell, x + 4, y + 3, { width: widths[i]! - 8 });
        x += widths[i]!;
      });
      pdf.moveTo(MARGIN.left, y + height).lineTo(MARGIN.left + this.width, y + height);
      pdf.lineWidth(0.4).strokeColor(COLOR.rule).stroke();
      pdf.y = y + height;
    };
    drawRow(columns, true);
    for (const row of rows) drawRow(row, false);
    pdf.x = MARGIN.left;
    pdf.moveDown(0.6);
  }

  private list(items: string[]): void {
    const { pdf } = this;
    pdf.font(REGULAR).fontSize(SIZE.body).fillColor(COLOR.text);
    for (const item of items) {
      const height = pdf.heightOfString(item, { width: this.width - 12 });
      this.room(Math.min(height, 3 * SIZE.body * 1.3));
      const y = pdf.y;
      pdf.text('•', MARGIN.left, y, { width: 10, lineBreak: false });
      pdf.text(item, MARGIN.left + 12, y, { width: this.width - 12 });
      pdf.moveDown(0.15);
    }
    pdf.x = MARGIN.left;
    pdf.moveDown(0.4);
  }

  private note(meta: string, text: string): void {
    const { pdf } = this;
    pdf.font(REGULAR).fontSize(SIZE.small);
    this.room(pdf.heightOfString(meta, { width: this.width }) + 2 * SIZE.body * 1.3);
    pdf.fillColor(COLOR.muted).text(meta, MARGIN.left + 10, pdf.y, { width: this.width - 10 });
    pdf.font(REGULAR).fontSize(SIZE.body).fillColor(COLOR.text);
    pdf.text(text, MARGIN.left + 10, pdf.y, { width: this.width - 10 });
    pdf.x = MARGIN.left;
    pdf.moveDown(0.5);
  }
}

/**
 * Each column gets at least its longest word (so no word is split), and the rest of the width
 * is shared by how much text the column holds.
 */
function columnWidths(pdf: Pdf, columns: string[], rows: string[][], total: number): number[] {
  const padding = 8;
  const longestWord = (text: string) =>
    Math.max(0, ...text.split(/\s+/).map((word) => pdf.widthOfString(word)));
  pdf.font(BOLD).fontSize(SIZE.body - 0.5);
  const minimum = columns.map((column) => longestWord(column) + padding);
  pdf.font(REGULAR);
  rows.forEach((row) => {
    row.forEach((cell, i) => {
      minimum[i] = Math.max(minimum[i] ?? 0, longestWord(cell) + padding);
    });
  });
  const weight = columns.map((column, i) =>
    Math.max(column.length, 8, ...rows.map((row) => Math.min((row[i] ?? '').length, 60))),
  );
  const spare = Math.max(0, total - minimum.reduce((a, b) => a + b, 0));
  const sum = weight.reduce((a, b) => a + b, 0);
  const widths = minimum.map((min, i) => min + (spare * (weight[i] ?? 0)) / sum);
  // Words longer than a line (a pasted link) are broken after all; scale back to the page width.
  const used = widths.reduce((a, b) => a + b, 0);
  return used > total ? widths.map((width) => (width / used) * total) : widths;
}
