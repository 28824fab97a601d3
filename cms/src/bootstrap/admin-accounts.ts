import type { Core } from '@strapi/strapi';

const EDITOR_ROLE_CODE = 'strapi-editor';
// Editors pick an auction's increment table, and keep the tables, as they keep cars and auctions.
const EDITOR_SUBJECTS = ['api::car.car', 'api::auction.auction', 'api::increment-table.increment-table'];
const EDITOR_ACTIONS = ['create', 'read', 'update', 'delete', 'publish'].map((action) => `plugin::content-manager.explorer.${action}`);
// Sales are admins' follow-up (payments, buyers): not the editors'. Strapi gives the Editor role
// every content type that exists when it first creates the roles, so they are taken back here.
const ADMIN_ONLY_SUBJECTS = ['api::sale.sale'];

interface AccountSpec {
  email: string;
  password: string;
  firstname: string;
}

function accountsFromEnv(): { admin: AccountSpec; editor: AccountSpec } {
  return {
    admin: {
      email: process.env.ADMIN_EMAIL ?? 'admin@car-auction.local',
      password: process.env.ADMIN_PASSWORD ?? 'Admin-pass-1234',
      firstname: 'Admin',
    },
    editor: {
      email: process.env.EDITOR_EMAIL ?? 'editor@car-auction.local',
      password: process.env.EDITOR_PASSWORD ?? 'Editor-pass-1234',
      firstname: 'Editor',
    },
  };
}

async function createAdminUser(strapi: Core.Strapi, spec: AccountSpec, roleId: number) {
  await strapi.service('admin::user').create({
    email: spec.email,
    firstname: spec.firstname,
    lastname: 'Local',
    password: spec.password,
    isActive: true,
    registrationToken: null,
    roles: [roleId],
  });
  strapi.log.info(`created admin-panel account ${spec.email} / ${spec.password} (${spec.firstname} role; change it for any shared use)`);
}

/**
 * Local accounts so nobody meets the "create the first admin" form: a super
 * admin if there is no admin yet, and a content editor with Strapi's Editor role.
 */
export async function ensureAdminAccounts(strapi: Core.Strapi): Promise<void> {
  const { admin, editor } = accountsFromEnv();
  const roles = strapi.service('admin::role');

  if ((await strapi.db.query('admin::user').count()) === 0) {
    const superAdmin = await roles.getSuperAdmin();
    await createAdminUser(strapi, admin, superAdmin.id);
  }

  const editorRole = await roles.findOne({ code: EDITOR_ROLE_CODE });
  if (!editorRole) throw new Error('Strapi Editor role is missing');
  // The Editor role gets content-manager rights on the content types that existed
  // when roles were first created; make sure ours are covered whenever they were added.
  const held = await strapi.service('admin::permission').findMany({ where: { role: { id: editorRole.id } } });
  const has = (action: string, subject: string) =>
    held.some((p: { action: string; subject: string }) => p.action === action && p.subject === subject);
  // Built the way Strapi builds the Editor's defaults, so field lists are complete.
  const contentTypeActions = strapi
    .service('admin::permission')
    .actionProvider.values()
    .filter((a: { section: string }) => a.section === 'contentTypes');
  const missing = strapi
    .service('admin::content-type')
    .getPermissionsWithNestedFields(contentTypeActions)
    .filter(
      (p: { action: string; subject: string }) =>
        EDITOR_SUBJECTS.includes(p.subject) && EDITOR_ACTIONS.includes(p.action) && !has(p.action, p.subject),
    );
  if (missing.length > 0) await roles.addPermissions(editorRole.id, missing);
  const adminOnly = held.filter((p: { subject: string }) => ADMIN_ONLY_SUBJECTS.includes(p.subject)).map((p: { id: number }) => p.id);
  if (adminOnly.length > 0) await strapi.service('admin::permission').deleteByIds(adminOnly);

  const existingEditor = await strapi.db.query('admin::user').findOne({ where: { email: editor.email } });
  if (!existingEditor) await createAdminUser(strapi, editor, editorRole.id);
}
