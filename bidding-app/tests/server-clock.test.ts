import { noteServerTime, resetServerClock, serverClockOffsetMs, serverNow } from '../src/lib/server-clock';

beforeEach(() => resetServerClock());

test('the offset puts the server stamp in the middle of the round trip', () => {
  // Sent at 1,000, received at 1,100 (browser clock); the server said 61,000.
  noteServerTime(61_000, 1_000, 1_100);
  expect(serverClockOffsetMs()).toBe(61_000 + 50 - 1_100);
  expect(Math.abs(serverNow() - (Date.now() + 59_950))).toBeLessThan(50);
});

test('a sample with a much slower round trip does not replace a good one', () => {
  noteServerTime(10_000, 1_000, 1_010);
  const good = serverClockOffsetMs();
  noteServerTime(99_000, 2_000, 4_000);
  expect(serverClockOffsetMs()).toBe(good);
  noteServerTime(20_500, 11_000, 11_008);
  expect(serverClockOffsetMs()).toBe(20_500 + 4 - 11_008);
});

test('an old estimate gives way even to a slow sample', () => {
  noteServerTime(10_000, 1_000, 1_010);
  noteServerTime(900_000, 400_000, 402_000);
  expect(serverClockOffsetMs()).toBe(900_000 + 1_000 - 402_000);
});

test('nonsense samples are ignored', () => {
  noteServerTime(Number.NaN, 1_000, 1_010);
  noteServerTime(5_000, 2_000, 1_000);
  expect(serverClockOffsetMs()).toBe(0);
});
