import { formatCents, parseMoneyToCents } from '../src/lib/money';

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
