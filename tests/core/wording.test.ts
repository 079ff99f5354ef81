import { describe, expect, it } from 'vitest';
import { NotLeadError } from '../../src/core/errors/domain-error.js';
import { summariseForm } from '../../src/core/forms/form.summary.js';
import { errorMessage, t } from '../../src/core/i18n/catalogue.js';

const zoe = () => 'Zoë de Vries (zorgcoördinator)';

describe('Dutch and English wording', () => {
  it('a name that carries its own brackets is never put inside brackets again', () => {
    for (const locale of ['nl', 'en'] as const) {
      const refused = errorMessage(new NotLeadError('U-ZOE'), locale, { nameOf: zoe });
      expect(refused).not.toContain('((');
      expect(refused).not.toContain('))');
      expect(refused).toContain('Zoë de Vries (zorgcoördinator)');
      const note = t(locale, 'step.lastNote', { author: zoe(), text: 'Gesprek gevoerd' });
      expect(note).not.toContain('))');
    }
  });

  it('a label that ends in a question mark gets no colon after it', () => {
    const lines = summariseForm(
      'communication_statement',
      { whatIsHappening: 'Er gaat een foto rond', contactPerson: 'Mentor' },
      'nl',
      (id) => id,
    );
    expect(lines).toContain('Wat speelt er? Er gaat een foto rond');
    expect(lines.join('\n')).not.toMatch(/[?!]:/);
  });

  it('progress counts claimed steps as "bezig"; a long list ends in words, not "… +20"', () => {
    expect(t('nl', 'overview.progressLine', { done: 1, na: 0, claimed: 2, open: 3 })).toBe(
      '1 gereed · 0 n.v.t. · 2 bezig · 3 open',
    );
    expect(t('nl', 'overview.unclaimedMore', { count: 20 })).toBe('en nog 20 stappen');
    expect(t('en', 'overview.unclaimedMore', { count: 20 })).toBe('and 20 more steps');
  });
});

describe('the built-in playbook in English', () => {
  it('version 2 says "Care for the victim" and "Ask the police for advice", and explains Meldknop', async () => {
    const { DEFAULT_PLAYBOOK } = await import('../../src/core/playbook/builtin/index.js');
    const { stappenplanSextingV1 } = await import(
      '../../src/core/playbook/builtin/stappenplan-sexting.v1.js'
    );
    const { findStep } = await import('../../src/core/playbook/playbook.registry.js');
    // Version 3 (the contact log with parents) keeps version 2's English.
    expect(DEFAULT_PLAYBOOK.version).toBe(3);
    expect(findStep(DEFAULT_PLAYBOOK, 'attention-victim')?.step.title).toEqual({
      nl: 'Aandacht voor het slachtoffer',
      en: 'Care for the victim',
    });
    expect(findStep(DEFAULT_PLAYBOOK, 'police-advice')?.step.title.en).toBe('Ask the police for advice');
    const meldknop = DEFAULT_PLAYBOOK.contacts.find((contact) => contact.key === 'meldknop');
    expect(meldknop?.description?.en).toContain('Dutch helpline');
    // The Dutch is the poster's, unchanged; version 1 stays as it was for incidents opened with it.
    const dutch = (p: typeof DEFAULT_PLAYBOOK) =>
      p.phases.flatMap((phase) => phase.steps.map((step) => step.title.nl));
    expect(dutch(DEFAULT_PLAYBOOK)).toEqual(dutch(stappenplanSextingV1));
    expect(findStep(stappenplanSextingV1, 'attention-victim')?.step.title.en).toBe(
      'Attention for the victim',
    );
  });
});
