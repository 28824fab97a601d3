import { NOTIFICATION_KINDS } from '@car-auction/contracts';
import { unsubscribeSignature, unsubscribeUrl, verifyUnsubscribe } from '../src/mail/unsubscribe-link';

const SECRET = 'test-secret-of-enough-length';

const paramsOf = (url: string) => {
  const query = new URL(url).searchParams;
  return { u: query.get('u') ?? '', k: query.get('k') ?? '', s: query.get('s') ?? '' };
};

describe('unsubscribe links', () => {
  test('a link made for a user and kind verifies as that user and kind', () => {
    for (const kind of NOTIFICATION_KINDS) {
      const url = unsubscribeUrl('https://auctions.example.com', SECRET, 42, kind);
      expect(url).toMatch(/^https:\/\/auctions\.example\.com\/unsubscribe\?u=42&k=[a-z_]+&s=[A-Za-z0-9_-]{43}$/);
      expect(verifyUnsubscribe(SECRET, paramsOf(url))).toEqual({ ok: true, userId: 42, kind });
    }
  });

  test('a trailing slash on the base url does not double up', () => {
    expect(unsubscribeUrl('https://auctions.example.com/', SECRET, 7, 'won')).toMatch(/^https:\/\/auctions\.example\.com\/unsubscribe\?/);
    expect(unsubscribeUrl('https://auctions.example.com/app//', SECRET, 7, 'won')).toMatch(
      /^https:\/\/auctions\.example\.com\/app\/unsubscribe\?/,
    );
  });

  test('the signature is base64url HMAC-SHA256 of "<userId>:<kind>" and differs per user and kind', () => {
    const sig = unsubscribeSignature(SECRET, 42, 'outbid');
    expect(sig).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(unsubscribeSignature(SECRET, 42, 'outbid')).toBe(sig);
    expect(unsubscribeSignature(SECRET, 43, 'outbid')).not.toBe(sig);
    expect(unsubscribeSignature(SECRET, 42, 'won')).not.toBe(sig);
  });

  test('an empty secret is refused rather than used', () => {
    expect(() => unsubscribeSignature('', 1, 'won')).toThrow(/secret/);
  });

  const good = () => paramsOf(unsubscribeUrl('https://a.example', SECRET, 42, 'outbid'));
  const altered = { ok: false, reason: 'This unsubscribe link is not valid: it may have been altered.' };

  test('an altered user id is refused', () => {
    expect(verifyUnsubscribe(SECRET, { ...good(), u: '43' })).toEqual(altered);
  });

  test('an altered kind is refused', () => {
    expect(verifyUnsubscribe(SECRET, { ...good(), k: 'won' })).toEqual(altered);
  });

  test('an altered signature is refused, whatever its length', () => {
    const { s } = good();
    const flipped = (s.startsWith('A') ? 'B' : 'A') + s.slice(1);
    expect(verifyUnsubscribe(SECRET, { ...good(), s: flipped })).toEqual(altered);
    expect(verifyUnsubscribe(SECRET, { ...good(), s: s.slice(1) })).toEqual(altered);
    expect(verifyUnsubscribe(SECRET, { ...good(), s: `${s}A` })).toEqual(altered);
    expect(verifyUnsubscribe(SECRET, { ...good(), s: 'é'.repeat(43) })).toEqual(altered);
  });

  test('a link signed with another secret is refused', () => {
    expect(verifyUnsubscribe('another-secret', good())).toEqual(altered);
  });

  test('missing parameters are refused as incomplete', () => {
    const incomplete = { ok: false, reason: 'This unsubscribe link is incomplete.' };
    const { u, k, s } = good();
    expect(verifyUnsubscribe(SECRET, {})).toEqual(incomplete);
    expect(verifyUnsubscribe(SECRET, { k, s })).toEqual(incomplete);
    expect(verifyUnsubscribe(SECRET, { u, s })).toEqual(incomplete);
    expect(verifyUnsubscribe(SECRET, { u, k })).toEqual(incomplete);
    expect(verifyUnsubscribe(SECRET, { u: '', k, s })).toEqual(incomplete);
  });

  test('ids that are not positive decimal integers are refused', () => {
    const { k, s } = good();
    for (const u of ['abc', '-42', '0', '042', '4.2e1', '42.0', ' 42', '0x2a', '99999999999999999999', '1e3']) {
      const result = verifyUnsubscribe(SECRET, { u, k, s });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason).toMatch(/^This unsubscribe link is not valid/);
    }
  });

  test('an unknown kind and repeated parameters are refused', () => {
    const { u, s } = good();
    expect(verifyUnsubscribe(SECRET, { u, k: 'newsletter', s })).toEqual({
      ok: false,
      reason: 'This unsubscribe link is not valid: it names no kind of email we send.',
    });
    expect(verifyUnsubscribe(SECRET, { ...good(), u: ['42', '43'] }).ok).toBe(false);
    expect(verifyUnsubscribe(SECRET, { ...good(), k: ['outbid'] }).ok).toBe(false);
  });

  test('a link cannot be made for an id the verifier would refuse', () => {
    expect(() => unsubscribeUrl('https://a.example', SECRET, 0, 'won')).toThrow(RangeError);
    expect(() => unsubscribeUrl('https://a.example', SECRET, 1.5, 'won')).toThrow(RangeError);
  });
});
