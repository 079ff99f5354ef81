import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderDossierPdf } from '../../../src/features/dossier/dossier.pdf.js';
import { buildDossier } from '../../../src/features/dossier/dossier.rules.js';
import { workedIncident } from './worked-incident.fixture.js';

const available = !spawnSync('pdftoppm', ['-v']).error;
if (!available) {
  if (process.env.CI === 'true')
    throw new Error('CI=true but pdftoppm is missing; .ci/run installs poppler-utils.');
  console.warn(
    '\n[tests] The dossier page image test is SKIPPED: no pdftoppm (apt-get install poppler-utils).\n',
  );
}

/** Width, height and grey values of a binary PGM (P5, 8 bits), as `pdftoppm -gray` writes it. */
function readPgm(file: string): { width: number; height: number; pixels: Uint8Array } {
  const data = readFileSync(file);
  const header = data
    .subarray(0, 64)
    .toString('latin1')
    .match(/^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/);
  if (!header) throw new Error('not a binary PGM');
  const [whole, width, height] = header;
  return { width: Number(width), height: Number(height), pixels: data.subarray(whole.length) };
}

describe.skipIf(!available)('page 1 of the dossier as an image', () => {
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dossier-'));
    writeFileSync(join(dir, 'dossier.pdf'), await renderDossierPdf(buildDossier(workedIncident())));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const pdftoppm = (...args: string[]) => {
    const run = spawnSync('pdftoppm', ['-f', '1', '-l', '1', '-singlefile', ...args], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
  };

  it('is an A4 page with text on it, not a blank one', () => {
    pdftoppm('-r', '50', '-gray', join(dir, 'dossier.pdf'), join(dir, 'page'));
    const { width, height, pixels } = readPgm(join(dir, 'page.pgm'));
    // A4 at 50 dpi: 8.27 × 11.69 inch (pdftoppm rounds up).
    expect(Math.abs(width - 413)).toBeLessThanOrEqual(1);
    expect(Math.abs(height - 585)).toBeLessThanOrEqual(1);
    expect(pixels.length).toBe(width * height);
    const inked = pixels.filter((value) => value < 160).length / pixels.length;
    expect(inked).toBeGreaterThan(0.02);
    expect(inked).toBeLessThan(0.4);
    // The top band holds the title; the band above the footer is not empty either.
    const row = (y: number) => pixels.subarray(y * width, (y + 1) * width);
    const darkRows = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, i) => row(from + i)).filter((r) => r.some((v) => v < 160)).length;
    expect(darkRows(30, 60)).toBeGreaterThan(5);
    expect(darkRows(height - 40, height - 15)).toBeGreaterThan(2);
  });

  it('is saved as a PNG for people to look at', () => {
    pdftoppm('-r', '110', '-png', join(dir, 'dossier.pdf'), join(dir, 'page'));
    const png = readFileSync(join(dir, 'page.png'));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    mkdirSync('test-output', { recursive: true });
    copyFileSync(join(dir, 'page.png'), 'test-output/dossier-page-1.png');
    // The README shows this copy; a CI checkout is left as it is.
    if (process.env.CI !== 'true') copyFileSync(join(dir, 'page.png'), 'docs/dossier-page-1.png');
  });
});
