import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { EMAIL_BY_DEFAULT, NOTIFICATION_KIND_LABELS, NOTIFICATION_KINDS, type EmailPreferences } from '@car-auction/contracts';
import { NotificationSettingsPage } from '../src/app/routes/notification-settings-page';
import { stubFetch, type StubbedCall } from './support/fetch-stub';
import { renderWithApp } from './support/render';
import { signIn } from './support/session';

/** The notifier's preferences: what GET answers, and PUT applied to it (or refused with `refusal`). */
function preferencesServer(refusal?: { status: number; message: string }) {
  let email: EmailPreferences = { ...EMAIL_BY_DEFAULT };
  return stubFetch((call: StubbedCall) => {
    if (call.method === 'PUT') {
      if (refusal) return { status: refusal.status, body: { error: refusal } };
      email = { ...email, ...(call.body as { email: Partial<EmailPreferences> }).email };
    }
    return { status: 200, body: { data: { email } } };
  });
}

const group = () => screen.getByRole('group', { name: 'Email me' });

beforeEach(() => signIn());

test('a checkbox per kind under "Email me", labelled with what it is about, set as the notifier says', async () => {
  const calls = preferencesServer();
  renderWithApp(<NotificationSettingsPage />, { route: '/notifications/settings' });
  expect(screen.getByRole('heading', { name: 'Notification settings' })).toBeInTheDocument();
  await screen.findByRole('group', { name: 'Email me' });
  expect(within(group()).getByRole('heading', { name: 'Email me' })).toBeInTheDocument();
  const boxes = within(group()).getAllByRole('checkbox');
  expect(boxes).toHaveLength(NOTIFICATION_KINDS.length);
  for (const kind of NOTIFICATION_KINDS) {
    const box = screen.getByRole('checkbox', { name: NOTIFICATION_KIND_LABELS[kind] });
    if (EMAIL_BY_DEFAULT[kind]) expect(box).toBeChecked();
    else expect(box).not.toBeChecked();
  }
  expect(screen.getByText(/In-app notifications always arrive/)).toBeInTheDocument();
  expect(screen.getByRole('link', { name: '← All notifications' })).toHaveAttribute('href', '/notifications');
  expect(calls[0]!.url).toBe('http://localhost:4100/api/notification-preferences');
});

test('a change is saved at once, that kind alone, and says "Saved"', async () => {
  const calls = preferencesServer();
  renderWithApp(<NotificationSettingsPage />, { route: '/notifications/settings' });
  const outbid = await screen.findByRole('checkbox', { name: 'When you are outbid' });
  await userEvent.click(outbid);
  expect(outbid).not.toBeChecked();
  await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Saved'));
  const put = calls.find((c) => c.method === 'PUT')!;
  expect(put).toMatchObject({ url: 'http://localhost:4100/api/notification-preferences', body: { email: { outbid: false } } });
  await userEvent.click(screen.getByRole('checkbox', { name: 'When you take the lead' }));
  await waitFor(() => expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(2));
  expect(calls.filter((c) => c.method === 'PUT')[1]!.body).toEqual({ email: { leading: true } });
  expect(screen.getByRole('checkbox', { name: 'When you take the lead' })).toBeChecked();
  expect(outbid).not.toBeChecked();
});

test("a refused change shows the notifier's message as written and puts the box back", async () => {
  const message = 'Send { "email": { "<kind>": true | false } } with kinds outbid, leading (email.outbid: Invalid input).';
  preferencesServer({ status: 400, message });
  renderWithApp(<NotificationSettingsPage />, { route: '/notifications/settings' });
  const outbid = await screen.findByRole('checkbox', { name: 'When you are outbid' });
  await userEvent.click(outbid);
  expect(await screen.findByRole('alert')).toHaveTextContent(message);
  expect(screen.getByTestId('save-error').textContent).toBe(message);
  expect(outbid).toBeChecked();
  expect(screen.getByRole('status')).not.toHaveTextContent('Saved');
});
