import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { USER_CONTACTS_MAX_IDS, type UserContact } from '@car-auction/contracts';

interface UserRow {
  id: number;
  username: string;
  email: string;
  blocked: boolean | null;
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** The users asked for that exist (an id with no user is simply absent), with what a mail needs. */
  async findMany(ctx: Context) {
    const raw = typeof ctx.query.ids === 'string' ? ctx.query.ids : '';
    const ids = raw.split(',').filter(Boolean);
    if (ids.length === 0 || ids.length > USER_CONTACTS_MAX_IDS || !ids.every((id) => /^[1-9]\d{0,15}$/.test(id))) {
      return ctx.badRequest(`ids must be 1 to ${USER_CONTACTS_MAX_IDS} user ids, comma-separated (?ids=1,2,3)`);
    }
    const rows = (await strapi.db.query('plugin::users-permissions.user').findMany({
      where: { id: { $in: ids.map(Number) } },
      select: ['id', 'username', 'email', 'blocked'],
    })) as UserRow[];
    ctx.body = {
      data: rows.map((u): UserContact => ({ id: u.id, username: u.username, email: u.email, blocked: u.blocked === true })),
    };
  },
});
