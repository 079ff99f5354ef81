import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/core/errors/domain-error.js';
import { isUnavailable } from '../../src/core/errors/unavailable.js';
import { errorMessage } from '../../src/core/i18n/catalogue.js';

describe('a database that cannot be reached', () => {
  const dropped = new Error('Connection terminated unexpectedly');
  const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
  const shutdown = Object.assign(new Error('terminating connection due to administrator command'), {
    code: '57P01',
  });

  it('is told apart from a bug by the error’s shape, also when wrapped', () => {
    for (const error of [dropped, refused, shutdown, new Error('wrapped', { cause: refused })]) {
      expect(isUnavailable(error)).toBe(true);
    }
    for (const error of [
      new TypeError('x is undefined'),
      Object.assign(new Error('dup'), { code: '23505' }),
      null,
    ]) {
      expect(isUnavailable(error)).toBe(false);
    }
  });

  it('gets the calm "Even geduld" sentence in both languages; other errors keep theirs', () => {
    expect(errorMessage(dropped, 'nl')).toMatch(/^Even geduld, probeer het zo opnieuw\./);
    expect(errorMessage(refused, 'en')).toMatch(/^Please wait a moment and try again\./);
    expect(errorMessage(new TypeError('x'), 'nl')).toMatch(/^Er ging iets mis\./);
    expect(errorMessage(new DomainError('NotAMember'), 'nl')).not.toMatch(/Even geduld/);
  });
});
