import { describe, expect, it } from 'vitest';
import { FileOffers, OFFER_TTL_MS } from '../../../src/platforms/teams/files/file-offers.js';
import { FakeClock } from '../../support/core-fixture.js';

const offer = {
  workspaceId: 'w',
  incidentId: 'i',
  spaceId: 's',
  incidentNumber: '2026-0001',
  requesterId: 'aad-bas',
  requesterName: 'Bas',
  locale: 'nl' as const,
  file: { name: 'dossier-2026-0001.pdf', mimeType: 'application/pdf', bytes: new Uint8Array([1, 2, 3]) },
};

describe('offered files wait in memory for their person, once, for at most 10 minutes', () => {
  it('is handed out once, and only to the person it was made to', () => {
    const offers = new FileOffers(new FakeClock());
    const made = offers.add(offer);
    expect(offers.take(made.id, 'aad-dirk')).toBeNull();
    expect(offers.take(made.id, 'aad-bas')?.file.name).toBe('dossier-2026-0001.pdf');
    expect(offers.take(made.id, 'aad-bas')).toBeNull();
    expect(offers.size).toBe(0);
  });

  it('is gone after 10 minutes, even when asked for then', () => {
    const clock = new FakeClock();
    const offers = new FileOffers(clock);
    const late = offers.add(offer);
    const inTime = offers.add(offer);
    clock.advance(OFFER_TTL_MS - 1);
    expect(offers.take(inTime.id, 'aad-bas')).not.toBeNull();
    clock.advance(1);
    expect(offers.take(late.id, 'aad-bas')).toBeNull();
    expect(offers.size).toBe(0);
  });
});
