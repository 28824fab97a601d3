import { z } from 'zod';
import { serverTimeMetaSchema, type ApiErrorBody } from '@car-auction/contracts';
import { env } from '../config/env';
import { noteServerTime } from './server-clock';
import { currentAccessToken, refreshSession } from './session-refresh';
import { sessionStore } from './session-store';

/** The server answered with an error; `message` is the server's own words, shown as written. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The server could not be reached at all. */
export class NetworkError extends Error {
  constructor() {
    super("Can't reach the auction server. Check your connection and try again.");
    this.name = 'NetworkError';
  }
}

export const SESSION_EXPIRED_MESSAGE = 'Your session has expired. Please log in again.';

/** The servers the app calls: the cms (Strapi) and the notifier. Both take the cms's access token. */
export type ApiService = 'cms' | 'notifier';

export interface RequestOptions<S extends z.ZodType> {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  /**
   * `user`: send the access token, renewing it once on a 401; `none`: anonymous;
   * `optional`: the token when logged in (the answer then says more, e.g.
   * whether you watch), anonymous otherwise.
   */
  auth?: 'user' | 'optional' | 'none';
  /** Which server answers; the cms unless said. */
  service?: ApiService;
  /** Validates the response body: what reaches the app is what the contract says. */
  schema: S;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

/** Any answer may carry the server's clock; countdowns run on it. */
const serverStampSchema = z.object({ meta: serverTimeMetaSchema });

/**
 * Reads Strapi's error envelope (the contracts' ApiErrorBody) field by field,
 * each one checked: a proxy in front of the cms may answer with less, or with no JSON.
 * The notifier's `{ error: { status, message } }` is the same envelope without details.
 */
function errorFrom(status: number, body: unknown): ApiError {
  const error = (body as { error?: Partial<ApiErrorBody['error']> } | null)?.error;
  const message = typeof error?.message === 'string' && error.message !== '' ? error.message : `The server answered ${status}`;
  const code = typeof error?.details?.code === 'string' ? error.details.code : null;
  return new ApiError(status, message, code);
}

const baseUrlOf = (service: ApiService = 'cms') => (service === 'notifier' ? env.notifierUrl : env.cmsUrl);

async function send(path: string, options: RequestOptions<z.ZodType>, token: string | null) {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  const sentAt = Date.now();
  let res: Response;
  try {
    res = await fetch(`${baseUrlOf(options.service)}${path}`, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new NetworkError();
  }
  const receivedAt = Date.now();
  const body: unknown = await res.json().catch(() => null);
  // Only the cms stamps its answers; one without a stamp (the notifier's) leaves the clock alone.
  const stamp = serverStampSchema.safeParse(body);
  if (stamp.success) noteServerTime(stamp.data.meta.serverTime, sentAt, receivedAt);
  return { res, body };
}

/** The one way the app talks to the REST APIs (the cms's and the notifier's). */
export async function apiRequest<S extends z.ZodType>(path: string, options: RequestOptions<S>): Promise<z.infer<S>> {
  const auth = options.auth ?? 'none';
  let token = auth === 'none' ? null : await currentAccessToken();
  if (auth === 'user' && !token) throw new ApiError(401, 'Log in to do that.', 'unauthorized');
  const withUser = token !== null;
  let { res, body } = await send(path, options, token);
  if (withUser && res.status === 401) {
    // The access token may have ended between our check and the server's: renew once and retry.
    const renewed = await refreshSession().catch(() => false);
    if (!renewed) {
      if (!sessionStore.get().session) throw new ApiError(401, SESSION_EXPIRED_MESSAGE, 'session_expired');
      throw errorFrom(res.status, body);
    }
    token = sessionStore.get().session?.jwt ?? null;
    ({ res, body } = await send(path, options, token));
    if (res.status === 401) {
      sessionStore.signOut('expired');
      throw new ApiError(401, SESSION_EXPIRED_MESSAGE, 'session_expired');
    }
  }
  if (!res.ok) throw errorFrom(res.status, body);
  const parsed = options.schema.safeParse(body);
  if (!parsed.success) throw new ApiError(res.status, 'The server sent something this app does not understand. Reload the page.');
  return parsed.data;
}

/** A message for people from anything a request can throw. */
export function messageOf(err: unknown): string {
  if (err instanceof ApiError || err instanceof NetworkError) return err.message;
  return 'Something went wrong. Try again.';
}
