import { t } from '../i18n/catalogue.js';
import type { Locale } from '../playbook/playbook.types.js';
import { shorten } from '../text/format.js';
import {
  AMBIGUOUS_FIRST_NAMES,
  FIRST_NAMES,
  INSTITUTION_WORDS,
  NOT_NAME_WORDS,
  PUPIL_WORDS,
  STAFF_TITLES,
  SURNAME_CORES,
  SURNAMES,
  TUSSENVOEGSELS,
} from './dutch-names.data.js';

/**
 * Does a title, note or form answer look like it names a pupil? A check that asks once
 * ("Bevat dit de naam van een leerling?"), never a block, so it prefers to miss an unusual
 * name over asking about ordinary text. It finds:
 * - a listed first name with a surname: "Sanne de Groot", "Fatima El Amrani", "Bas Jansen";
 * - a listed first name or surname with a class code: "Jayden (3B)", "de Vries uit H4A";
 * - two listed first names together: "Sanne en Daan";
 * - a listed name, or any name with a class code, after "leerling", "slachtoffer", "dader".
 * A name after a staff title ("meneer de Vries", "juf Sanne") or before "College", "School",
 * "Straat" is left alone.
 */

const fold = (word: string): string =>
  word.normalize('NFD').replace(/\p{M}/gu, '').replace(/ı/g, 'i').replace(/’/g, "'").toLowerCase();
const wordSet = (list: string): Set<string> => new Set(list.split(/\s+/).filter(Boolean).map(fold));

const FIRST = wordSet(FIRST_NAMES);
const AMBIGUOUS = wordSet(AMBIGUOUS_FIRST_NAMES);
const STANDALONE_SURNAMES = wordSet(SURNAMES);
const ANY_SURNAME = new Set([...STANDALONE_SURNAMES, ...wordSet(SURNAME_CORES)]);
const NOT_NAMES = wordSet(NOT_NAME_WORDS);
const STAFF = wordSet(STAFF_TITLES);
const PUPIL = wordSet(PUPIL_WORDS);
const INSTITUTIONS = wordSet(INSTITUTION_WORDS);
const PARTICLES = new Set(
  TUSSENVOEGSELS.split(/[|\n]/)
    .map((item) => fold(item.trim()))
    .filter(Boolean),
);
const INSTITUTION_SUFFIX = /(school|college|lyceum|straat|laan|weg|plein|kade|gracht|singel|dreef|park)$/;

interface Token {
  text: string;
  start: number;
  end: number;
  folded: string;
}

// A word, with letters, digits, apostrophes and hyphens inside; or the particle 't / 's.
const WORD = /['’][tsTS](?![\p{L}\p{N}])|[\p{L}\p{N}][\p{L}\p{M}\p{N}'’]*(?:-[\p{L}\p{M}\p{N}'’]+)*/gu;
// Capitalised as a name is: "Sanne", "El-Amrani", "Zoë"; not "ZAT", "JdV" or "sanne".
const NAME_CASE = /^\p{Lu}\p{Ll}+(?:['’-]\p{Lu}?\p{Ll}+)*$/u;
// Between a name and its class: " ", " (", ", ", " - ", " uit ", " van klas ", " in de klas ".
const CLASS_LEAD =
  /^(?:[ \t\u00A0]*[,(–-][ \t\u00A0]*|[ \t\u00A0]+)(?:(?:uit|van|in|from|of)[ \t\u00A0]+)?(?:(?:de[ \t\u00A0]+)?(?:klas|class|groep)[ \t\u00A0]+)?/iu;
const CLASS_CODE =
  /^(?:[1-6][ \t\u00A0]?(?:havo|vwo|vmbo|mavo|gym|atheneum|tl|gt|kb|bb|hv|vm)|[1-6][a-z]{1,3}\d?|[hvmbktg][1-6][a-z]?\d?)(?![\p{L}\p{N}])\)?/iu;
// Counts and ordinals are no class: "3e", "2x", "5km", "1ste".
const NOT_A_CLASS = /^\d\s?(?:e|de|ste|st|nd|rd|th|x|km|m|kg|uur|min|jaar|keer)\)?$/i;

/**
 * The fragments of `text` that look like a pupil's name, in order, or null when there are none.
 * Each fragment is the matched part of the text itself, e.g. "Sanne de Groot uit 2C".
 */
export function looksLikePupilName(text: string): string[] | null {
  const source = String(text ?? '').normalize('NFC');
  const tokens = tokenize(source);
  const hits: string[] = [];
  let i = 0;
  while (i < tokens.length) {
    const end = matchAt(source, tokens, i);
    if (end === null) {
      i += 1;
      continue;
    }
    hits.push(source.slice(tokens[i]!.start, end.offset).trim());
    i = end.nextToken;
  }
  return hits.length > 0 ? hits : null;
}

/**
 * The question to ask once before saving, or null when none of `texts` (a title, a note, the
 * answers of a form) looks like it names a pupil. Quotes at most three fragments.
 */
export function pupilNameQuestion(texts: readonly string[], locale: Locale): string | null {
  const fragments = [...new Set(texts.flatMap((text) => looksLikePupilName(text) ?? []))];
  if (fragments.length === 0) return null;
  const quoted = fragments.slice(0, 3).map((fragment) => shorten(fragment, 60));
  return t(locale, 'privacy.pupilName.question', { fragment: quoted.join('”, “') });
}

interface MatchEnd {
  /** Character offset where the fragment ends. */
  offset: number;
  /** First token after the fragment. */
  nextToken: number;
}

function matchAt(source: string, tokens: Token[], i: number): MatchEnd | null {
  const token = tokens[i]!;
  if (PUPIL.has(token.folded)) return afterPupilWord(source, tokens, i);
  if (precededByStaffTitle(source, tokens, i)) return null;
  if (isFirstName(token)) return afterFirstName(source, tokens, i);
  return surnameWithClass(source, tokens, i);
}

/** "leerling Sanne", "slachtoffer: de Vries". */
function afterPupilWord(source: string, tokens: Token[], i: number): MatchEnd | null {
  const next = i + 1;
  if (!tokens[next] || !/^:?[ \t\u00A0]+$/.test(gap(source, tokens, next))) return null;
  const surname = next + particlesAt(source, tokens, next);
  const name = tokens[surname];
  if (!name || (surname > next && !spaced(source, tokens, surname))) return null;
  if (!isNameWord(name)) return null;
  // A capitalised word after "slachtoffer" may just start the next sentence ("slachtoffer Vraag …"):
  // it must be a listed name, follow a tussenvoegsel, or carry a class code.
  const listed = isFirstName(name) || ANY_SURNAME.has(name.folded);
  if (listed || surname > next) return withClass(source, tokens, surname);
  const classEnd = classAfter(source, name.end);
  return classEnd === null ? null : { offset: classEnd, nextToken: tokenAfter(tokens, classEnd) };
}

function afterFirstName(source: string, tokens: Token[], i: number): MatchEnd | null {
  const first = tokens[i]!;
  const ambiguous =
    AMBIGUOUS.has(first.folded) || first.text.split('-').some((part) => AMBIGUOUS.has(fold(part)));
  const particles = spaced(source, tokens, i + 1) ? particlesAt(source, tokens, i + 1) : 0;
  const after = i + 1 + particles;
  const surname = tokens[after];
  if (particles > 0 && surname && spaced(source, tokens, after) && isNameWord(surname)) {
    if (!beforeInstitution(source, tokens, after)) return withClass(source, tokens, after);
  }
  if (particles === 0 && surname && spaced(source, tokens, after) && isNameWord(surname)) {
    const listed = STANDALONE_SURNAMES.has(surname.folded);
    if ((listed || !ambiguous) && !beforeInstitution(source, tokens, after)) {
      return withClass(source, tokens, after);
    }
  }
  const classEnd = classAfter(source, first.end);
  if (classEnd !== null) return { offset: classEnd, nextToken: tokenAfter(tokens, classEnd) };
  if (!ambiguous) return secondFirstName(source, tokens, i);
  return null;
}

/** "Sanne en Daan", "Sanne & Daan", "Sanne, Daan": both listed, neither an everyday word. */
function secondFirstName(source: string, tokens: Token[], i: number): MatchEnd | null {
  const next = tokens[i + 1];
  if (!next) return null;
  const joined = /^(?:[ \t\u00A0]*[,&][ \t\u00A0]*|[ \t\u00A0]+)$/.test(gap(source, tokens, i + 1));
  const viaWord = ['en', 'and'].includes(next.folded) && spaced(source, tokens, i + 1);
  const second = viaWord ? i + 2 : i + 1;
  const name = tokens[second];
  if (!name || !(joined || viaWord) || (viaWord && !spaced(source, tokens, second))) return null;
  if (!isFirstName(name) || AMBIGUOUS.has(name.folded)) return null;
  return { offset: name.end, nextToken: second + 1 };
}

/** "de Vries uit H4A", "Yilmaz (2C)": a surname only counts with a class code. */
function surnameWithClass(source: string, tokens: Token[], i: number): MatchEnd | null {
  const particles = particlesAt(source, tokens, i);
  const at = i + particles;
  const name = tokens[at];
  if (!name || (particles > 0 && !spaced(source, tokens, at)) || !NAME_CASE.test(name.text)) return null;
  const known = particles > 0 ? ANY_SURNAME.has(name.folded) : STANDALONE_SURNAMES.has(name.folded);
  if (!known) return null;
  const classEnd = classAfter(source, name.end);
  return classEnd === null ? null : { offset: classEnd, nextToken: tokenAfter(tokens, classEnd) };
}

/** Extends a name that ends at token `last` with a class code right after it, if any. */
function withClass(source: string, tokens: Token[], last: number): MatchEnd {
  const classEnd = classAfter(source, tokens[last]!.end);
  if (classEnd !== null) return { offset: classEnd, nextToken: tokenAfter(tokens, classEnd) };
  return { offset: tokens[last]!.end, nextToken: last + 1 };
}

/** The offset where a class code that follows `offset` ends, or null. */
function classAfter(source: string, offset: number): number | null {
  const rest = source.slice(offset);
  const lead = CLASS_LEAD.exec(rest);
  if (!lead) return null;
  const code = CLASS_CODE.exec(rest.slice(lead[0].length));
  if (!code || NOT_A_CLASS.test(code[0])) return null;
  return offset + lead[0].length + code[0].length;
}

/** How many tokens from `i` form a tussenvoegsel ("van der", "El", "in 't"); the longest wins. */
function particlesAt(source: string, tokens: Token[], i: number): number {
  for (let length = 3; length >= 1; length -= 1) {
    const words = tokens.slice(i, i + length);
    if (words.length < length) continue;
    if (words.some((_, k) => k > 0 && !spaced(source, tokens, i + k))) continue;
    if (PARTICLES.has(words.map((word) => word.folded).join(' '))) return length;
  }
  return 0;
}

function isFirstName(token: Token): boolean {
  if (!NAME_CASE.test(token.text)) return false;
  if (FIRST.has(token.folded)) return true;
  const parts = token.text.split('-');
  return parts.length > 1 && parts.every((part) => FIRST.has(fold(part)));
}

/** A capitalised word that could be a surname: not a weekday, an organisation or a street. */
function isNameWord(token: Token): boolean {
  return NAME_CASE.test(token.text) && !NOT_NAMES.has(token.folded) && !INSTITUTION_SUFFIX.test(token.folded);
}

function beforeInstitution(source: string, tokens: Token[], last: number): boolean {
  const next = tokens[last + 1];
  return Boolean(next && spaced(source, tokens, last + 1) && INSTITUTIONS.has(next.folded));
}

function precededByStaffTitle(source: string, tokens: Token[], i: number): boolean {
  const previous = tokens[i - 1];
  return Boolean(previous && STAFF.has(previous.folded) && /^\.?[ \t\u00A0]+$/.test(gap(source, tokens, i)));
}

/** The text between token `i - 1` and token `i`. */
function gap(source: string, tokens: Token[], i: number): string {
  const previous = tokens[i - 1];
  const token = tokens[i];
  return previous && token ? source.slice(previous.end, token.start) : '';
}

/** Token `i` follows the one before it on the same line, after spaces only. */
function spaced(source: string, tokens: Token[], i: number): boolean {
  return /^[ \t\u00A0]+$/.test(gap(source, tokens, i));
}

function tokenAfter(tokens: Token[], offset: number): number {
  const index = tokens.findIndex((token) => token.start >= offset);
  return index === -1 ? tokens.length : index;
}

function tokenize(source: string): Token[] {
  return [...source.matchAll(WORD)].map((match) => ({
    text: match[0],
    start: match.index,
    end: match.index + match[0].length,
    folded: fold(match[0]),
  }));
}
