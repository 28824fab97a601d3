import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AccountNav } from '../src/features/auth/components/account-nav';
import { sessionStore } from '../src/lib/session-store';
import { fakeJwt, stubFetch } from './support/fetch-stub';
import { renderWithApp } from './support/render';

test('logged out, the header offers the ways in', () => {
  renderWithApp(<AccountNav />);
  const nav = screen.getByRole('navigation', { name: 'Account' });
  expect(nav).toContainElement(screen.getByRole('link', { name: 'Log in' }));
  expect(screen.getByRole('link', { name: 'Log in' })).toHaveAttribute('href', '/login');
  expect(screen.getByRole('link', { name: 'Register' })).toHaveAttribute('href', '/register');
});

test('logged in, it names the user, and logging out ends the session and goes to the auctions', async () => {
  sessionStore.signIn({
    jwt: fakeJwt(Date.now() + 600_000),
    refreshToken: 'r',
    user: { id: 7, username: 'alice', email: 'a@example.test' },
  });
  const calls = stubFetch(() => ({ status: 200, body: { ok: true } }));
  renderWithApp(<AccountNav />, { route: '/auctions/auction1' });
  expect(screen.getByTestId('signed-in-as')).toHaveTextContent('alice');
  await userEvent.click(screen.getByRole('button', { name: 'Log out' }));
  expect(await screen.findByText('auctions list')).toBeInTheDocument();
  expect(calls[0]).toMatchObject({ method: 'POST' });
  expect(calls[0]!.url).toMatch(/\/api\/auth\/logout$/);
  expect(sessionStore.get().session).toBeNull();
});
