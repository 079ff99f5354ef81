import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/core/errors/domain-error.js';
import { validateFormAnswer } from '../../src/core/forms/form.validation.js';
import { errorMessage } from '../../src/core/i18n/catalogue.js';
import { validateOpenIncident } from '../../src/core/incidents/incident.opening.js';
import { applyStepAction } from '../../src/core/incidents/step.transitions.js';
import { acceptUserText, cleanUserText, textProblem } from '../../src/core/text/user-text.js';
import { stepRow } from '../support/contracts/contract-rows.js';
import { ANNA, createCoreFixture, rejection, thrown, UNKNOWN_FACTS } from '../support/core-fixture.js';

const ZWSP = '\u200B';
const ZWJ = '\u200D';
const BOM = '\uFEFF';
const RLO = '\u202E';
const PDF = '\u202C';
const RLM = '\u200F';

function fieldError(fn: () => unknown): { field: string; rule: string } {
  const error = thrown(fn);
  expect(error).toBeInstanceOf(InvalidInputError);
  const { field, rule } = error as InvalidInputError;
  return { field, rule };
}

describe('cleanUserText', () => {
  it('removes NUL, the other C0 controls, DEL and the C1 controls', () => {
    const c0 = Array.from({ length: 32 }, (_, code) => String.fromCharCode(code))
      .filter((char) => char !== '\n' && char !== '\t' && char !== '\r')
      .join('');
    const c1 = Array.from({ length: 32 }, (_, i) => String.fromCharCode(0x80 + i)).join('');
    expect(cleanUserText(`Fo\u0000to${c0} 3B\u007F${c1}`)).toBe('Foto 3B');
    expect(cleanUserText(`a${c0}${c1}b`, { multiline: true })).toBe('ab');
  });

  it('keeps line breaks and tabs in multi-line text, as \\n', () => {
    expect(cleanUserText('regel 1\r\nregel 2\rregel 3\u2028regel 4\tmet tab', { multiline: true })).toBe(
      'regel 1\nregel 2\nregel 3\nregel 4\tmet tab',
    );
  });

  it('turns line breaks and tabs into spaces in one-line text, so words stay apart', () => {
    expect(cleanUserText('Naaktfoto\r\n3B\tklas\u2029x')).toBe('Naaktfoto 3B klas x');
  });

  it.each([
    ['emoji with joiners and skin tones', '👨‍👩‍👧 👍🏽 🏳️‍🌈 1️⃣'],
    ['letters with accents and other scripts', 'Zoë Çelik Yiğit ß Ærø łódź'],
    ['Arabic with a right-to-left mark', `${RLM}مريم 3B`],
    ['Chinese, Cyrillic, Greek', '你好 Привет Καλημέρα'],
    ['zero-width space and joiner inside words', `foto${ZWSP}map ${ZWJ}x`],
  ])('keeps %s', (_label, text) => {
    expect(cleanUserText(text)).toBe(text);
    expect(cleanUserText(text, { multiline: true })).toBe(text);
  });

  it('replaces a lone surrogate by U+FFFD instead of letting the encoder do it silently', () => {
    expect(cleanUserText('a\uD83Db')).toBe('a\uFFFDb');
    expect(cleanUserText('a\uDC00b')).toBe('a\uFFFDb');
    expect(cleanUserText('😀')).toBe('😀');
  });
});

describe('textProblem', () => {
  it.each([
    ['zero-width spaces', ZWSP.repeat(5)],
    ['joiners and the BOM', `${ZWJ}\u200C${BOM}\u2060`],
    ['white space of other kinds', '\u00A0\u3000\u2003'],
    ['a mix with a soft hyphen and a variation selector', ` ${ZWSP}\u00AD\uFE0F `],
    ['the Braille blank and Hangul fillers', '\u2800\u3164\u115F'],
    ['only right-to-left marks', `${RLM}\u200E\u061C`],
    ['tag characters', '\u{E0041}\u{E0042}'],
  ])('invisibleOnly: %s', (_label, text) => {
    expect(textProblem(text)).toBe('invisibleOnly');
  });

  it.each(['\u202A', '\u202B', PDF, '\u202D', RLO, '\u2066', '\u2067', '\u2068', '\u2069'])(
    'bidiControl: U+%s',
    (char) => {
      const code = char.codePointAt(0)!.toString(16).toUpperCase();
      expect(textProblem(`Foto ${char}B3${PDF}`), code).toBe('bidiControl');
      expect(textProblem(char), code).toBe('bidiControl');
    },
  );

  it.each(['Foto 3B', '👍', `${ZWSP}a`, `${RLM}مريم 3B`, 'ab\u200Ecd', ''])('no problem: %j', (text) => {
    expect(textProblem(text)).toBeNull();
  });
});

describe('acceptUserText', () => {
  it('returns the cleaned, trimmed text, and an empty string for empty text', () => {
    expect(acceptUserText('note', '  a\u0000b \n', { multiline: true })).toBe('ab');
    expect(acceptUserText('note', '  \u0000 ')).toBe('');
    expect(acceptUserText('note', undefined)).toBe('');
    expect(acceptUserText('note', 42)).toBe('42');
  });

  it('refuses invisible text and direction overrides as a field error', () => {
    expect(fieldError(() => acceptUserText('note', ZWSP.repeat(3)))).toEqual({
      field: 'note',
      rule: 'invisible',
    });
    expect(fieldError(() => acceptUserText('note', `a${RLO}b`))).toEqual({ field: 'note', rule: 'bidi' });
  });

  it('the refusals read calmly in both languages', () => {
    const invisible = new InvalidInputError('title', 'invisible');
    const bidi = new InvalidInputError('note', 'bidi');
    expect(errorMessage(invisible, 'nl')).toBe(
      'Korte titel: hier staan alleen onzichtbare tekens. Typ de tekst opnieuw.',
    );
    expect(errorMessage(invisible, 'en')).toBe(
      'Short title: this contains only invisible characters. Please type the text again.',
    );
    expect(errorMessage(bidi, 'nl')).toBe(
      'Notitie: de tekst bevat tekens die de leesrichting omdraaien. Typ de tekst opnieuw.',
    );
    expect(errorMessage(bidi, 'en')).toContain('reverse the reading direction');
  });
});

describe('the core applies it where input is validated', () => {
  const open = (title: string) =>
    validateOpenIncident({ title, kind: 'nude_photo', facts: { ...UNKNOWN_FACTS }, invited: [] }, ANNA);

  it('incident title: control characters are dropped, line breaks become spaces', () => {
    expect(open('Foto\u0000 3B\u0007').title).toBe('Foto 3B');
    expect(open('Foto\r\n3B').title).toBe('Foto 3B');
  });

  it('incident title: invisible-only and overrides are refused on the title field', () => {
    expect(fieldError(() => open(ZWSP.repeat(4)))).toEqual({ field: 'title', rule: 'invisible' });
    expect(fieldError(() => open(`Foto ${RLO}B3${PDF}`))).toEqual({ field: 'title', rule: 'bidi' });
    expect(fieldError(() => open('\u0000\u0000\u0000'))).toEqual({ field: 'title', rule: 'required' });
  });

  it('a note: cleaned and kept multi-line, or refused', async () => {
    const fx = await createCoreFixture();
    const incident = await fx.open();
    const scope = { incidentId: incident.id, actor: ANNA };
    const added = await fx.steps.addNote(scope, 'Gesprek\u0000 gepland\r\nmorgen 10:00\u0085');
    expect(added.value?.text).toBe('Gesprek gepland\nmorgen 10:00');
    for (const [text, rule] of [
      [`${ZWSP}${BOM}`, 'invisible'],
      [`tekst ${RLO}`, 'bidi'],
    ]) {
      const error = await rejection(fx.steps.addNote(scope, text as string));
      expect(error).toMatchObject({ field: 'note', rule });
    }
    expect((await fx.incidents.view(incident.id)).notes).toHaveLength(1);
  });

  it('a not-applicable reason: cleaned, or refused', () => {
    const step = stepRow('inc-1', 'police-advice', {
      position: 5,
      updatedAt: new Date('2026-03-09T08:00:00Z'),
    });
    const ctx = { actorId: 'U-LEAD', leadId: 'U-LEAD', isMember: () => true, now: new Date() };
    const result = applyStepAction(
      step,
      { kind: 'notApplicable', reason: 'Al\u0000 gedaan\r\ndoor de politie' },
      ctx,
    );
    expect(result?.step.naReason).toBe('Al gedaan\ndoor de politie');
    expect(
      fieldError(() => applyStepAction(step, { kind: 'notApplicable', reason: `\u2067x\u2069` }, ctx)),
    ).toEqual({ field: 'reason', rule: 'bidi' });
    expect(
      fieldError(() => applyStepAction(step, { kind: 'notApplicable', reason: ZWSP.repeat(2) }, ctx)),
    ).toEqual({ field: 'reason', rule: 'invisible' });
  });

  it('form answers: one-line and multi-line fields, refusals name the row', () => {
    const ctx = { isMember: () => true, today: '2026-03-10' };
    const saved = validateFormAnswer(
      'communication_statement',
      { whatIsHappening: 'Er\u0000 is\r\neen foto', contactPerson: 'de\nmentor' },
      ctx,
    );
    expect(saved).toEqual({ whatIsHappening: 'Er is\neen foto', contactPerson: 'de mentor' });
    const list = validateFormAnswer('action_list', { items: [{ who: 'mentor\r\nen zorg', what: 'x' }] }, ctx);
    expect((list.items as Array<Record<string, string>>)[0]?.who).toBe('mentor en zorg');
    expect(
      fieldError(() =>
        validateFormAnswer(
          'action_list',
          {
            items: [
              { who: 'mentor', what: 'bellen' },
              { who: ZWSP, what: ZWSP },
            ],
          },
          ctx,
        ),
      ),
    ).toEqual({ field: 'items.1.who', rule: 'invisible' });
    expect(
      fieldError(() => validateFormAnswer('action_list', { items: [{ who: 'a', what: `${RLO}b` }] }, ctx)),
    ).toEqual({ field: 'items.0.what', rule: 'bidi' });
  });
});
