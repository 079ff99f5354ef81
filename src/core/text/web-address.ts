/**
 * Web addresses as people read them. A poster prints "www.meldknop.nl"; a card shows the address
 * itself as the link's text, so nobody has to trust a link hidden behind other words.
 */

const ADDRESS = /^(https?:\/\/)?((?:[a-z0-9-]+\.)+[a-z]{2,})(\/[^\s]*)?$/i;

/** The https link for a line that is only a web address ("www.meldknop.nl"), else null. */
export function webAddressUrl(line: string): string | null {
  const match = ADDRESS.exec(line.trim());
  if (!match?.[2]?.includes('.')) return null;
  // A bare word with a dot but no "www." and no scheme (e.g. "bv.") is not taken for an address.
  if (!match[1] && !/^www\./i.test(match[2])) return null;
  return `https://${match[2]}${match[3] ?? ''}`;
}

/** "https://www.stappenplansexting.nl" → "stappenplansexting.nl": the address as a person reads it. */
export function readableAddress(url: string): string {
  return url
    .trim()
    .replace(/^https?:\/\//i, '')
    .replace(/^www\./i, '')
    .replace(/\/$/, '');
}

/** "020 - 6626559" → "tel:+31206626559" (a Dutch number, for a tappable link). */
export function telUrl(phone: string): string | null {
  const digits = phone.replace(/[^\d+]/g, '');
  if (/^\+\d{8,15}$/.test(digits)) return `tel:${digits}`;
  if (/^0\d{9}$/.test(digits)) return `tel:+31${digits.slice(1)}`;
  return null;
}
