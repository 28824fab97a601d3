import { z } from 'zod';
import type { Session } from '../../../lib/session-store';

/** What users-permissions answers to login and register in `refresh` mode. */
export const authResponseSchema = z.object({
  jwt: z.string().min(1),
  refreshToken: z.string().min(1),
  user: z.object({ id: z.number().int().positive(), username: z.string(), email: z.string() }),
});

export const toSession = (body: z.infer<typeof authResponseSchema>): Session => ({
  jwt: body.jwt,
  refreshToken: body.refreshToken,
  user: { id: body.user.id, username: body.user.username, email: body.user.email },
});
