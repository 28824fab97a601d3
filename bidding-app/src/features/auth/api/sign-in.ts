import { z } from 'zod';
import { apiRequest } from '../../../lib/api-client';
import { sessionStore } from '../../../lib/session-store';

/** What users-permissions answers to login and register in `refresh` mode. */
const authResponseSchema = z.object({
  jwt: z.string().min(1),
  refreshToken: z.string().min(1),
  user: z.object({ id: z.number().int().positive(), username: z.string(), email: z.string() }),
});

/** Posts credentials to a users-permissions auth endpoint and starts the session it answers with. */
export async function signInThrough(path: string, credentials: object) {
  const body = await apiRequest(path, { method: 'POST', body: credentials, schema: authResponseSchema });
  const { id, username, email } = body.user;
  sessionStore.signIn({ jwt: body.jwt, refreshToken: body.refreshToken, user: { id, username, email } });
  return body.user;
}
