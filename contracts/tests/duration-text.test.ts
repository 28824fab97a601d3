import { describeDuration, formatDuration } from '../src';

test.each([
  [3 * 86_400_000 + 4 * 3_600_000 + 5_000, '3d 4h'],
  [5 * 3_600_000 + 7 * 60_000, '5h 07m'],
  [12 * 60_000 + 5_000, '12:05'],
  [9_999, '0:09'],
  [-5_000, '0:00'],
])('formats %p ms as %p', (ms, text) => expect(formatDuration(ms)).toBe(text));

test('spells durations out for screen readers', () => {
  expect(describeDuration(3_600_000 + 60_000)).toBe('1 hour 1 minute');
  expect(describeDuration(2 * 86_400_000 + 3 * 3_600_000 + 59_000)).toBe('2 days 3 hours');
  expect(describeDuration(500)).toBe('less than a second');
});
