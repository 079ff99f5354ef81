import { describe, expect, it } from 'vitest';
import { BOT_TABLE_PRIVILEGES } from '../../src/db/bot-role.rules.js';

// Whether the list names every table is checked at start-up against the migrated schema; see
// tests/db/database-roles.test.ts.
describe("the bot role's privileges per table", () => {
  it('allow only reading and adding on the audit trail, and never TRUNCATE, REFERENCES or TRIGGER', () => {
    expect(BOT_TABLE_PRIVILEGES.audit_event).toEqual(['SELECT', 'INSERT']);
    for (const privileges of Object.values(BOT_TABLE_PRIVILEGES)) {
      expect(
        privileges.every((privilege) => ['SELECT', 'INSERT', 'UPDATE', 'DELETE'].includes(privilege)),
      ).toBe(true);
      expect(privileges).toContain('SELECT');
    }
  });
});
