import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/connect.js';
import { describeEachDatabase } from '../support/databases.js';
import { type DbFixture, dbFixture } from '../support/db-fixture.js';

// PostgreSQL refuses a NUL byte in text ("invalid byte sequence for encoding UTF8: 0x00"), so
// before the core cleaned typed text this title and note ended in "Er ging iets mis".
describeEachDatabase('typed text with control characters reaches the database cleaned', (target) => {
  let handle: DatabaseHandle;
  let fx: DbFixture;
  const lead = { userId: 'U-LEAD', displayName: 'Ilse' };

  beforeAll(async () => {
    handle = await target.open();
    fx = await dbFixture(handle);
  });
  afterAll(async () => handle?.close());

  it('a title, a note, a reason and a form answer with NUL bytes are stored without them', async () => {
    const opened = await fx.open(lead, { title: 'Foto\u0000 3B\u0007' });
    const incidentId = opened.id;
    const scope = { incidentId, actor: lead };
    await fx.steps.addNote({ ...scope, stepKey: 'police-advice' }, 'Politie\u0000 gebeld\r\nmorgen terug');
    await fx.steps.act(
      { ...scope, stepKey: 'check-protocols' },
      { kind: 'notApplicable', reason: 'Al\u0000 gedaan' },
    );
    await fx.steps.saveForm(
      { ...scope, stepKey: 'action-list' },
      { items: [{ who: 'men\u0000tor', what: 'bellen' }] },
    );

    const view = await fx.incidents.view(incidentId);
    expect(view.incident.title).toBe('Foto 3B');
    expect(view.notes.map((note) => note.text)).toEqual(['Politie gebeld\nmorgen terug']);
    expect(view.steps.find((step) => step.key === 'check-protocols')?.naReason).toBe('Al gedaan');
    const form = view.forms.find((answer) => answer.stepKey === 'action-list');
    expect(form?.data.items).toEqual([expect.objectContaining({ who: 'mentor', what: 'bellen' })]);
  });
});
