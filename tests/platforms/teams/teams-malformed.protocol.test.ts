import { describe, expect, it } from 'vitest';
import { t } from '../../../src/core/i18n/catalogue.js';
import { activityShapeProblem } from '../../../src/platforms/teams/activity-shape.js';
import { clickActivity, messageActivity } from './support/teams-activities.support.js';
import { teamsHarness } from './support/teams-harness.js';
import { ANNA, GENERAL } from './support/teams-people.support.js';

/** Bodies that are JSON but not a Bot Framework activity: the sender's fault, so 400, never 500. */
describe('Teams: a malformed activity', () => {
  const h = teamsHarness({ space: 'chat' });

  it('gets 400 when a string field is not a string or an account is not an object', async () => {
    const good = messageActivity(h.microsoft, ANNA, 'incident status', { channel: GENERAL });
    for (const broken of [
      { ...good, locale: 42 },
      { ...good, serviceUrl: { a: 1 } },
      { ...good, from: 'aad-anna' },
      { ...good, conversation: { ...good.conversation, id: 7 } },
      { ...good, channelData: 'x' },
    ]) {
      expect((await h.post(broken)).status, JSON.stringify(broken).slice(0, 120)).toBe(400);
    }
    expect((await h.post(good)).status).toBe(200);
  });

  it('answers a verb named after an object property ("constructor") as an unknown button, not 501', async () => {
    for (const verb of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const answer = await h.post(clickActivity(h.microsoft, ANNA, verb, { k: 'x' }, { channel: GENERAL }));
      expect(answer.status, verb).toBe(200);
      expect(JSON.stringify(answer.body)).toContain(t('nl', 'error.InvalidAction'));
    }
  });

  it('names the first field that is wrong', () => {
    expect(activityShapeProblem({ type: 'message', locale: ['nl'] })).toBe('locale');
    expect(activityShapeProblem({ type: 'message', recipient: { id: null } })).toBeNull();
    expect(activityShapeProblem({ type: 'message', recipient: [] })).toBe('recipient');
  });
});
