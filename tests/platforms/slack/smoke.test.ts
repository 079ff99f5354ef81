import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  ANNA,
  BAS,
  type Harness,
  openIncident,
  startFakeSlack,
  startHarness,
} from './support/slack-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness(await startFakeSlack());
});
afterAll(async () => {
  await h?.close();
  await h?.fake.close();
});

it('opens', async () => {
  try {
    const { channel, card } = await openIncident(h, ANNA, { title: 'Foto 2B', invited: [BAS] });
    expect(channel.isPrivate).toBe(true);
    const r = await h.people.click(BAS, card('phase:direct'), { kind: 'claim', step: 'scope-impact' });
    console.log(r.status, r.text);
    await h.fake.waitFor(() => h.fake.state.ephemerals.length > 0);
    console.log(h.fake.state.ephemerals);
  } finally {
    console.log(
      h.fake.calls
        .map((c) => `${c.method} ${c.ok} ${c.error ?? ''} ${c.detail ? JSON.stringify(c.detail) : ''}`)
        .join('\n'),
    );
    console.log(h.logs.join('\n'));
  }
});
