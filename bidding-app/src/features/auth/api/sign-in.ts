import { authResponseSchema, type AuthUser } from '@car-auction/contracts';
import { apiRequest } from '../../../lib/api-client';
import { sessionStore } from '../../../lib/session-store';

/** Posts credentials to a users-permissions auth endpoint and starts the session it answers with. */
export async function signInThrough(path: string, credentials: object): Promise<AuthUser> {
  // The schema drops what else the plugin sends about the user, so only the contract's fields are stored.
  const body = await apiRequest(path, { method: 'POST', body: credentials, schema: authResponseSchema });
  sessionStore.signIn(body);
  return body.user;
}
