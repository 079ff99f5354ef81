import { type InputRule, InvalidInputError } from '../errors/domain-error.js';

/**
 * Guards for text that people type: titles, notes, reasons and form answers.
 *
 * `cleanUserText` silently removes what no one types on purpose (control characters, broken
 * UTF-16). `textProblem` finds what must be refused with a field error instead, because the
 * text would look different from what is stored: text made only of invisible characters, and
 * characters that reverse the reading direction.
 */

/** How a text field is shown: one line (title, short answer) or several (note, long answer). */
export interface CleanOptions {
  /** Keep line breaks and tabs. Without it they become spaces. */
  multiline?: boolean;
}

/** Why a text is refused. */
export type TextProblem = 'invisibleOnly' | 'bidiControl';

// Every control character (C0, DEL, C1: general category Cc) except tab and line feed.
const CONTROL = /(?![\t\n])\p{Cc}/gu;
// LINE SEPARATOR and PARAGRAPH SEPARATOR break lines in some clients and not in others.
const LINE_BREAK = /\r\n?|[\u2028\u2029]/g;
// A lone half of a surrogate pair is no character at all; UTF-8 encoders replace it silently.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The explicit directional formatting characters of the Unicode Bidirectional Algorithm:
 * embeddings and overrides (U+202A–U+202E) and isolates (U+2066–U+2069). An override can show
 * "3B" as "B3" or a whole title backwards while the stored text reads otherwise (the "Trojan
 * Source" spoofing, CVE-2021-42574). See UAX #9 §2, "Directional Formatting Characters":
 * https://www.unicode.org/reports/tr9/#Directional_Formatting_Characters
 *
 * The implicit marks LRM, RLM and ALM (U+200E, U+200F, U+061C) are allowed: each acts as one
 * invisible strong letter, so it cannot reverse a run of letters, and phones and keyboards for
 * Arabic or Hebrew insert them in ordinary mixed text. Text made only of them is still refused
 * as invisible.
 */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/u;

/**
 * What shows nothing on screen: white space, the default-ignorable code points (zero-width
 * space and joiners, word joiner, BOM, soft hyphen, variation selectors, bidi marks, Hangul
 * fillers, tag characters) and the Braille blank U+2800, which is often used as a blank name.
 * Default_Ignorable_Code_Point: https://www.unicode.org/reports/tr44/#Default_Ignorable_Code_Point
 */
const INVISIBLE = /[\p{White_Space}\p{Default_Ignorable_Code_Point}\u2800\p{Cc}]/gu;

/**
 * Removes NUL and every other control character, keeping letters in every script, emoji
 * (including their zero-width joiners and variation selectors) and, for multi-line fields,
 * line breaks and tabs. Line breaks are written as `\n`; in a one-line field they and tabs
 * become spaces so words do not run together. A lone surrogate becomes U+FFFD.
 * Does not trim: callers trim as they already do.
 */
export function cleanUserText(text: string, options: CleanOptions = {}): string {
  const unified = String(text ?? '')
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(LINE_BREAK, '\n')
    .replace(CONTROL, '');
  return options.multiline ? unified : unified.replace(/[\t\n]/g, ' ');
}

/**
 * Why this text cannot be stored as it is, or null. `bidiControl` is reported before
 * `invisibleOnly`: a text of nothing but an override is refused for the override.
 * Empty text is not a problem here: "required" is the caller's rule.
 */
export function textProblem(text: string): TextProblem | null {
  if (BIDI_CONTROL.test(text)) return 'bidiControl';
  if (text.length > 0 && text.replace(INVISIBLE, '') === '') return 'invisibleOnly';
  return null;
}

const PROBLEM_RULE: Record<TextProblem, InputRule> = {
  invisibleOnly: 'invisible',
  bidiControl: 'bidi',
};

/**
 * Cleans and trims typed text for `field`, and refuses it with an InvalidInputError (rule
 * `invisible` or `bidi`) when it cannot be stored. Returns '' for empty text, so the caller
 * still reports `required` for an empty field.
 */
export function acceptUserText(field: string, text: unknown, options: CleanOptions = {}): string {
  const raw = typeof text === 'string' ? text : text === undefined || text === null ? '' : String(text);
  const cleaned = cleanUserText(raw, options).trim();
  if (cleaned === '') return '';
  const problem = textProblem(cleaned);
  if (problem) throw new InvalidInputError(field, PROBLEM_RULE[problem]);
  return cleaned;
}
