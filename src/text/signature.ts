import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * What a card carries between two requests and the server must be able to trust (a module card's
 * position, a reported message) is signed with the server's card secret (CARD_STATE_SECRET): an
 * HMAC over the parts in a fixed order, so a card edited by hand or forwarded is refused.
 */
export function signParts(secret: string, parts: readonly unknown[]): string {
  return createHmac('sha256', secret).update(JSON.stringify(parts)).digest('base64url');
}

/** Compares in constant time: how much of a guess was right must not show in the answer's timing. */
export function sameSignature(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
