import { NOTIFICATION_KINDS, type NotificationKind } from '@car-auction/contracts';
import { notificationText, type NotificationFacts } from '../src/mail/notification-text';
import { renderMail, type MailInput } from '../src/mail/render-mail';

const TITLE = '1967 Ford Mustang';
const UNSUBSCRIBE = 'https://auctions.example.com/unsubscribe?u=42&k=outbid&s=abc_-123';
const AUCTION = 'https://auctions.example.com/auctions/a1';

const FULL_FACTS: Record<NotificationKind, NotificationFacts> = {
  outbid: { price: 1_200_000 },
  leading: { price: 1_200_000 },
  reserve_met: { price: 1_500_000 },
  ending_soon: { window: '10m', endsAt: Date.UTC(2030, 0, 1) },
  won: { finalPrice: 1_600_000, status: 'sold' },
  lost: { status: 'sold', finalPrice: 1_600_000 },
  ended: { status: 'sold', finalPrice: 1_600_000 },
  withdrawn: { reason: 'The seller sold the car privately' },
};

const input = (kind: NotificationKind, over: Partial<MailInput> = {}): MailInput => ({
  kind,
  recipientName: 'Ada',
  auctionTitle: TITLE,
  auctionUrl: AUCTION,
  unsubscribeUrl: UNSUBSCRIBE,
  facts: FULL_FACTS[kind],
  ...over,
});

describe('notificationText', () => {
  test.each<[NotificationKind, NotificationFacts, string]>([
    ['outbid', { price: 1_200_000 }, 'You were outbid on 1967 Ford Mustang: the price is now $12,000.00.'],
    ['leading', { price: 1_200_000 }, 'You lead 1967 Ford Mustang at $12,000.00.'],
    ['reserve_met', { price: 1_500_000 }, 'The reserve is met on 1967 Ford Mustang: it will sell (price $15,000.00).'],
    ['ending_soon', { window: '1h' }, '1967 Ford Mustang ends in 1 hour.'],
    ['ending_soon', { window: '10m' }, '1967 Ford Mustang ends in 10 minutes.'],
    ['won', { finalPrice: 1_600_000 }, 'You won 1967 Ford Mustang for $16,000.00.'],
    ['lost', { status: 'sold' }, '1967 Ford Mustang ended: another bidder won it.'],
    ['lost', { status: 'unsold' }, '1967 Ford Mustang ended without a sale: the reserve was not met.'],
    ['ended', { status: 'sold', finalPrice: 1_600_000 }, '1967 Ford Mustang sold for $16,000.00.'],
    ['ended', { status: 'unsold', finalPrice: null }, '1967 Ford Mustang ended without a sale.'],
    ['withdrawn', { reason: 'The seller sold the car privately' }, '1967 Ford Mustang was withdrawn: The seller sold the car privately.'],
  ])('%s %j', (kind, facts, expected) => {
    expect(notificationText(kind, TITLE, facts)).toBe(expected);
  });

  test('missing facts drop their clause', () => {
    expect(notificationText('outbid', TITLE, {})).toBe('You were outbid on 1967 Ford Mustang.');
    expect(notificationText('outbid', TITLE, { price: NaN })).toBe('You were outbid on 1967 Ford Mustang.');
    expect(notificationText('won', TITLE, { finalPrice: null })).toBe('You won 1967 Ford Mustang.');
    expect(notificationText('ending_soon', TITLE, {})).toBe('1967 Ford Mustang ends soon.');
    expect(notificationText('ended', TITLE, {})).toBe('1967 Ford Mustang ended.');
    expect(notificationText('withdrawn', TITLE, { reason: '  ' })).toBe('1967 Ford Mustang was withdrawn.');
    expect(notificationText('ending_soon', '', {})).toBe('An auction ends soon.');
    expect(notificationText('outbid', '', {})).toBe('You were outbid on an auction.');
  });

  test('the line stays on one line', () => {
    expect(notificationText('withdrawn', '1967\nFord  Mustang', { reason: 'Damaged\r\nin transit.' })).toBe(
      '1967 Ford Mustang was withdrawn: Damaged in transit.',
    );
  });
});

describe('renderMail', () => {
  test.each(NOTIFICATION_KINDS)('%s renders a subject, text and html naming the auction, with the unsubscribe url', (kind) => {
    const mail = renderMail(input(kind));
    expect(mail.subject).toContain(TITLE);
    expect(mail.subject.length).toBeLessThan(120);
    for (const body of [mail.text, mail.html]) {
      expect(body).toContain(TITLE);
      expect(body).toContain('Ada');
      expect(body).toContain(notificationText(kind, TITLE, FULL_FACTS[kind]));
      expect(body).toContain('Unsubscribe from these emails');
    }
    expect(mail.text).toContain(UNSUBSCRIBE);
    expect(mail.text).toContain(AUCTION);
    expect(mail.html).toContain(`href="${UNSUBSCRIBE.replace(/&/g, '&amp;')}"`);
    expect(mail.html).toContain(`href="${AUCTION}"`);
  });

  test('subjects say what happened', () => {
    expect(renderMail(input('outbid')).subject).toBe('Outbid: 1967 Ford Mustang');
    expect(renderMail(input('ending_soon')).subject).toBe('Ending in 10 minutes: 1967 Ford Mustang');
    expect(renderMail(input('ending_soon', { facts: { window: '1h' } })).subject).toBe('Ending in 1 hour: 1967 Ford Mustang');
    expect(renderMail(input('won')).subject).toBe('You won: 1967 Ford Mustang');
    expect(renderMail(input('withdrawn')).subject).toBe('Withdrawn: 1967 Ford Mustang');
  });

  test('the call to action fits the kind', () => {
    expect(renderMail(input('outbid')).text).toContain(`Bid again: ${AUCTION}`);
    expect(renderMail(input('ending_soon')).text).toContain(`Bid again: ${AUCTION}`);
    expect(renderMail(input('won')).text).toContain(`See the auction: ${AUCTION}`);
    expect(renderMail(input('outbid')).html).toMatch(/>Bid again<\/a>/);
    expect(renderMail(input('ended')).html).toMatch(/>See the auction<\/a>/);
  });

  test('the footer says why the mail came, from the kind label', () => {
    expect(renderMail(input('outbid')).text).toContain(
      `You get these emails when you are outbid. Unsubscribe from these emails: ${UNSUBSCRIBE}`,
    );
    expect(renderMail(input('ended')).html).toContain('You get these emails when an auction you watch ends.');
  });

  test('money is formatted as dollars', () => {
    const mail = renderMail(input('outbid'));
    expect(mail.text).toContain('$12,000.00');
    expect(mail.html).toContain('$12,000.00');
  });

  test('html escapes the title, the name, the reason and the urls', () => {
    const mail = renderMail(
      input('withdrawn', {
        auctionTitle: '<script>alert(1)</script> Mustang',
        recipientName: 'Ada "<b>" O\'Neil',
        facts: { reason: '<script>steal()</script> & more' },
        auctionUrl: 'https://a.example/x?a=1&b="><script>',
        unsubscribeUrl: "https://a.example/u?u=1&k=withdrawn&s='><img src=x>",
      }),
    );
    expect(mail.html).not.toMatch(/<script/i);
    expect(mail.html).not.toMatch(/<img/i);
    expect(mail.html).not.toContain('<b>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Mustang');
    expect(mail.html).toContain('&lt;script&gt;steal()&lt;/script&gt; &amp; more');
    expect(mail.html).toContain('Ada &quot;&lt;b&gt;&quot; O&#39;Neil');
    expect(mail.html).toContain('href="https://a.example/x?a=1&amp;b=&quot;&gt;&lt;script&gt;"');
    // The plain text part is not markup: it keeps the title as typed.
    expect(mail.text).toContain('<script>alert(1)</script> Mustang');
  });

  test("no 'undefined' or 'NaN' reaches any output, even with no facts, name or title", () => {
    for (const kind of NOTIFICATION_KINDS) {
      for (const over of [{ facts: {} }, { facts: { price: NaN, finalPrice: null } }, { facts: {}, recipientName: '', auctionTitle: '' }]) {
        const mail = renderMail(input(kind, over));
        for (const out of [mail.subject, mail.text, mail.html]) {
          expect(out).not.toMatch(/undefined|NaN|null/);
        }
        expect(mail.text).toContain(UNSUBSCRIBE);
      }
    }
  });

  test('a long title is shortened in the subject only', () => {
    const long = 'Barn find '.repeat(20).trim();
    const mail = renderMail(input('won', { auctionTitle: long }));
    expect(mail.subject.length).toBeLessThanOrEqual(100);
    expect(mail.subject.endsWith('…')).toBe(true);
    expect(mail.text).toContain(long);
  });
});
