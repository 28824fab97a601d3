import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { LoginPage } from '../src/app/routes/login-page';
import { RegisterPage, registrationProblem } from '../src/app/routes/register-page';
import { sessionStore } from '../src/lib/session-store';
import { fakeJwt, stubFetch } from './support/fetch-stub';
import { renderWithApp } from './support/render';

const user = { id: 7, username: 'alice', email: 'alice@example.test' };

test('logs in, keeps the session and goes where it was asked to', async () => {
  const jwt = fakeJwt(Date.now() + 600_000);
  const calls = stubFetch(() => ({ status: 200, body: { jwt, refreshToken: 'r1', user: { ...user, confirmed: true } } }));
  renderWithApp(<LoginPage />, { route: '/login?next=/auctions', path: '/login' });
  await userEvent.type(screen.getByLabelText('Email or username'), 'alice');
  await userEvent.type(screen.getByLabelText('Password'), 'Secret-pass-123');
  await userEvent.keyboard('{Enter}');
  expect(await screen.findByText('auctions list')).toBeInTheDocument();
  expect(calls[0]).toMatchObject({ method: 'POST', body: { identifier: 'alice', password: 'Secret-pass-123' } });
  expect(sessionStore.get().session).toEqual({ jwt, refreshToken: 'r1', user });
});

test("a refused login shows the server's message and stays put", async () => {
  stubFetch(() => ({
    status: 400,
    body: { data: null, error: { status: 400, name: 'ValidationError', message: 'Invalid identifier or password', details: {} } },
  }));
  renderWithApp(<LoginPage />, { route: '/login', path: '/login' });
  await userEvent.type(screen.getByLabelText('Email or username'), 'alice');
  await userEvent.type(screen.getByLabelText('Password'), 'nope');
  await userEvent.click(screen.getByRole('button', { name: 'Log in' }));
  expect(await screen.findByTestId('auth-error')).toHaveTextContent('Invalid identifier or password');
  expect(sessionStore.get().session).toBeNull();
});

test('after an expired session the login page says why', () => {
  sessionStore.signIn({ jwt: fakeJwt(Date.now()), refreshToken: 'r', user });
  sessionStore.signOut('expired');
  renderWithApp(<LoginPage />, { route: '/login', path: '/login' });
  expect(screen.getByRole('status')).toHaveTextContent('Your session has expired. Please log in again.');
});

test('an off-site "next" is ignored', async () => {
  stubFetch(() => ({ status: 200, body: { jwt: fakeJwt(Date.now() + 600_000), refreshToken: 'r1', user } }));
  renderWithApp(<LoginPage />, { route: '/login?next=//evil.example/x', path: '/login' });
  await userEvent.type(screen.getByLabelText('Email or username'), 'alice');
  await userEvent.type(screen.getByLabelText('Password'), 'Secret-pass-123');
  await userEvent.keyboard('{Enter}');
  expect(await screen.findByText('auctions list')).toBeInTheDocument();
});

test('register checks the form first, then shows what the server refused', async () => {
  expect(registrationProblem({ username: 'al', email: 'a@b.co', password: 'longenough' })).toMatch(/username/);
  expect(registrationProblem({ username: 'alice', email: 'nope', password: 'longenough' })).toMatch(/email/);
  expect(registrationProblem({ username: 'alice', email: 'a@b.co', password: 'short' })).toMatch(/password/);
  stubFetch(() => ({
    status: 400,
    body: { data: null, error: { status: 400, message: 'Email or Username are already taken', details: {} } },
  }));
  renderWithApp(<RegisterPage />, { route: '/register', path: '/register' });
  await userEvent.type(screen.getByLabelText('Username'), 'alice');
  await userEvent.type(screen.getByLabelText('Email'), 'alice@example.test');
  await userEvent.type(screen.getByLabelText('Password'), 'Secret-pass-123');
  await userEvent.click(screen.getByRole('button', { name: 'Create account' }));
  await waitFor(() => expect(screen.getByTestId('auth-error')).toHaveTextContent('Email or Username are already taken'));
});
