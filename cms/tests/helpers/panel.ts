import request from 'supertest';
import type { Core } from '@strapi/strapi';

/** The local panel accounts the cms creates at bootstrap (bootstrap/admin-accounts.ts). */
export const PANEL_ACCOUNTS = {
  editor: { email: 'editor@car-auction.local', password: 'Editor-pass-1234' },
  admin: { email: 'admin@car-auction.local', password: 'Admin-pass-1234' },
} as const;

export interface PanelSession {
  token: string;
  get(url: string): request.Test;
  post(url: string, body: object): request.Test;
  put(url: string, body: object): request.Test;
  delete(url: string): request.Test;
}

/** Logs in to the admin panel's API as one of its accounts, through the mounted app, as the panel does. */
export async function panelSession(strapi: Core.Strapi, who: keyof typeof PANEL_ACCOUNTS): Promise<PanelSession> {
  const http = () => request(strapi.server.httpServer);
  const login = await http().post('/admin/login').send(PANEL_ACCOUNTS[who]);
  if (login.status !== 200) throw new Error(`panel login as ${who}: ${login.status} ${JSON.stringify(login.body).slice(0, 200)}`);
  const token = login.body.data.token as string;
  const auth = (req: request.Test) => req.set('Authorization', `Bearer ${token}`);
  return {
    token,
    get: (url) => auth(http().get(url)),
    post: (url, body) => auth(http().post(url)).send(body),
    put: (url, body) => auth(http().put(url)).send(body),
    delete: (url) => auth(http().delete(url)),
  };
}
