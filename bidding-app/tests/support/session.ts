import { sessionStore } from '../../src/lib/session-store';
import { fakeJwt } from './fetch-stub';

/** Logs a user in with an access token good for an hour (after-env.ts logs out after each test). */
export function signIn(id = 7, username = 'alice'): void {
  sessionStore.signIn({
    jwt: fakeJwt(Date.now() + 3_600_000, id),
    refreshToken: 'r',
    user: { id, username, email: `${username}@example.test` },
  });
}
