import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { stappenplanSextingV1 as playbook } from '../../src/core/playbook/builtin/stappenplan-sexting.v1.js';
import type { FormKind, LocalizedText, PlaybookStep } from '../../src/core/playbook/playbook.types.js';

const posterText = readFileSync(
  new URL('../fixtures/stappenplan-sexting-poster.txt', import.meta.url),
  'utf8',
);

/** Poster text and playbook text compared on words only: line breaks, soft hyphens and list dashes removed. */
function normalise(text: string): string {
  return text
    .replace(/\uFFFD/g, '')
    .replace(/(\p{L})-[ \t]*\r?\n[ \t]*(?=\p{Ll})/gu, '$1')
    .replace(/^[ \t]*-[ \t]+/gm, '')
    .replace(/\s+/g, ' ')
    .trim()
    .trimEnd();
}

interface Poster {
  /** Text before the first bullet: goal and contacts. */
  preamble: string;
  /** One entry per bullet, in poster order, raw. */
  blocks: string[];
  /** Text after the last bullet: side tips and the BELANGRIJK block. */
  tail: string;
}

function parsePoster(text: string): Poster {
  const [preamble = '', ...bullets] = text.split('•');
  const last = bullets.pop() ?? '';
  const blankLine = /\r?\n[ \t]*\r?\n/.exec(last);
  const lastBlock = blankLine ? last.slice(0, blankLine.index) : last;
  const tail = blankLine ? last.slice(blankLine.index) : '';
  return { preamble, blocks: [...bullets, lastBlock], tail };
}

function allSteps(): PlaybookStep[] {
  return playbook.phases.flatMap((phase) => phase.steps);
}

function stepsInPosterOrder(): PlaybookStep[] {
  return [...allSteps()].sort((a, b) => a.posterOrder - b.posterOrder);
}

function isLocalizedText(value: unknown): value is LocalizedText {
  return typeof value === 'object' && value !== null && typeof (value as { nl?: unknown }).nl === 'string';
}

function collectTexts(value: unknown, path: string, found: { path: string; text: LocalizedText }[]): void {
  if (isLocalizedText(value)) {
    found.push({ path, text: value });
    return;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) collectTexts(item, `${path}[${index}]`, found);
    return;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) collectTexts(child, `${path}.${key}`, found);
  }
}

const poster = parsePoster(posterText);

describe('normalise', () => {
  it('joins soft hyphens, drops list dashes, replacement characters and extra whitespace', () => {
    expect(normalise('Stel communicatie-\nstatement op')).toBe('Stel communicatiestatement op');
    expect(normalise('Wees voorbereid op \nmedia-aandacht (sociale \nmedia)')).toBe(
      'Wees voorbereid op media-aandacht (sociale media)',
    );
    expect(normalise('-  Creëer inzicht\n- Maak \n\nafspraken  ')).toBe('Creëer inzicht Maak afspraken');
    expect(normalise('\uFFFD\uFFFD Informeer ouders  \n')).toBe('Informeer ouders');
  });
});

describe('built-in playbook stappenplan-sexting v1 against the poster', () => {
  it('is the stappenplan-sexting playbook, version 1', () => {
    expect(playbook.key).toBe('stappenplan-sexting');
    expect(playbook.version).toBe(1);
  });

  it('has one step per poster bullet: 31 blocks, posterOrder 1..31 each once, unique keys', () => {
    expect(poster.blocks).toHaveLength(31);
    const steps = allSteps();
    expect(steps).toHaveLength(31);
    expect(steps.map((step) => step.posterOrder).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 31 }, (_, index) => index + 1),
    );
    expect(new Set(steps.map((step) => step.key)).size).toBe(steps.length);
    for (const step of steps) expect(step.key).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('has the poster text word for word in title and guidance of every step', () => {
    const steps = stepsInPosterOrder();
    steps.forEach((step, index) => {
      const block = poster.blocks[index] ?? '';
      const fromPlaybook = [step.title.nl, ...step.guidance.map((line) => line.nl)].join(' ');
      expect({ posterOrder: step.posterOrder, key: step.key, text: normalise(fromPlaybook) }).toEqual({
        posterOrder: index + 1,
        key: step.key,
        text: normalise(block),
      });
    });
  });

  it('keeps "Indien van toepassing" and other guidance lines out of the titles', () => {
    for (const step of allSteps()) {
      expect(step.title.nl).not.toMatch(/Indien van toepassing|In overleg met de politie|www\./);
      expect(step.title.nl).toBe(step.title.nl.trim());
      for (const line of step.guidance) {
        expect(line.nl).toBe(normalise(line.nl));
        expect(line.nl).not.toBe('');
      }
    }
  });

  it('has the seven side tips in poster order, word for word', () => {
    expect(playbook.tips).toHaveLength(7);
    const tail = normalise(poster.tail);
    let from = 0;
    for (const tip of playbook.tips) {
      const at = tail.indexOf(normalise(tip.nl), from);
      expect(at, tip.nl).toBeGreaterThanOrEqual(0);
      from = at + normalise(tip.nl).length;
    }
  });

  it('has the goal, the BELANGRIJK block, the phone number and the contact hosts from the poster', () => {
    const whole = normalise(posterText);
    expect(normalise(poster.preamble)).toContain(`WAT TE DOEN ${playbook.goal.nl}`);
    expect(whole.toLowerCase()).toContain(playbook.important.slogan.nl.toLowerCase());
    expect(whole.replace(/ /g, '')).toContain(playbook.important.title.nl.replace(/ /g, ''));
    expect(whole).toContain(playbook.important.intro.nl);
    expect(whole).toContain(playbook.important.closing.nl);

    expect(playbook.contacts.map((contact) => contact.key)).toEqual([
      'bureau-jeugd-en-media',
      'stappenplan-sexting',
      'meldknop',
    ]);
    const bureau = playbook.contacts.find((contact) => contact.key === 'bureau-jeugd-en-media');
    expect(bureau?.phone).toBe('020 - 6626559');
    expect(whole).toContain('020 - 6626559');
    expect(whole).toContain(normalise(bureau?.description?.nl ?? '<missing>'));
    for (const contact of playbook.contacts) {
      expect(contact.url, contact.key).toMatch(/^https:\/\//);
      expect(whole, contact.key).toContain(new URL(contact.url ?? '').hostname);
    }
  });

  it('has an English text next to every Dutch text', () => {
    const found: { path: string; text: LocalizedText }[] = [];
    collectTexts(playbook, 'playbook', found);
    expect(found.length).toBeGreaterThan(31 * 2);
    const missing = found.filter(({ text }) => !text.nl.trim() || !text.en?.trim()).map(({ path }) => path);
    expect(missing).toEqual([]);
  });

  it('groups the steps in the seven phases', () => {
    expect(playbook.phases.map((phase) => phase.key)).toEqual([
      'direct',
      'victim-and-parents',
      'perpetrator',
      'police-and-images',
      'communication',
      'class-and-school',
      'evaluation-aftercare',
    ]);
    expect(playbook.phases.every((phase) => phase.steps.length > 0)).toBe(true);
  });

  it('makes only the perpetrator and spread steps conditional, keeping them open while unknown', () => {
    const perpetratorKnown = { fact: 'perpetratorKnown', in: ['yes', 'unknown'] };
    const atOtherSchool = { fact: 'perpetratorAtOtherSchool', in: ['yes', 'unknown'] };
    const conditional = Object.fromEntries(
      allSteps()
        .filter((step) => step.applicableWhen !== undefined)
        .map((step) => [step.key, step.applicableWhen]),
    );
    expect(conditional).toEqual({
      'attention-perpetrator': [perpetratorKnown],
      'talk-perpetrator-parents': [perpetratorKnown],
      'help-perpetrator-parents': [perpetratorKnown],
      'contact-perpetrator-school': [perpetratorKnown, atOtherSchool],
      'align-perpetrator-school': [perpetratorKnown, atOtherSchool],
      'feedback-perpetrator-school': [perpetratorKnown, atOtherSchool],
      'inform-other-parents': [
        { fact: 'spread', in: ['school', 'outside_school', 'public_online', 'unknown'] },
      ],
    });
  });

  it('asks for a form in exactly the form steps', () => {
    const forms: Record<string, FormKind | undefined> = Object.fromEntries(
      allSteps()
        .filter((step) => step.form !== undefined)
        .map((step) => [step.key, step.form]),
    );
    expect(forms).toEqual({
      'action-list': 'action_list',
      'rest-period': 'rest_period',
      'report-decision': 'report_decision',
      'communication-statement': 'communication_statement',
      'evaluate-with-victim': 'evaluation',
      'evaluate-zat': 'evaluation',
      'plan-aftercare': 'aftercare_moments',
    });
    expect(allSteps().some((step) => step.dueAfterHours !== undefined)).toBe(false);
  });
});
