import { timeAgoText } from '../src/lib/relative-time';
import { NOW } from './support/fixtures';

const MINUTE = 60_000;

test.each([
  [0, 'just now'],
  [-5_000, 'just now'], // another server's clock a little ahead
  [59_000, 'just now'],
  [MINUTE, '1 minute ago'],
  [5 * MINUTE, '5 minutes ago'],
  [3 * 60 * MINUTE, '3 hours ago'],
  [26 * 60 * MINUTE, 'yesterday'],
  [3 * 24 * 60 * MINUTE, '3 days ago'],
])('%p ms ago reads %p', (ago, text) => {
  expect(timeAgoText(NOW - ago, NOW)).toBe(text);
});

test('past a week it is the date, with the year only when another', () => {
  expect(timeAgoText(Date.UTC(2026, 9, 2, 12), NOW)).toBe('Oct 2');
  expect(timeAgoText(Date.UTC(2025, 9, 2, 12), NOW)).toBe('Oct 2, 2025');
});
