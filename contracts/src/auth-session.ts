import { z } from 'zod';

/**
 * What Strapi's users-permissions plugin answers, in its `refresh` JWT mode
 * (cms/config/plugins.ts), to POST /api/auth/local, /api/auth/local/register
 * and /api/auth/refresh. Only the fields clients use are read; the plugin
 * sends more (confirmed, blocked, timestamps), which are dropped.
 */

/** A short-lived access token and the single-use token that renews it: the body of /api/auth/refresh. */
export const authTokensSchema = z.object({
  jwt: z.string().min(1),
  refreshToken: z.string().min(1),
});
export type AuthTokens = z.infer<typeof authTokensSchema>;

/** The logged-in user as the plugin describes them. */
export const authUserSchema = z.object({
  id: z.number().int().positive(),
  username: z.string(),
  email: z.string(),
});
export type AuthUser = z.infer<typeof authUserSchema>;

/** The body of a login or a registration: the tokens and who they belong to. */
export const authResponseSchema = authTokensSchema.extend({ user: authUserSchema });
export type AuthResponse = z.infer<typeof authResponseSchema>;
