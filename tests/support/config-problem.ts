import { expect } from 'vitest';
import { ConfigError } from '../../src/config/config.js';

/**
 * The message of the ConfigError that `load` throws; the test fails when it throws nothing or
 * something else. `oneLine`: the message must also fit on one line (a start-up log line).
 */
export function configProblem(load: () => unknown, options: { oneLine?: boolean } = {}): string {
  try {
    load();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    if (options.oneLine) expect(message.split('\n')).toHaveLength(1);
    return message;
  }
  throw new Error('expected a ConfigError');
}
