import { InvalidInputError } from '../errors/domain-error.js';
import type { Clock } from '../ports/clock.js';
import { looksLikePupilName } from './pupil-name.rules.js';

/** A text a person entered and the field it belongs to (`title`, `note`, `items.2.what`). */
export interface EnteredText {
  field: string;
  text: string;
}

/**
 * The pupil-name check: a check, not a block. Unless the person already saw the question for
 * this dialog (`confirmed`), a text that looks like a pupil's name is refused once with a field
 * error that asks "Bevat dit de naam van een leerling?". Sending it again saves it.
 */
export function checkPupilNames(entered: readonly EnteredText[], confirmed: boolean): void {
  if (confirmed) return;
  for (const { field, text } of entered) {
    const fragments = looksLikePupilName(text);
    if (fragments) throw new InvalidInputError(field, 'pupilName', { fragment: fragments[0] ?? text });
  }
}

/** Every text answer of a submitted form, with its path (`whatIsHappening`, `items.1.who`). */
export function formTexts(form: unknown, prefix = ''): EnteredText[] {
  if (typeof form === 'string') return prefix ? [{ field: prefix, text: form }] : [];
  if (Array.isArray(form)) return form.flatMap((item, index) => formTexts(item, `${prefix}.${index}`));
  if (!form || typeof form !== 'object') return [];
  return Object.entries(form as Record<string, unknown>)
    .filter(([key]) => key !== 'id')
    .flatMap(([key, value]) => formTexts(value, prefix ? `${prefix}.${key}` : key));
}

/**
 * Remembers, for a while, which dialogs already showed the question, so the platform can tell
 * the core the second send is a confirmation. Keys are the platform's dialog ids; nothing of the
 * text itself is kept.
 */
export class AskedOnce {
  private readonly asked = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs = 60 * 60 * 1000,
  ) {}

  remember(key: string): void {
    const now = this.clock.now().getTime();
    for (const [known, until] of this.asked) if (until <= now) this.asked.delete(known);
    this.asked.set(key, now + this.ttlMs);
  }

  /** True when the question was shown for this dialog (and forgets it: it is asked once). */
  take(key: string): boolean {
    const until = this.asked.get(key);
    this.asked.delete(key);
    return until !== undefined && until > this.clock.now().getTime();
  }
}
