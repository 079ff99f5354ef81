import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/core/errors/domain-error.js';
import {
  applyTask,
  isTaskOverdue,
  keepTasks,
  taskLines,
  taskRowChoices,
  tasksOf,
} from '../../src/core/forms/form-tasks.js';
import { thrown } from '../support/core-fixture.js';

const LIST = {
  items: [
    { id: 'r1', who: 'mentor', what: 'Ouders bellen' },
    { id: 'r2', who: 'zorg', what: 'Gesprek met de klas' },
  ],
};
const ctx = { isMember: (userId: string) => ['U-ANNA', 'U-BAS'].includes(userId), today: '2026-12-01' };
const task = (rowId: string, due: string, done = false) => ({ rowId, ownerId: 'U-BAS', due, done });

describe('making a row a task', () => {
  it('puts the owner, the last day and done on the row; the other rows stay as they were', () => {
    const made = applyTask(LIST, task('r2', '2026-12-04'), ctx);
    expect(made.created).toBe(true);
    expect(made.task).toEqual({ what: 'Gesprek met de klas', ...task('r2', '2026-12-04') });
    expect(made.data.items).toEqual([
      LIST.items[0],
      { ...LIST.items[1], taskOwner: 'U-BAS', taskDue: '2026-12-04', taskDone: false },
    ]);
    expect(tasksOf(made.data)).toEqual([made.task]);
  });

  it('changes the task of a row that has one', () => {
    const first = applyTask(LIST, task('r1', '2026-12-04'), ctx).data;
    const again = applyTask(first, { rowId: 'r1', ownerId: 'U-ANNA', due: '2026-12-10', done: false }, ctx);
    expect(again.created).toBe(false);
    expect(tasksOf(again.data)).toEqual([
      { rowId: 'r1', what: 'Ouders bellen', ownerId: 'U-ANNA', due: '2026-12-10', done: false },
    ]);
  });

  it.each([
    ['an unknown row', task('r9', '2026-12-04'), 'taskRow', 'oneOf'],
    ['no row', task('', '2026-12-04'), 'taskRow', 'oneOf'],
    [
      'an owner who is no member',
      { ...task('r1', '2026-12-04'), ownerId: 'U-EVE' },
      'taskOwner',
      'notAMember',
    ],
    ['no owner', { ...task('r1', '2026-12-04'), ownerId: '' }, 'taskOwner', 'required'],
    ['no date', task('r1', ''), 'taskDue', 'required'],
    ['a date in the past', task('r1', '2026-11-30'), 'taskDue', 'notBefore'],
    ['no real date', task('r1', '2026-02-30'), 'taskDue', 'date'],
    ['a date after 2100', task('r1', '2101-01-01'), 'taskDue', 'dateRange'],
  ])('refuses %s', (_name, input, field, rule) => {
    const error = thrown(() => applyTask(LIST, input, ctx));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).params).toMatchObject({ field, rule });
  });

  it('lets a task whose day has passed be marked done on its own date, but not moved into the past', () => {
    const stored = applyTask(LIST, task('r1', '2026-12-04'), ctx).data;
    const later = { ...ctx, today: '2026-12-08' };
    expect(tasksOf(applyTask(stored, task('r1', '2026-12-04', true), later).data)[0]?.done).toBe(true);
    expect((thrown(() => applyTask(stored, task('r1', '2026-12-05'), later)) as InvalidInputError).rule).toBe(
      'notBefore',
    );
  });

  it('offers only stored rows, by what they are about', () => {
    expect(taskRowChoices({ items: [...LIST.items, { who: 'x', what: 'not stored yet' }] })).toEqual([
      { value: 'r1', label: 'Ouders bellen' },
      { value: 'r2', label: 'Gesprek met de klas' },
    ]);
    expect(taskRowChoices(null)).toEqual([]);
  });
});

describe('saving the action list again', () => {
  it('keeps the tasks of the rows it keeps and drops those of removed rows', () => {
    const withTasks = applyTask(
      applyTask(LIST, task('r1', '2026-12-04'), ctx).data,
      task('r2', '2026-12-05'),
      ctx,
    );
    const saved = keepTasks(
      {
        items: [
          { id: 'r2', who: 'zorg', what: 'Gesprek met klas 2B' },
          { id: 'r3', who: 'x', what: 'Nieuw' },
        ],
      },
      withTasks.data,
    );
    expect(saved.items).toEqual([
      {
        id: 'r2',
        who: 'zorg',
        what: 'Gesprek met klas 2B',
        taskOwner: 'U-BAS',
        taskDue: '2026-12-05',
        taskDone: false,
      },
      { id: 'r3', who: 'x', what: 'Nieuw' },
    ]);
  });
});

describe('tasks on the card', () => {
  const stored = applyTask(
    applyTask(LIST, task('r1', '2026-12-04'), ctx).data,
    task('r2', '2026-12-04', true),
    ctx,
  );
  const lines = (now: string) =>
    taskLines(stored.data, {
      locale: 'nl',
      now: new Date(now),
      timeZone: 'Europe/Amsterdam',
      nameOf: (userId) => (userId === 'U-BAS' ? 'Bas' : userId),
    });

  it('shows each task with its owner and last day, and a done one as done', () => {
    expect(lines('2026-12-04T22:59:00Z')).toEqual([
      'Taak: Ouders bellen — Bas, vóór 4 dec 2026',
      'Taak: Gesprek met de klas — Bas, vóór 4 dec 2026 (klaar)',
    ]);
  });

  it('marks a task late once its day has ended in the school’s time zone', () => {
    // 23:00 UTC on 4 December is midnight in Amsterdam.
    expect(lines('2026-12-04T23:00:00Z')[0]).toBe('Taak: Ouders bellen — Bas, vóór 4 dec 2026 (te laat)');
    const [open, done] = tasksOf(stored.data);
    expect(isTaskOverdue(open!, new Date('2026-12-04T22:59:59Z'), 'Europe/Amsterdam')).toBe(false);
    expect(isTaskOverdue(done!, new Date('2026-12-09T12:00:00Z'), 'Europe/Amsterdam')).toBe(false);
  });
});
