import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../log';
import type { CmsDirectory } from '../recipients/cms-directory';
import type { NotifierModels } from '../store/models';
import { verifyUnsubscribe } from '../mail/unsubscribe-link';
import { HttpError, applyCors, readBody, sendHtml, sendJson } from './http-kit';
import { confirmPage, donePage, refusedPage } from './unsubscribe-page';
import { setEmailPreferences, userRoutes, watchers } from './user-routes';

export interface NotifierHttpOptions {
  models: NotifierModels;
  directory: Pick<CmsDirectory, 'auctionExists'>;
  log: Logger;
  corsOrigins: string[];
  appUrl: string;
  unsubscribeSecret: string;
  /** Whose access token this is (the cms says: service-support's authenticateWithCms); null if none or not valid. */
  authenticate(token: string): Promise<{ id: number } | null>;
  health(): { status: 'ok' | 'degraded'; dependencies: Record<string, { up: boolean; reason?: string }> };
}

/**
 * The notifier's HTTP API: the app's notifications, preferences and
 * watchlist (with the user's access token), and the unsubscribe links of
 * mails (signed, no login). Every bad request is a 4xx with a message.
 */
export function notifierHttp(options: NotifierHttpOptions) {
  const { models, log } = options;
  const routes = userRoutes(models, options.directory);

  const userOf = async (req: IncomingMessage, required: boolean): Promise<number | null> => {
    const header = req.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (!token) {
      if (required) throw new HttpError(401, 'Sign in first: this needs your access token (Authorization: Bearer <jwt>).');
      return null;
    }
    let user: { id: number } | null;
    try {
      user = await options.authenticate(token);
    } catch {
      throw new HttpError(503, 'Your sign-in cannot be checked right now (the cms does not answer). Try again in a few seconds.');
    }
    if (!user) throw new HttpError(401, 'Your session has expired or is not valid: sign in again.');
    return user.id;
  };

  const unsubscribe = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const checked = verifyUnsubscribe(options.unsubscribeSecret, {
      u: url.searchParams.get('u'),
      k: url.searchParams.get('k'),
      s: url.searchParams.get('s'),
    });
    if (!checked.ok) return sendHtml(res, 400, refusedPage(checked.reason));
    if (req.method === 'GET') return sendHtml(res, 200, confirmPage(checked.kind, `${url.pathname}${url.search}`));
    await readBody(req);
    await setEmailPreferences(models, checked.userId, { [checked.kind]: false });
    log.info({ userId: checked.userId, kind: checked.kind }, 'unsubscribed by link');
    return sendHtml(res, 200, donePage(checked.kind, options.appUrl));
  };

  const route = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://notifier.local');
    const { pathname } = url;
    const method = req.method ?? 'GET';
    if (pathname === '/healthz') {
      const report = options.health();
      return sendJson(res, report.status === 'ok' ? 200 : 503, report);
    }
    if (pathname === '/unsubscribe') {
      if (method !== 'GET' && method !== 'POST') throw new HttpError(405, 'Open the link from the mail, or POST it.');
      return unsubscribe(req, res, url);
    }
    if (applyCors(req, res, options.corsOrigins)) return;

    if (pathname === '/api/notifications' && method === 'GET') {
      return sendJson(res, 200, await routes.notifications((await userOf(req, true))!, url.searchParams));
    }
    if (pathname === '/api/notifications/read' && method === 'POST') {
      const userId = (await userOf(req, true))!;
      return sendJson(res, 200, { data: await routes.markRead(userId, (await readBody(req)).json) });
    }
    if (pathname === '/api/notification-preferences' && (method === 'GET' || method === 'PUT')) {
      const userId = (await userOf(req, true))!;
      const data = method === 'GET' ? await routes.preferences(userId) : await routes.setPreferences(userId, (await readBody(req)).json);
      return sendJson(res, 200, { data });
    }
    if (pathname === '/api/my-bids' && method === 'GET') {
      return sendJson(res, 200, { data: await routes.myBids((await userOf(req, true))!) });
    }
    if (pathname === '/api/watchlist' && method === 'GET') {
      return sendJson(res, 200, { data: await routes.watchlist((await userOf(req, true))!) });
    }
    const watch = /^\/api\/watchlist\/([^/]+)$/.exec(pathname);
    if (watch && (method === 'PUT' || method === 'DELETE')) {
      const userId = (await userOf(req, true))!;
      return sendJson(res, 200, { data: await routes.watch(userId, decodeURIComponent(watch[1]!), method === 'PUT') });
    }
    const watched = /^\/api\/auctions\/([^/]+)\/watchers$/.exec(pathname);
    if (watched && method === 'GET') {
      return sendJson(res, 200, { data: await watchers(models, decodeURIComponent(watched[1]!), await userOf(req, false)) });
    }
    throw new HttpError(404, `No such route: ${method} ${pathname}`);
  };

  return (req: IncomingMessage, res: ServerResponse) => {
    route(req, res).catch((err: unknown) => {
      if (res.headersSent) return void res.destroy();
      if (err instanceof HttpError) return sendJson(res, err.status, { error: { status: err.status, message: err.message } });
      log.error({ err, url: req.url }, 'request failed');
      // A store that is down: the request may be retried.
      sendJson(res, 503, { error: { status: 503, message: 'Notifications are not available right now. Try again in a few seconds.' } });
    });
  };
}
