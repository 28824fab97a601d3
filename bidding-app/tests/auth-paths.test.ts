import { loginPath, registerPath, safeNextPath } from '../src/lib/auth-paths';

test('links to the auth pages carry where to come back to, encoded', () => {
  expect(loginPath('/auctions/abc')).toBe('/login?next=%2Fauctions%2Fabc');
  expect(registerPath('/auctions?phase=ended')).toBe('/register?next=%2Fauctions%3Fphase%3Dended');
  expect(loginPath()).toBe('/login');
  expect(registerPath()).toBe('/register');
});

test.each([
  ['/auctions/abc', '/auctions/abc'],
  [null, '/auctions'],
  ['', '/auctions'],
  ['//evil.example/x', '/auctions'],
  ['https://evil.example', '/auctions'],
])('next %p leads to %p', (next, expected) => {
  expect(safeNextPath(next)).toBe(expected);
});
