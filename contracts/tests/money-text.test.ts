import { formatCents, parseMoneyToCents, readCents } from '../src';

test('formats cents in the auction currency', () => {
  expect(formatCents(1_250_000, 'USD')).toBe('$12,500.00');
  expect(formatCents(99, 'EUR')).toBe('€0.99');
});

test.each([
  ['12500', 1_250_000],
  ['12,500', 1_250_000],
  ['$12 500.5', 1_250_050],
  ['0.01', 1],
])('reads %p as %p cents', (input, cents) => {
  expect(parseMoneyToCents(input)).toEqual({ ok: true, cents });
});

test.each(['', 'abc', '12.345', '-5', '0', '1e5', '99999999999'])('refuses %p with a message', (input) => {
  const result = parseMoneyToCents(input);
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.message).toMatch(/\w/);
});

test('reads typed money as cents from a least amount, naming the problem otherwise', () => {
  expect(readCents('0', 0)).toEqual({ ok: true, cents: 0 });
  expect(readCents('0')).toEqual({ ok: false, problem: 'too_small' });
  expect(readCents('15,000.5', 1)).toEqual({ ok: true, cents: 1_500_050 });
  expect(readCents(' ')).toEqual({ ok: false, problem: 'empty' });
  expect(readCents('1.005')).toEqual({ ok: false, problem: 'format' });
  expect(readCents('-5')).toEqual({ ok: false, problem: 'format' });
  expect(readCents('1000000001')).toEqual({ ok: false, problem: 'too_large' });
});
