import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** What a real PDF parser finds in a PDF: text per page (body and footer), metadata, outline. */
export interface ReadPdf {
  pages: { body: string; footer: string }[];
  info: Record<string, unknown>;
  viewerPreferences: Record<string, unknown> | null;
  outline: OutlineNode[];
  /** Image painting operators found on any page (image XObjects, inline images, image masks). */
  imageOperators: number;
  fontNames: string[];
}

export interface OutlineNode {
  title: string;
  items: OutlineNode[];
}

/** Text below this height (in points from the bottom edge) is the footer. */
const FOOTER_TOP = 50;

const IMAGE_OPS = new Set<number>([
  OPS.paintImageXObject,
  OPS.paintInlineImageXObject,
  OPS.paintImageMaskXObject,
  OPS.paintImageXObjectRepeat,
  OPS.paintImageMaskXObjectRepeat,
  OPS.paintSolidColorImageMask,
  OPS.paintInlineImageXObjectGroup,
  OPS.paintImageMaskXObjectGroup,
]);

export async function readPdf(pdf: Buffer): Promise<ReadPdf> {
  const document = await getDocument({
    data: new Uint8Array(pdf),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  }).promise;
  try {
    const pages: ReadPdf['pages'] = [];
    let imageOperators = 0;
    const fontNames = new Set<string>();
    for (let number = 1; number <= document.numPages; number += 1) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      let body = '';
      let footer = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        const text = item.str + (item.hasEOL ? '\n' : '');
        if ((item.transform[5] as number) < FOOTER_TOP) footer += text;
        else body += text;
        if (item.fontName) fontNames.add(content.styles[item.fontName]?.fontFamily ?? item.fontName);
      }
      pages.push({ body, footer });
      const operators = await page.getOperatorList();
      imageOperators += operators.fnArray.filter((op) => IMAGE_OPS.has(op)).length;
      page.cleanup();
    }
    const { info } = await document.getMetadata();
    const outline = ((await document.getOutline()) ?? []) as OutlineNode[];
    return {
      pages,
      info: info as Record<string, unknown>,
      viewerPreferences: (await document.getViewerPreferences()) as Record<string, unknown> | null,
      outline,
      imageOperators,
      fontNames: [...fontNames],
    };
  } finally {
    await document.destroy();
  }
}

/** Whitespace differs between a layout and its source (line wraps, cells); compare without it. */
export function squash(text: string): string {
  return text.replace(/\s+/g, '');
}

/**
 * Checks that every needle occurs in the text after the previous one. Returns the needles that
 * were not found in that order (empty when all were), so a failure names what is missing.
 */
export function missingInOrder(text: string, needles: string[]): string[] {
  const haystack = squash(text);
  const missing: string[] = [];
  let from = 0;
  for (const needle of needles) {
    const at = haystack.indexOf(squash(needle), from);
    if (at < 0) missing.push(needle);
    else from = at + squash(needle).length;
  }
  return missing;
}
