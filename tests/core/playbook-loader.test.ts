import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/core/errors/domain-error.js';
import { BUILTIN_PLAYBOOKS, DEFAULT_PLAYBOOK } from '../../src/core/playbook/builtin/index.js';
import { isStepApplicable } from '../../src/core/playbook/conditions.js';
import { loadPlaybook, PlaybookInvalidError } from '../../src/core/playbook/playbook.loader.js';
import { allSteps, findStep, PlaybookRegistry } from '../../src/core/playbook/playbook.registry.js';
import { syncPlaybooks } from '../../src/core/playbook/playbook.sync.js';
import type { IncidentFacts, Playbook, PlaybookStep } from '../../src/core/playbook/playbook.types.js';
import { rejection, thrown } from '../support/core-fixture.js';
import { MemoryStore } from '../support/memory-store.js';

// biome-ignore lint/suspicious/noExplicitAny: playbook files are untyped data; tests bend them on purpose
type Raw = any;

/** A whole playbook as a school would write it: the built-in one under the school's own key. */
function schoolFile(): Raw {
  return { ...structuredClone(DEFAULT_PLAYBOOK), key: 'school-x', version: 1 };
}

function problemsOf(data: unknown): string[] {
  const error = thrown(() => loadPlaybook(data, 'school.yaml', BUILTIN_PLAYBOOKS));
  expect(error).toBeInstanceOf(PlaybookInvalidError);
  const invalid = error as PlaybookInvalidError;
  expect(invalid.code).toBe('PlaybookInvalid');
  expect(invalid.message.startsWith('school.yaml: ')).toBe(true);
  for (const problem of invalid.problems) expect(invalid.message).toContain(problem);
  return invalid.problems;
}

function broken(change: (file: Raw) => void): string[] {
  const file = schoolFile();
  change(file);
  return problemsOf(file);
}

describe('loadPlaybook: a whole playbook', () => {
  it('accepts a complete, valid file', () => {
    const loaded = loadPlaybook(schoolFile(), 'school.yaml', BUILTIN_PLAYBOOKS);
    expect(loaded.key).toBe('school-x');
    expect(loaded.phases).toEqual(DEFAULT_PLAYBOOK.phases);
    expect(loaded.contacts).toEqual(DEFAULT_PLAYBOOK.contacts);
    expect(allSteps(loaded)).toHaveLength(31);
  });

  it('numbers steps without posterOrder in file order and fills in empty guidance', () => {
    const file = schoolFile();
    for (const phase of file.phases) for (const step of phase.steps) delete step.posterOrder;
    delete file.phases[0].steps[2].guidance;
    const loaded = loadPlaybook(file, 'school.yaml', BUILTIN_PLAYBOOKS);
    expect(allSteps(loaded).map((s) => s.posterOrder)).toEqual(Array.from({ length: 31 }, (_, i) => i + 1));
    expect(loaded.phases[0]?.steps[2]?.guidance).toEqual([]);
  });

  it.each<[string, (file: Raw) => void, string]>([
    [
      'a missing Dutch title',
      (f) => delete f.phases[0].steps[0].title.nl,
      'phases[0].steps[0].title.nl: is required',
    ],
    [
      'an empty Dutch title',
      (f) => (f.phases[0].steps[0].title.nl = '  '),
      'phases[0].steps[0].title.nl: must not be empty',
    ],
    [
      'an unknown field',
      (f) => (f.phases[0].steps[1].colour = 'red'),
      'phases[0].steps[1].colour: unknown field',
    ],
    ['an unknown top-level field', (f) => (f.author = 'me'), 'author: unknown field'],
    [
      'a bad key',
      (f) => (f.phases[0].steps[0].key = 'Bad Key'),
      'phases[0].steps[0].key: use lowercase letters',
    ],
    [
      'a bad form kind',
      (f) => (f.phases[0].steps[0].form = 'survey'),
      'phases[0].steps[0].form: must be one of action_list',
    ],
    [
      'a condition on an unknown fact',
      (f) => (f.phases[0].steps[0].applicableWhen = [{ fact: 'weather', in: ['yes'] }]),
      'phases[0].steps[0].applicableWhen[0].fact: must be one of madeVoluntarily',
    ],
    [
      'a condition value the fact does not have',
      (f) => (f.phases[0].steps[0].applicableWhen = [{ fact: 'spread', in: ['galaxy'] }]),
      'phases[0].steps[0].applicableWhen[0].in[0]: "galaxy" is not one of class',
    ],
    [
      'a duplicate step key',
      (f) => (f.phases[1].steps[0].key = 'attention-victim'),
      'phases[1].steps[0].key: "attention-victim" is used twice',
    ],
    ['a duplicate phase key', (f) => (f.phases[2].key = 'direct'), 'phases[2].key: "direct" is used twice'],
    ['a bad url', (f) => (f.contacts[0].url = 'ftp://example.nl'), 'contacts[0].url: must be a web address'],
    ['no phases', (f) => (f.phases = []), 'phases: needs at least 1 item(s)'],
    ['a phase without steps', (f) => (f.phases[3].steps = []), 'phases[3].steps: needs at least 1 item(s)'],
  ])('%s is named', (_name, change, expected) => {
    const problems = broken(change);
    expect(problems.some((problem) => problem.startsWith(expected))).toBe(true);
  });

  it('reports every problem, not only the first', () => {
    const problems = broken((f) => {
      f.phases[0].steps[0].form = 'survey';
      f.contacts[1].url = 'nope';
    });
    expect(problems).toHaveLength(2);
  });

  it('a value of the wrong type is not reported as missing', () => {
    const problems = broken((f) => {
      f.version = 'one';
      f.tips = 'tip';
      f.phases[0].steps[0].title.nl = 5;
    });
    expect(problems).toEqual([
      'version: must be a number',
      'tips: must be a list',
      'phases[0].steps[0].title.nl: must be text',
    ]);
  });

  it('refuses what is not a mapping at all', () => {
    expect(problemsOf('just text')).toEqual(['(file): must be a mapping of fields']);
  });
});

describe('loadPlaybook: extending a built-in playbook', () => {
  const extend = (patch: Raw): Playbook =>
    loadPlaybook(
      { extends: 'stappenplan-sexting', key: 'school-y', version: 1, ...patch },
      'ext.yaml',
      BUILTIN_PLAYBOOKS,
    );
  const extensionProblems = (patch: Raw) =>
    problemsOf({ extends: 'stappenplan-sexting', key: 'school-y', version: 1, ...patch });

  it('without changes it is the built-in playbook under a new key', () => {
    const loaded = extend({});
    expect(loaded).toMatchObject({ key: 'school-y', version: 1, name: DEFAULT_PLAYBOOK.name });
    expect(loaded.phases).toEqual(DEFAULT_PLAYBOOK.phases);
  });

  it('adds a step to an existing phase, numbered after the last poster step', () => {
    const loaded = extend({
      phases: [{ key: 'direct', steps: [{ key: 'call-dpo', title: { nl: 'Bel de FG' } }] }],
    });
    const direct = loaded.phases.find((p) => p.key === 'direct')!;
    expect(direct.steps.at(-1)).toEqual({
      key: 'call-dpo',
      posterOrder: 32,
      title: { nl: 'Bel de FG' },
      guidance: [],
    });
    expect(allSteps(loaded)).toHaveLength(32);
  });

  it('adds a new phase at the end; a new phase needs a title', () => {
    const step = { key: 'debrief', title: { nl: 'Nabespreking' }, form: 'evaluation' };
    const loaded = extend({ phases: [{ key: 'afterwards', title: { nl: 'Daarna' }, steps: [step] }] });
    expect(loaded.phases.at(-1)).toMatchObject({ key: 'afterwards', title: { nl: 'Daarna' }, steps: [step] });
    expect(extensionProblems({ phases: [{ key: 'afterwards', steps: [step] }] })).toEqual([
      'phases[0].title: is required for a new phase "afterwards"',
    ]);
  });

  it('a new step needs a title', () => {
    expect(extensionProblems({ phases: [{ key: 'direct', steps: [{ key: 'call-dpo' }] }] })).toEqual([
      'phases[0].steps[0].title: is required for a new step "call-dpo"',
    ]);
  });

  it("overrides a step's title and keeps the rest of the step", () => {
    const loaded = extend({
      phases: [{ key: 'direct', steps: [{ key: 'police-advice', title: { nl: 'Bel de wijkagent' } }] }],
    });
    const found = findStep(loaded, 'police-advice')!;
    expect(found.phase.key).toBe('direct');
    expect(found.step).toEqual({
      ...findStep(DEFAULT_PLAYBOOK, 'police-advice')!.step,
      title: { nl: 'Bel de wijkagent' },
    });
    expect(findStep(DEFAULT_PLAYBOOK, 'police-advice')!.step.title.nl).toBe('Betrek politie voor advies');
  });

  it('removes steps; an unknown key is an error', () => {
    const loaded = extend({ removeSteps: ['police-advice', 'media-attention'] });
    expect(allSteps(loaded).map((s) => s.key)).not.toContain('police-advice');
    expect(allSteps(loaded)).toHaveLength(29);
    expect(extensionProblems({ removeSteps: ['police-advice', 'no-such-step'] })).toEqual([
      'removeSteps[1]: no step "no-such-step"',
    ]);
  });

  it('drops a phase whose steps were all removed', () => {
    const loaded = extend({ removeSteps: ['talk-victim-parents', 'help-victim-parents', 'rest-period'] });
    expect(loaded.phases.map((p) => p.key)).not.toContain('victim-and-parents');
  });

  it('adds and replaces contacts and appends tips', () => {
    const loaded = extend({
      contacts: [
        { key: 'ggd', name: { nl: 'GGD' }, phone: '088 - 1234567' },
        { key: 'meldknop', name: { nl: 'Meldknop.nl' }, url: 'https://www.meldknop.nl/hulp' },
      ],
      addTips: [{ nl: 'Bel de vertrouwensinspecteur' }],
    });
    expect(loaded.contacts.map((c) => c.key)).toEqual([
      'bureau-jeugd-en-media',
      'stappenplan-sexting',
      'meldknop',
      'ggd',
    ]);
    expect(loaded.contacts[2]?.url).toBe('https://www.meldknop.nl/hulp');
    expect(loaded.tips).toHaveLength(DEFAULT_PLAYBOOK.tips.length + 1);
    expect(loaded.tips.at(-1)).toEqual({ nl: 'Bel de vertrouwensinspecteur' });
    expect(DEFAULT_PLAYBOOK.tips).toHaveLength(7);
  });

  it('a step key that lives in another phase is refused', () => {
    const patch = { phases: [{ key: 'direct', steps: [{ key: 'rest-period', title: { nl: 'Rust' } }] }] };
    expect(extensionProblems(patch)).toEqual([
      'phases[0].steps[0].key: step "rest-period" belongs to phase "victim-and-parents"',
    ]);
  });

  it('an unknown base or version is refused; @1, @2 and @3 are accepted', () => {
    expect(problemsOf({ extends: 'other-plan', key: 'school-y', version: 1 })).toEqual([
      'extends: no built-in playbook "other-plan"',
    ]);
    expect(problemsOf({ extends: 'stappenplan-sexting@4', key: 'school-y', version: 1 })).toHaveLength(1);
    expect(
      loadPlaybook({ extends: 'stappenplan-sexting@3', key: 's', version: 1 }, 'x', BUILTIN_PLAYBOOKS).phases,
    ).toHaveLength(7);
    expect(
      loadPlaybook({ extends: 'stappenplan-sexting@2', key: 's', version: 1 }, 'x', BUILTIN_PLAYBOOKS).phases,
    ).toHaveLength(7);
    expect(
      loadPlaybook({ extends: 'stappenplan-sexting@1', key: 's', version: 3 }, 'x', BUILTIN_PLAYBOOKS)
        .version,
    ).toBe(3);
  });

  it('extension fields are checked like a whole file', () => {
    expect(extensionProblems({ removeSteps: ['Bad Key'], colour: 'red' })).toEqual(
      expect.arrayContaining([
        'colour: unknown field',
        expect.stringMatching(/^removeSteps\[0\]: use lowercase/),
      ]),
    );
  });
});

describe('syncPlaybooks', () => {
  const school = (): Playbook => loadPlaybook(schoolFile(), 'school.yaml', BUILTIN_PLAYBOOKS);

  it('stores each version once; the same content again is fine', async () => {
    const store = new MemoryStore();
    const registry = new PlaybookRegistry(DEFAULT_PLAYBOOK);
    await syncPlaybooks(store, registry, [DEFAULT_PLAYBOOK, school()]);
    await syncPlaybooks(store, registry, [DEFAULT_PLAYBOOK, school()]);
    expect((await store.playbooks.list()).map((p) => `${p.key}@${p.version}`)).toEqual([
      'school-x@1',
      'stappenplan-sexting@3',
    ]);
    expect(registry.get('school-x', 1).key).toBe('school-x');
  });

  it('the same key and version with other content → PlaybookVersionConflict', async () => {
    const store = new MemoryStore();
    await syncPlaybooks(store, new PlaybookRegistry(DEFAULT_PLAYBOOK), [school()]);
    const changed = school();
    changed.tips = [...changed.tips, { nl: 'Nieuwe tip' }];
    const error = await rejection(syncPlaybooks(store, new PlaybookRegistry(DEFAULT_PLAYBOOK), [changed]));
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'PlaybookVersionConflict', params: { key: 'school-x', version: 1 } });
    expect((await store.playbooks.get('school-x', 1))?.content.tips).toHaveLength(7);
  });

  it('a later start knows every stored version, so old incidents keep their plan', async () => {
    const store = new MemoryStore();
    await syncPlaybooks(store, new PlaybookRegistry(DEFAULT_PLAYBOOK), [school()]);
    const v2 = { ...school(), version: 2, tips: [] };
    const registry = new PlaybookRegistry(v2);
    expect(thrown(() => registry.get('school-x', 1))).toMatchObject({ code: 'PlaybookNotFound' });
    await syncPlaybooks(store, registry, [v2]);
    expect(registry.get('school-x', 1).tips).toHaveLength(7);
    expect(registry.get('school-x', 2).tips).toEqual([]);
    expect(registry.active).toBe(v2);
  });
});

describe('isStepApplicable', () => {
  const facts = (patch: Partial<IncidentFacts> = {}): IncidentFacts => ({
    madeVoluntarily: 'unknown',
    perpetratorKnown: 'unknown',
    perpetratorAtOtherSchool: 'unknown',
    spread: 'unknown',
    ...patch,
  });
  const step = (applicableWhen?: PlaybookStep['applicableWhen']): PlaybookStep => ({
    key: 's',
    posterOrder: 1,
    title: { nl: 'S' },
    guidance: [],
    ...(applicableWhen ? { applicableWhen } : {}),
  });

  it('a step without conditions always applies', () => {
    expect(isStepApplicable(step(), facts({ perpetratorKnown: 'no' }))).toBe(true);
    expect(isStepApplicable(step([]), facts())).toBe(true);
  });

  it('applies only when every condition holds', () => {
    const both = step([
      { fact: 'perpetratorKnown', in: ['yes', 'unknown'] },
      { fact: 'perpetratorAtOtherSchool', in: ['yes', 'unknown'] },
    ]);
    expect(isStepApplicable(both, facts())).toBe(true);
    expect(isStepApplicable(both, facts({ perpetratorKnown: 'yes', perpetratorAtOtherSchool: 'yes' }))).toBe(
      true,
    );
    expect(isStepApplicable(both, facts({ perpetratorKnown: 'no' }))).toBe(false);
    expect(isStepApplicable(both, facts({ perpetratorAtOtherSchool: 'no' }))).toBe(false);
    expect(isStepApplicable(step([{ fact: 'spread', in: ['school'] }]), facts({ spread: 'class' }))).toBe(
      false,
    );
  });
});
