import '@testing-library/jest-dom';
import { cleanup } from '@testing-library/react';
import { sessionStore } from '../../src/lib/session-store';

afterEach(() => {
  cleanup();
  // Each test starts logged out, with nothing remembered.
  sessionStore.signOut('logged_out');
  sessionStore.acknowledgeEnd();
  localStorage.clear();
});
